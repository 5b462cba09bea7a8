"""Fixtures shared with the flow tests: the officers' team (tests/handlers/test_officer_flow)."""

from tests.handlers.test_officer_flow import team  # noqa: F401
