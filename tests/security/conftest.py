"""Fixtures shared with the flow and web tests: the officers' team, the dashboard's world,
and the WhatsApp webhook's configured bot."""

from tests.channels.conftest import bot, graph, wa_settings  # noqa: F401
from tests.handlers.test_officer_flow import team  # noqa: F401
from tests.web.test_dashboard_http import base_url, world  # noqa: F401
