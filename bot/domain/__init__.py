"""Pure rules and parsers: no I/O, no translation; values in, values or typed errors out."""
