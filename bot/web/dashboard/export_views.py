"""CSV and XLSX of the filtered leads list, streamed; NIK in clear only for roles that may.

A GET never has NIKs (a link on another site can trigger a GET). The export with NIK is a
POST carrying the session's CSRF token, by a role with the NIK permission, and writes an
`audit_events` row (who, when, the filter, the row count) before the first byte goes out.
Roles without that permission get phone numbers masked and no birth dates.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse

from bot.crypto import Crypto
from bot.exports import LeadRows, csv_chunks, export_rows, read_engine, write_xlsx
from bot.storage.audit import record_export
from bot.storage.db import make_session_factory
from bot.storage.lead_queries import LeadFilter
from bot.storage.staff import LEAD_ROLES
from bot.web.dashboard.filters import dated, parse_filter
from bot.web.dashboard.leads_views import now
from bot.web.dashboard.render import error_page
from bot.web.dashboard.security import Viewer, form_of, staff_only
from bot.xlsx import SheetFull

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Export:
    """What one export request asked for: the viewer's filtered rows, NIK in clear or not."""

    viewer: Viewer
    f: LeadFilter
    reveal: Callable[[bytes], str] | None
    sessions: sessionmaker[Session]
    name: str

    def rows(self, session: Session) -> LeadRows:
        mask = not self.viewer.can_see_nik
        return export_rows(
            session, self.viewer.scope, self.f, reveal_nik=self.reveal, mask_contact=mask
        )


def _setup(request: Request, viewer: Viewer) -> _Export:
    services = request.app.state.services
    if request.method == "POST":
        params = QueryParams(
            [(k, v) for k, v in form_of(request).multi_items() if isinstance(v, str)]
        )
    else:
        params = request.query_params
    with services.sessions() as session:
        f = dated(session, viewer, parse_filter(params, viewer), now(request))
    with_nik = request.method == "POST" and viewer.can_see_nik and params.get("nik") == "1"
    if with_nik:
        with services.sessions.begin() as session:
            rows = record_export(
                session, actor=viewer.actor, scope=viewer.scope, f=f, now=now(request)
            )
        log.warning("export with NIK by %s: %d rows (audited)", viewer.actor, rows)
    return _Export(
        viewer=viewer,
        f=f,
        reveal=Crypto(services.settings.secret_key).decrypt if with_nik else None,
        sessions=make_session_factory(read_engine(services.db)),
        name=f"leads-{now(request).strftime('%Y%m%d-%H%M')}",
    )


@staff_only(*LEAD_ROLES)
async def export_csv(request: Request, viewer: Viewer) -> Response:
    export = await run_in_threadpool(_setup, request, viewer)

    def chunks() -> Iterator[bytes]:
        with export.sessions() as session:
            yield from csv_chunks(export.rows(session))

    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{export.name}.csv"',
            "Cache-Control": "no-store",
        },
    )


@staff_only(*LEAD_ROLES)
async def export_xlsx(request: Request, viewer: Viewer) -> Response:
    export = await run_in_threadpool(_setup, request, viewer)
    folder = Path(tempfile.mkdtemp(prefix="jb-export-"))
    path = folder / f"{export.name}.xlsx"

    def build() -> None:
        with export.sessions() as session:
            write_xlsx(export.rows(session), path)

    try:
        await run_in_threadpool(build)
    except SheetFull:
        shutil.rmtree(folder, ignore_errors=True)
        return error_page(request, viewer, 413)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        path,
        filename=path.name,
        headers={"Cache-Control": "no-store"},
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
