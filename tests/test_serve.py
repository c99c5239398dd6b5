"""``contradict serve``: the real Datasette app through its ASGI client, on a scanned case."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx
import pytest

from contradict import store
from contradict.serve import ServeError, build_metadata, check_port, make_datasette
from tests.cli import Outcome, contradict
from tests.review_case import (
    DONE_QUOTE,
    FOLDER_NAME,
    NOT_CONTAINED_QUOTE,
    NUMERIC_QUOTE_B,
    csrf_form,
    run,
)

ESCAPED_SCRIPT = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more"


def get(ds, path: str) -> httpx.Response:
    return run(ds.client.get(path))


def reviews_in(db: Path) -> list[dict]:
    database = store.open_db(db, create=False)
    try:
        return store.review_history(database)
    finally:
        database.close()


# --- pages and metadata ---------------------------------------------------------------------


def test_index_and_database_pages_have_titles(case_db: Path) -> None:
    ds = make_datasette(case_db)
    index = get(ds, "/")
    assert index.status_code == 200
    assert "<title>contradict: case</title>" in index.text and "<h1>contradict</h1>" in index.text
    page = get(ds, "/case")
    assert page.status_code == 200
    assert f"Case: {FOLDER_NAME}" in page.text
    for title in (
        "Unreviewed findings, highest score first",
        "Statements vs filings",
        "Confirmed findings, ready for the brief",
    ):
        assert title in page.text


def test_metadata_describes_every_column_of_every_visible_table(case_db: Path) -> None:
    ds = make_datasette(case_db)
    info = get(ds, "/case.json").json()
    tables = {t["name"]: t for t in info["tables"]}
    meta = build_metadata(case_db)["databases"]["case"]["tables"]
    visible = [n for n, t in tables.items() if not t["hidden"]] + [v["name"] for v in info["views"]]
    assert "finding_details" in visible and "orphaned_reviews" in visible
    for name in visible:
        assert meta[name].get("title") and meta[name].get("description"), name
        columns = get(ds, f"/case/{name}.json?_size=0").json()["columns"]
        missing = [c for c in columns if c not in meta[name].get("columns", {})]
        assert not missing, f"{name}: no description for {missing}"
    hidden = {n for n, t in tables.items() if t["hidden"]}
    assert {"embeddings", "_sqlite_migrations", "claims_fts", "documents_fts_data"} <= hidden


def test_finding_details_is_sorted_by_score_with_facets(case_db: Path, ids: dict[str, str]) -> None:
    ds = make_datasette(case_db)
    data = get(ds, "/case/finding_details.json").json()
    scores = [row[data["columns"].index("score")] for row in data["rows"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 2
    assert {"status", "type", "relation", "kind_a", "kind_b", "source_a", "source_b"} <= set(
        data["facet_results"]
    )
    html = get(ds, "/case/finding_details").text
    assert 'class="facet-info' in html
    for finding_id in ids.values():  # the compact table links every finding to its page
        assert f'href="/-/contradict/finding/{finding_id}"' in html
    assert ESCAPED_SCRIPT in html and '<script>alert("x")' not in html
    columns = get(ds, "/case/finding_details?_layout=columns")
    assert columns.status_code == 200 and 'class="rows-and-columns"' in columns.text


def test_search_over_claims_and_documents(case_db: Path) -> None:
    ds = make_datasette(case_db)
    claims = get(ds, "/case/claims.json?_search=analysis&_shape=array").json()
    assert {DONE_QUOTE in c["text"] or NOT_CONTAINED_QUOTE in c["text"] for c in claims} == {True}
    docs = get(ds, "/case/documents.json?_search=commissioner&_shape=array").json()
    assert [d["kind"] for d in docs] == ["regulator"]


@pytest.mark.parametrize(
    ("query", "params", "expect"),
    [
        ("unreviewed", "", {"numeric", "existence"}),
        ("numeric_conflicts", "unit=cameras", {"cameras"}),
        ("numeric_conflicts", "unit=euros", set()),
        ("statements_vs_filings", "", {DONE_QUOTE}),
        ("timeline", "search=camera&source=Ministry+of+Interior", {"2019-01-31", "2019-04"}),
        ("confirmed", "", set()),
    ],
)
def test_canned_queries_run(case_db: Path, query: str, params: str, expect: set[str]) -> None:
    ds = make_datasette(case_db)
    r = get(ds, f"/case/{query}.json?_shape=array&{params}")
    assert r.status_code == 200, r.text
    rows = r.json()
    if query == "unreviewed":
        assert {row["type"] for row in rows} == expect
        assert [row["score"] for row in rows] == sorted(
            (row["score"] for row in rows), reverse=True
        )
    elif query == "numeric_conflicts":
        assert {row["unit"] for row in rows} == expect
        if rows:
            assert {rows[0]["value_a"], rows[0]["value_b"]} == {1000, 8100}
    elif query == "statements_vs_filings":
        assert len(rows) == 1
        assert DONE_QUOTE in rows[0]["statement"] and NOT_CONTAINED_QUOTE in rows[0]["filing"]
        assert rows[0]["filing_kind"] == "foi_response"
    elif query == "timeline":
        dates = [row["date"] for row in rows]
        assert dates == sorted(dates) and set(dates) == expect
    else:
        assert rows == []
    html = get(ds, f"/case/{query}?{params}")
    assert html.status_code == 200 and 'class="message-error"' not in html.text


def test_canned_query_links_finding_ids(case_db: Path, ids: dict[str, str]) -> None:
    html = get(make_datasette(case_db), "/case/unreviewed").text
    for finding_id in ids.values():
        assert f'<a href="/-/contradict/finding/{finding_id}">{finding_id}</a>' in html


def test_finding_page_shows_both_quotes_in_context_escaped(
    case_db: Path, ids: dict[str, str]
) -> None:
    ds = make_datasette(case_db)
    page = get(ds, f"/-/contradict/finding/{ids['numeric']}")
    assert page.status_code == 200
    html = page.text
    assert (
        f"<mark>{'Belgrade will get about 1,000 new surveillance cameras ' + ESCAPED_SCRIPT}"
        in html
    )
    assert '<script>alert("x")' not in html
    assert NUMERIC_QUOTE_B in html
    assert (
        "The minister spoke to reporters in Belgrade on Thursday." in html
    )  # the paragraph before
    assert 'href="https://example.org/minister-1000-cameras"' in html
    assert (
        "Reviewing from the browser is off" in html
        and "<form" not in html.split('class="cx-review"')[1]
    )
    assert "unreviewed" in html
    existence = get(ds, f"/-/contradict/finding/{ids['existence']}").text
    assert f"<mark>He added that {DONE_QUOTE}.</mark>" in existence
    assert NOT_CONTAINED_QUOTE in existence


def test_finding_page_unknown_id_is_404(case_db: Path) -> None:
    ds = make_datasette(case_db)
    assert get(ds, "/-/contradict/finding/0123456789abcdef0123").status_code == 404
    assert get(ds, "/-/contradict/finding/not-hex").status_code == 404


def test_plain_datasette_serves_finding_pages_read_only(
    case_db: Path, ids: dict[str, str], tmp_path: Path
) -> None:
    """The plugin comes through Datasette's entry point: no contradict code builds this one."""
    from datasette.app import Datasette

    plain = Datasette(files=[str(case_db)])
    run(plain.invoke_startup())
    page = get(plain, f"/-/contradict/finding/{ids['numeric']}")
    assert page.status_code == 200 and NUMERIC_QUOTE_B in page.text
    assert ESCAPED_SCRIPT in page.text  # the template escapes document text here too
    assert f'href="/-/contradict/finding/{ids["numeric"]}"' in get(plain, "/case/finding_details").text
    refused = run(_post_review(plain, ids["numeric"], {"status": "confirmed"}))
    assert refused.status_code == 403 and "contradict serve DB --reviews" in refused.text
    assert reviews_in(case_db) == []
    # a database that is not a contradict case is left as Datasette shows it
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table notes (id text primary key)").connection.commit()
    elsewhere = Datasette(files=[str(other)])
    run(elsewhere.invoke_startup())
    assert get(elsewhere, f"/-/contradict/finding/{ids['numeric']}").status_code == 404
    assert "contradict.css" not in get(elsewhere, "/other/notes").text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_datasette_command_alone_gets_finding_pages(case_db: Path, ids: dict[str, str]) -> None:
    """A real `datasette case.db` server process, started without `contradict serve`."""
    datasette = Path(sys.executable).with_name("datasette")
    port = free_port()
    proc = subprocess.Popen(
        [str(datasette), "serve", str(case_db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/-/contradict/finding/{ids['existence']}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"datasette exited: {proc.stderr.read() if proc.stderr else ''}"
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    status, html = r.status, r.read().decode("utf-8")
                break
            except OSError:
                assert time.monotonic() < deadline, f"datasette did not answer on {url}"
                time.sleep(0.2)
        assert status == 200
        assert DONE_QUOTE in html and NOT_CONTAINED_QUOTE in html
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/plugins.json", timeout=5) as r:
            plugins = {p["name"]: p for p in json.load(r)}
        assert plugins["contradict"]["templates"] is True
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- reviews from the browser ---------------------------------------------------------------


async def _post_review(
    ds,
    finding_id: str,
    data: dict,
    *,
    client_ip: str = "127.0.0.1",
    with_token: bool = True,
    with_cookie: bool = True,
) -> httpx.Response:
    transport = httpx.ASGITransport(app=ds.app(), client=(client_ip, 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
        page = await client.get(f"/-/contradict/finding/{finding_id}")
        assert page.status_code == 200
        form = dict(data)
        if with_token:
            form["csrftoken"] = csrf_form(page.text) if "csrftoken" in page.text else ""
        if not with_cookie:
            client.cookies.clear()
        return await client.post(f"/-/contradict/finding/{finding_id}", data=form)


def test_review_post_with_reviews_enabled_stores_a_review(
    case_db: Path, ids: dict[str, str]
) -> None:
    ds = make_datasette(case_db, reviews=True)
    form = {
        "status": "confirmed",
        "note": "FOI answer <contradicts> the minister",
        "reviewer": "ana",
    }
    r = run(_post_review(ds, ids["existence"], form))
    assert (
        r.status_code == 302
        and r.headers["location"] == f"/-/contradict/finding/{ids['existence']}"
    )
    [review] = reviews_in(case_db)
    assert (review["finding_id"], review["status"], review["reviewer"]) == (
        ids["existence"],
        "confirmed",
        "ana",
    )
    assert review["note"] == "FOI answer <contradicts> the minister"
    page = get(ds, f"/-/contradict/finding/{ids['existence']}").text
    assert "FOI answer &lt;contradicts&gt; the minister" in page
    assert 'cx-status-confirmed">confirmed' in page
    confirmed = get(ds, "/case/confirmed.json?_shape=array").json()
    assert [row["id"] for row in confirmed] == [ids["existence"]]
    latest = get(ds, "/case/latest_reviews.json?_shape=array").json()
    assert [(row["finding_id"], row["status"]) for row in latest] == [
        (ids["existence"], "confirmed")
    ]


def test_review_post_without_reviews_flag_is_refused(case_db: Path, ids: dict[str, str]) -> None:
    ds = make_datasette(case_db)
    r = run(_post_review(ds, ids["numeric"], {"status": "confirmed"}))
    assert r.status_code == 403 and "--reviews" in r.text
    assert reviews_in(case_db) == []


def test_review_post_without_csrf_token_is_refused(case_db: Path, ids: dict[str, str]) -> None:
    ds = make_datasette(case_db, reviews=True)
    r = run(_post_review(ds, ids["numeric"], {"status": "confirmed"}, with_token=False))
    assert r.status_code == 403
    r = run(_post_review(ds, ids["numeric"], {"status": "confirmed"}, with_cookie=False))
    assert r.status_code == 403 and "security token" in r.text
    assert reviews_in(case_db) == []


def test_review_post_from_another_machine_needs_the_password(
    case_db: Path, ids: dict[str, str]
) -> None:
    ds = make_datasette(case_db, reviews=True)
    r = run(_post_review(ds, ids["numeric"], {"status": "dismissed"}, client_ip="203.0.113.9"))
    assert r.status_code == 403 and "only from this machine" in r.text
    assert reviews_in(case_db) == []

    ds = make_datasette(case_db, reviews=True, password="s3cret")
    wrong = run(
        _post_review(
            ds, ids["numeric"], {"status": "dismissed", "password": "nope"}, client_ip="203.0.113.9"
        )
    )
    assert wrong.status_code == 403 and "Wrong password" in wrong.text
    assert reviews_in(case_db) == []
    ok = run(
        _post_review(
            ds,
            ids["numeric"],
            {"status": "dismissed", "password": "s3cret"},
            client_ip="203.0.113.9",
        )
    )
    assert ok.status_code == 302
    assert [r["status"] for r in reviews_in(case_db)] == ["dismissed"]
    assert 'type="password"' in get(ds, f"/-/contradict/finding/{ids['numeric']}").text


def test_review_post_with_a_bad_status_is_refused(case_db: Path, ids: dict[str, str]) -> None:
    ds = make_datasette(case_db, reviews=True)
    r = run(_post_review(ds, ids["numeric"], {"status": "maybe"}))
    assert r.status_code == 400 and "confirmed, dismissed, update, needs-work" in r.text
    assert reviews_in(case_db) == []


# --- the command ----------------------------------------------------------------------------


def _contradict(*args: str) -> Outcome:
    return contradict(*args)


def test_serve_print_metadata(case_db: Path) -> None:
    r = _contradict("serve", str(case_db), "--print-metadata")
    assert r.returncode == 0, r.stderr
    meta = json.loads(r.stdout)
    assert meta["title"] == "contradict"
    assert set(meta["databases"]["case"]["queries"]) == {
        "unreviewed_conflicts",
        "unreviewed",
        "numeric_conflicts",
        "statements_vs_filings",
        "timeline",
        "confirmed",
    }


def test_serve_missing_database_is_an_error(tmp_path: Path) -> None:
    r = _contradict("serve", str(tmp_path / "nope.db"))
    assert r.returncode == 1
    assert r.stderr == (
        f"Error: {tmp_path / 'nope.db'}: no such database — run `contradict scan "
        f"FOLDER --db {tmp_path / 'nope.db'}` first\n"
    )


def test_check_port_reports_a_port_in_use() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(ServeError, match=f"port {port} on 127.0.0.1 is in use"):
            check_port("127.0.0.1", port)


def test_serve_and_review_have_help_with_an_example() -> None:
    # that --help imports neither datasette nor uvicorn: tests/test_cli.py, in a fresh interpreter
    for command in ("serve", "review"):
        r = _contradict(command, "--help")
        assert r.returncode == 0 and "Example: contradict " + command in r.stdout


def test_serve_without_the_installed_plugin_is_one_clear_error(case_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datasette.plugins import pm

    monkeypatch.setattr(pm, "list_name_plugin", lambda: [])  # a source tree never pip-installed
    r = _contradict("serve", str(case_db), "--print-metadata")
    assert r.returncode == 0  # the metadata needs no plugin
    with pytest.raises(ServeError, match="did not load contradict's plugin .*pip install -e"):
        make_datasette(case_db)
