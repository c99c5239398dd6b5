"""contradict's Datasette plugin: the finding page and review form.

Installed with contradict through the ``datasette`` entry-point group, so it is active in
``contradict serve`` and in plain ``datasette case.db`` alike. ``contradict serve`` configures
it (which database, whether reviews may be written); under plain Datasette it configures
itself at startup for the first database that has the ``finding_details`` view, read-only.

Routes (active once the plugin is configured for a database):

- ``/-/contradict/finding/<id>``: both quotes highlighted in their paragraphs, links to the
  documents, the explanation, the review history and (with ``serve --reviews``) a review form;
  a POST stores a review through :func:`contradict.review.record`.
- ``/-/contradict/conflict/<id>``: a conflict (findings that are the same contradiction): its
  strongest pair, its member findings and a form that reviews them all at once.
- ``/-/contradict/contradict.css``: the stylesheet for the finding page and the findings table.

Writes are refused unless reviews were enabled; then only requests from this machine are
accepted, unless a password was set, in which case the form must carry it. Datasette's CSRF
protection (asgi-csrf) checks the form's token against its cookie; the handler also requires
the cookie, because asgi-csrf lets a POST without any cookie through.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markupsafe
from datasette import hookimpl
from datasette.utils.asgi import Response

CSS_PATH = Path(__file__).parent / "contradict.css"
FINDING_ROUTE = r"/-/contradict/finding/(?P<id>[^/]+)$"  # any id: ours answers 404, not Datasette
CONFLICT_ROUTE = r"/-/contradict/conflict/(?P<id>[^/]+)$"
_ID = re.compile(r"^[0-9a-f]{20}$")
_CONFLICT_ID = re.compile(r"^[0-9a-f]{16}$")
_CONFLICT_COLUMNS = {"conflict_details": "id", "conflicts": "id", "findings": "conflict_id",
                     "finding_details": "conflict_id"}
_HEX = re.compile(r"^[0-9a-f]{1,64}$")
_LINKED_COLUMNS = {
    "finding_details": "id",
    "reviews": "finding_id",
    "latest_reviews": "finding_id",
    "orphaned_reviews": "finding_id",
}


@dataclass
class Options:
    """What ``contradict serve`` was started with, kept per Datasette instance."""

    database: str
    reviews: bool = False
    password: str | None = None


_options: weakref.WeakKeyDictionary[Any, Options] = weakref.WeakKeyDictionary()


def configure(datasette: Any, options: Options) -> None:
    _options[datasette] = options


@hookimpl
def startup(datasette: Any) -> Any:
    """Under plain ``datasette DB``: serve finding pages for the first contradict database
    (reviews off: ``contradict serve DB --reviews`` enables them)."""

    async def find_case_database() -> None:
        if options_for(datasette) is not None:
            return  # configured by contradict serve
        for name, db in datasette.databases.items():
            if name.startswith("_"):
                continue  # _internal, _memory
            if "finding_details" in await db.view_names():
                configure(datasette, Options(database=name))
                return

    return find_case_database


def options_for(datasette: Any) -> Options | None:
    return _options.get(datasette)


def finding_url(datasette: Any, finding_id: str) -> str:
    return str(datasette.urls.path(f"/-/contradict/finding/{finding_id}"))


def conflict_url(datasette: Any, conflict_id: str) -> str:
    return str(datasette.urls.path(f"/-/contradict/conflict/{conflict_id}"))


def is_local(request: Any) -> bool:
    """True when the request comes from this machine (the TCP peer, not a header)."""
    client = request.scope.get("client")
    if not client:
        return False
    try:
        return ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return client[0] == "localhost"


def write_refusal(opts: Options, request: Any, form: dict[str, str]) -> str | None:
    """Why this POST may not write, or None when it may."""
    if not opts.reviews:
        return "Reviews from the browser are off: start the server with `contradict serve DB --reviews`."
    if opts.password:
        given = form.get("password", "")
        if not hmac.compare_digest(given.encode("utf-8"), opts.password.encode("utf-8")):
            return "Wrong password: the review was not saved."
    elif not is_local(request):
        return "Reviews are accepted only from this machine unless the server has a password (--password)."
    if "ds_csrftoken" not in request.cookies:
        return "The form's security token is missing: reload the finding page and try again."
    return None


@hookimpl
def register_routes(datasette: Any) -> list:
    return [
        (FINDING_ROUTE, finding_view),
        (CONFLICT_ROUTE, conflict_view),
        (r"/-/contradict/contradict\.css$", css_view),
    ]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    if options_for(datasette) is None:
        return []
    return [str(datasette.urls.path("/-/contradict/contradict.css"))]


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """Link finding ids to the finding page, in tables, views and canned queries."""
    opts = options_for(datasette)
    if opts is None or database != opts.database or not isinstance(value, str):
        return None
    if _CONFLICT_ID.match(value):
        if (column == "conflict_id") if table is None else _CONFLICT_COLUMNS.get(table) == column:
            return markupsafe.Markup('<a href="{}">{}</a>').format(conflict_url(datasette, value), value)
        return None
    if not _ID.match(value):
        return None
    if table is None:
        wanted = column in ("id", "finding_id")
    else:
        wanted = _LINKED_COLUMNS.get(table) == column
    if not wanted:
        return None
    return markupsafe.Markup('<a href="{}">{}</a>').format(finding_url(datasette, value), value)


@hookimpl
def extra_template_vars(datasette: Any) -> dict:
    """``contradict_finding_url(id)`` for our templates (the findings table links)."""
    if options_for(datasette) is None:
        return {}
    return {"contradict_finding_url": lambda finding_id: finding_url(datasette, finding_id),
            "contradict_conflict_url": lambda conflict_id: conflict_url(datasette, conflict_id)}


async def css_view(datasette: Any) -> Response:
    if options_for(datasette) is None:
        return Response.text("Not found", status=404)
    return Response(
        CSS_PATH.read_text(encoding="utf-8"),
        content_type="text/css; charset=utf-8",
        headers={"Cache-Control": "max-age=300"},
    )


@dataclass(frozen=True)
class Page:
    """A page with a review form: a finding's or a conflict's."""

    template: str
    id_name: str  # what the template calls the id
    load: str  # the contradict.review function that reads the page (None: no such id)
    save: str  # ... and the one that records a review posted on it
    saved: Callable[[Any, str], str]  # the message once saved
    url: Callable[[Any, str], str]


FINDING_PAGE = Page("contradict_finding.html", "finding_id", "finding_page", "record",
                    lambda result, status: f"Review saved: {status}.", finding_url)
CONFLICT_PAGE = Page("contradict_conflict.html", "conflict_id", "conflict_page", "record_conflict",
                     lambda result, status: f"Review saved for {len(result)} findings: {status}.", conflict_url)


async def finding_view(datasette: Any, request: Any) -> Response:
    """``/-/contradict/finding/<id>``: both quotes in context, the review history and a form."""
    return await _view(datasette, request, FINDING_PAGE)


async def conflict_view(datasette: Any, request: Any) -> Response:
    """``/-/contradict/conflict/<id>``: the strongest pair, the member findings and a form that
    reviews them all (a POST records one review per member)."""
    return await _view(datasette, request, CONFLICT_PAGE)


async def _view(datasette: Any, request: Any, kind: Page) -> Response:
    opts = options_for(datasette)
    if opts is None:
        return Response.text("Not found", status=404)
    target_id = request.url_vars["id"]
    db = datasette.get_database(opts.database)
    if not _HEX.match(target_id):
        return await _render(datasette, request, opts, db, target_id, kind, missing=True)
    if request.method == "POST":
        return await _post(datasette, request, opts, db, target_id, kind)
    if request.method != "GET":
        return Response.text("Method not allowed", status=405)
    return await _render(datasette, request, opts, db, target_id, kind)


async def _render(
    datasette: Any,
    request: Any,
    opts: Options,
    db: Any,
    target_id: str,
    kind: Page,
    *,
    status: int = 200,
    form: dict | None = None,
    error: str | None = None,
    missing: bool = False,
) -> Response:
    """The page, or its "no such id" version (404) when ``missing`` or the id is unknown."""
    import os

    from sqlite_utils import Database

    from .. import review

    page = None
    if not missing:
        load = getattr(review, kind.load)
        page = await db.execute_fn(lambda conn: load(Database(conn, recursive_triggers=False), target_id))
    context = {
        "page": page,
        kind.id_name: target_id,
        "database": opts.database,
        "reviews_enabled": opts.reviews,
        "needs_password": bool(opts.password),
        "local": is_local(request),
        "form": form or {"reviewer": os.environ.get("USER") or os.environ.get("USERNAME") or ""},
        "error": error,
        "finding_url": lambda i: finding_url(datasette, i),
        "conflict_url": lambda i: conflict_url(datasette, i),
    }
    html = await datasette.render_template(kind.template, context, request=request)
    return Response.html(html, status=404 if page is None else status)


async def _post(datasette: Any, request: Any, opts: Options, db: Any, target_id: str, kind: Page) -> Response:
    """A review form posted for a finding or a conflict: refused (403) without the write
    password, re-shown (400) with a bad status or a store error, else saved and redirected."""
    from sqlite_utils import Database

    from .. import review
    from ..errors import ContradictError
    from ..review import STATUSES

    form = dict(await request.post_vars())
    form.pop("csrftoken", None)
    refusal = write_refusal(opts, request, form)
    form.pop("password", None)

    async def again(code: int, error: str) -> Response:
        return await _render(datasette, request, opts, db, target_id, kind, status=code, form=form, error=error)

    if refusal:
        return await again(403, refusal)
    status = form.get("status", "")
    if status not in STATUSES:
        return await again(400, f"Choose a status: {', '.join(STATUSES)}.")

    def write(conn: Any) -> Any:
        try:
            return getattr(review, kind.save)(Database(conn, recursive_triggers=False), target_id, status,
                                              form.get("note"), form.get("reviewer"))
        except ContradictError as exc:
            return exc  # returned, not raised: the write thread would print it

    result = await db.execute_write_fn(write)
    if isinstance(result, ContradictError):
        return await again(400, str(result))
    datasette.add_message(request, kind.saved(result, status), datasette.INFO)
    return Response.redirect(kind.url(datasette, target_id))
