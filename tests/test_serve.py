"""``contradict serve``: the real Datasette app through its ASGI client, on a scanned case."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from contradict import store
from contradict.serve import ServeError, build_metadata, check_port, make_datasette
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


def test_plain_datasette_is_untouched_by_the_plugin(case_db: Path) -> None:
    from datasette.app import Datasette

    make_datasette(case_db)  # registers the plugin in this process
    plain = Datasette(files=[str(case_db)])
    assert run(plain.client.get("/-/contradict/finding/0123456789abcdef0123")).status_code == 404
    assert "/-/contradict/finding/" not in run(plain.client.get("/case/finding_details")).text


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


def _contradict(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "contradict", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


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


def test_help_does_not_import_datasette() -> None:
    code = (
        "import sys; from contradict.cli import app; "
        "print(sorted(m for m in ('datasette', 'uvicorn', 'torch', 'spacy', 'sentence_transformers') "
        "if m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "[]"
    for command in ("serve", "review"):
        r = _contradict(command, "--help")
        assert r.returncode == 0 and "Example: contradict " + command in r.stdout
