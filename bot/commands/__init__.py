"""Subcommands of `python -m bot`, one module per group, each with a `register(subparsers)`."""
