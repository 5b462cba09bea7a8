"""The one Starlette app: web chat, Telegram and WhatsApp webhooks, dashboard, health."""
