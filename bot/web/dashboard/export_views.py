"""CSV and XLSX of the filtered leads list, streamed; NIK in clear only for roles that may."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse

from bot.crypto import Crypto
from bot.exports import csv_chunks, export_rows, read_engine, write_xlsx
from bot.storage.db import make_session_factory
from bot.web.dashboard.filters import parse_filter
from bot.web.dashboard.leads_views import _now
from bot.web.dashboard.security import Viewer, staff_only

log = logging.getLogger(__name__)


def _setup(request: Request, viewer: Viewer):  # type: ignore[no-untyped-def]
    services = request.app.state.services
    f = parse_filter(request.query_params, viewer)
    with_nik = viewer.can_see_nik and request.query_params.get("nik") == "1"
    reveal = Crypto(services.settings.secret_key).decrypt if with_nik else None
    if with_nik:
        log.warning("export with NIK by %s: %s", viewer.actor, request.url.query)
    sessions = make_session_factory(read_engine(services.db))
    stamp = _now(request).strftime("%Y%m%d-%H%M")
    return f, reveal, sessions, f"leads-{stamp}"


@staff_only()
async def export_csv(request: Request, viewer: Viewer) -> Response:
    f, reveal, sessions, name = _setup(request, viewer)

    def chunks() -> Iterator[bytes]:
        with sessions() as session:
            yield from csv_chunks(export_rows(session, viewer.scope, f, reveal_nik=reveal))

    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}.csv"',
            "Cache-Control": "no-store",
        },
    )


@staff_only()
async def export_xlsx(request: Request, viewer: Viewer) -> Response:
    f, reveal, sessions, name = _setup(request, viewer)
    folder = Path(tempfile.mkdtemp(prefix="jb-export-"))
    path = folder / f"{name}.xlsx"

    def build() -> None:
        with sessions() as session:
            write_xlsx(export_rows(session, viewer.scope, f, reveal_nik=reveal), path)

    try:
        await run_in_threadpool(build)
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
