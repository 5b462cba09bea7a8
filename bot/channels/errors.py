"""Why a send to a platform failed, sorted by what the sender should do next.

ChannelError                the platform did not take the message
├── Retryable(retry_after)  5xx, a timeout, throttling (WhatsApp 130429): try again later
├── OutsideWindow           WhatsApp 131047: 24 hours since the user wrote; record, no retry
└── Rejected                any other 4xx: the request is wrong; retrying cannot help
"""

from __future__ import annotations


class ChannelError(Exception):
    """The platform did not take the message; `code` is its error code, as text."""

    def __init__(self, message: str, *, code: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail


class Retryable(ChannelError):
    """A passing failure; `retry_after` is the platform's hint in seconds, when it gave one."""

    def __init__(
        self, message: str, *, code: str = "", detail: str = "", retry_after: float | None = None
    ) -> None:
        super().__init__(message, code=code, detail=detail)
        self.retry_after = retry_after


class OutsideWindow(ChannelError):
    """The user's last message is more than 24 hours old: only a template may be sent."""


class Rejected(ChannelError):
    """The platform refused the request itself (bad parameter, unknown recipient …)."""
