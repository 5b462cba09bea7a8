"""The branch dashboard, mounted at /dashboard: staff log in, follow leads up, export them."""

from __future__ import annotations

from starlette.routing import Mount, Route

from bot.web.dashboard import (
    auth_views,
    export_views,
    handover_views,
    leads_views,
    messages_views,
    officers_views,
    outbox_views,
    programmes_views,
)

routes = [
    Mount(
        "/dashboard",
        routes=[
            Route("/", leads_views.overview, name="dashboard"),
            Route("/login", auth_views.login_page, methods=["GET"]),
            Route("/login", auth_views.login, methods=["POST"]),
            Route("/logout", auth_views.logout, methods=["POST"]),
            Route("/leads", leads_views.leads, methods=["GET"]),
            Route("/leads/export.csv", export_views.export_csv, methods=["GET", "POST"]),
            Route("/leads/export.xlsx", export_views.export_xlsx, methods=["GET", "POST"]),
            Route("/leads/{lead_id:int}", leads_views.lead, methods=["GET"]),
            Route("/leads/{lead_id:int}/status", leads_views.change_status, methods=["POST"]),
            Route("/leads/{lead_id:int}/nik", leads_views.reveal_nik, methods=["POST"]),
            Route("/leads/{lead_id:int}/message", messages_views.message, methods=["POST"]),
            Route("/templates", messages_views.templates_page, methods=["GET", "POST"]),
            Route("/officers", officers_views.officers, methods=["GET"]),
            Route("/officers", officers_views.add, methods=["POST"]),
            Route("/officers/{officer_id:int}/deactivate", officers_views.toggle, methods=["POST"]),
            Route("/officers/{officer_id:int}/activate", officers_views.toggle, methods=["POST"]),
            Route("/officers/{officer_id:int}/poster.png", officers_views.poster, methods=["GET"]),
            Route("/officers/{officer_id:int}/poster.pdf", officers_views.poster, methods=["GET"]),
            Route("/outbox", outbox_views.outbox_page, methods=["GET", "POST"]),
            Mount("/programmes", routes=programmes_views.routes),
            Mount("/handovers", routes=handover_views.routes),
        ],
    ),
]
