"""``serve``: Datasette over a contradict database, with our metadata and plugin.

The plugin (finding page, review form, templates) is loaded by Datasette through the
``datasette`` entry point, so plain ``datasette case.db`` shows finding pages too;
``serve`` adds the metadata, the settings and, with ``--reviews``, the review form.

:func:`build_metadata` turns the bundled ``datasette/metadata.yml`` into Datasette metadata for
one database; :func:`make_datasette` builds the Datasette instance (tests use its ASGI
client); :func:`serve` runs it with uvicorn on localhost. Datasette is imported lazily so
that ``contradict --help`` stays fast.
"""

from __future__ import annotations

import copy
import errno
import socket
from pathlib import Path
from typing import Any

import yaml

from . import store
from .errors import ContradictError, UsageError

HERE = Path(__file__).parent / "datasette"
METADATA_PATH = HERE / "metadata.yml"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

SETTINGS = {
    "default_page_size": 50,
    "truncate_cells_html": 600,  # quotes are shorter; a document's full text is not
    "sql_time_limit_ms": 3000,
}


class ServeError(ContradictError):
    """The server could not start."""


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives a database file: its stem."""
    return Path(db_path).stem


def build_metadata(db_path: str | Path, case: str | None = None) -> dict[str, Any]:
    """Datasette metadata for the database at ``db_path`` (titles, descriptions, facets,
    sort orders, hidden tables and canned queries)."""
    from .detect import types

    text = METADATA_PATH.read_text(encoding="utf-8")
    raw = yaml.safe_load(text.replace("{detector_types}", ", ".join(types())))
    section = copy.deepcopy(raw.pop("database"))
    section["title"] = section["title"].format(case=case or database_name(db_path))
    raw["databases"] = {database_name(db_path): section}
    return raw


def _case_name(db_path: Path) -> str | None:
    db = store.open_db(db_path, create=False)  # applies pending migrations, so the views exist
    try:
        folder = store.last_scanned_folder(db)
    finally:
        db.close()
    return Path(folder).name if folder else None


def make_datasette(
    db_path: str | Path, *, reviews: bool = False, password: str | None = None
) -> Any:
    """A Datasette instance serving ``db_path`` with contradict's metadata and finding page.

    ``reviews`` allows recording reviews from the browser (from this machine only, unless a
    ``password`` is set, which the review form then requires).
    """
    from datasette.app import Datasette

    from .datasette import plugin

    check_plugin()
    path = Path(db_path)
    metadata = build_metadata(path, _case_name(path))
    ds = Datasette(files=[str(path)], metadata=metadata, settings=dict(SETTINGS))
    plugin.configure(
        ds, plugin.Options(database=database_name(path), reviews=reviews, password=password or None)
    )
    return ds


def check_plugin() -> None:
    """Fail clearly when Datasette did not load contradict's plugin through its entry point
    (contradict run from a source tree that was never installed)."""
    from datasette.plugins import pm

    if not any(name == "contradict" for name, _ in pm.list_name_plugin()):
        raise ServeError(
            "Datasette did not load contradict's plugin (no 'datasette' entry point)",
            "install contradict with pip (pip install -e . in a checkout)",
        )


def check_port(host: str, port: int) -> None:
    """Fail with a clear message if ``host:port`` cannot be bound (in use, bad address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServeError(
                    f"port {port} on {host} is in use",
                    "stop the other server or choose another --port",
                ) from None
            raise ServeError(
                f"cannot listen on {host}:{port} ({exc.strerror or exc})", "use --host 127.0.0.1"
            ) from None


def serve(
    db_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    reviews: bool = False,
    password: str | None = None,
    on_ready: Any = None,
) -> None:
    """Run Datasette on ``host:port`` until interrupted."""
    import asyncio

    import uvicorn

    if not 0 < port < 65536:
        raise UsageError(f"port {port} is out of range", "choose a port between 1 and 65535")
    ds = make_datasette(db_path, reviews=reviews, password=password)
    check_port(host, port)
    asyncio.run(ds.invoke_startup())
    if on_ready:
        on_ready(f"http://{'[' + host + ']' if ':' in host else host}:{port}/")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", access_log=False)
