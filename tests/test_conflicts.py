"""Conflicts: findings that are the same contradiction, grouped, reviewed and exported together.

The grouping rules are tested on hand-made findings and claims (``group`` and ``Statements``
are pure); everything else on a small real case scanned into a real SQLite file with the
deterministic ``hash`` embedder: the minister's 1,000 cameras against the impact assessment's
8,100 (said in two sentences of the assessment, so two findings, one conflict) and against its
2,500 (another figure from the same two sources: another conflict), and the minister's "all
camera locations are known" against the FOI answer.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import httpx
import numpy as np
import pytest

from contradict import store
from contradict.conflicts import Statements, conflict_id, group, member
from contradict.evaluate import evaluate
from contradict.finding import Finding, Topic
from contradict.review import ConflictNotFound, record, review_conflict
from contradict.serve import make_datasette
from tests.conftest import write_doc
from tests.review_case import csrf_form, run

MINISTER = {"source": "Ministry of Interior", "speaker": "Nebojša Stefanović, Minister of Interior",
            "kind": "statement", "date": "2019-01-31", "language": "en"}


def write_case(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_doc(folder, "2019-01-statement.md",
              "Belgrade will get 1,000 new surveillance cameras over the next two years, the minister said.\n\n"
              "He said that all the camera locations are already known.",
              title="Minister: 1,000 cameras", **MINISTER)
    write_doc(folder, "2020-dpia.md",
              "The assessment covers 8,100 cameras in total.\n\n"
              "All 8,100 cameras will be connected to one control centre in Belgrade.\n\n"
              "The first phase of the system has 2,500 cameras in total.",
              title="Second impact assessment", source="Ministry of Interior", kind="dpia", date="2020",
              language="en")
    write_doc(folder, "2019-04-foi.md",
              "Information on the camera locations is not contained in any document held by the Ministry.",
              title="FOI answer on camera locations", source="Ministry of Interior", kind="foi_response",
              date="2019-04", language="en")
    return folder


OUTLET = ("2019-02-blic.md", "The minister told Blic that Belgrade will get 1,000 new cameras.")


def scan(folder: Path, db: Path):
    from contradict.pipeline import ScanConfig
    from contradict.pipeline import scan as run_scan

    return run_scan(folder, db, ScanConfig(model="hash", use_judge=False))


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("conflicts")
    db = root / "scanned.db"
    scan(write_case(root / "camera-case"), db)
    return db


@pytest.fixture
def case(scanned: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A fresh copy of the scanned database and of its case folder."""
    db = tmp_path / "case.db"
    shutil.copy(scanned, db)
    return write_case(tmp_path / "camera-case"), db


def conflicts(db: Path) -> list[dict]:
    database = store.open_db(db, create=False)
    try:
        return store.query_conflicts(database)
    finally:
        database.close()


def by_values(db: Path) -> dict[tuple, dict]:
    """(type, figure b) -> conflict, for the case's three conflicts."""
    out = {}
    for c in conflicts(db):
        database = store.open_db(db, create=False)
        members = store.conflict_findings(database, c["id"])
        database.close()
        out[(c["type"], members[0]["values"].get("b"))] = {**c, "rows": members}
    return out


# --- the rules, on hand-made findings -----------------------------------------------------------


def claim(cid: str, doc: str, *, language: str = "en", source: str = "Ministry of Interior",
          speaker: str | None = None, frames: tuple[str, ...] = ("record:camera_locations",),
          figures: tuple[float, ...] = (), text: str = "") -> dict:
    return {"id": cid, "doc_id": doc, "language": language, "source": source, "speaker": speaker,
            "frames": list(frames), "features": {"quantities": [{"value": v} for v in figures]},
            "text": text or cid, "text_en": None, "title": doc}


def existence(fid: str, affirms: str, denies: str, score: float = 0.9) -> Finding:
    return Finding(id=fid, claim_a=affirms, claim_b=denies, type="existence", topic=Topic("record", "camera_locations"),
                   score=score, relation="contradiction", explanation=fid,
                   values={"affirms": affirms, "denies": denies, "records": ["camera_locations"]})


def numeric(fid: str, a: str, b: str, va: float, vb: float, score: float = 0.9) -> Finding:
    return Finding(id=fid, claim_a=a, claim_b=b, type="numeric", topic=Topic("unit", "cameras"), score=score,
                   relation="contradiction", explanation=fid,
                   values={"a": va, "b": vb, "unit": "cameras", "qualifier_a": "about", "qualifier_b": "exact",
                           "scope_a": None, "scope_b": None})


def vectors(pairs: dict[str, tuple[float, float]]) -> dict[str, np.ndarray]:
    return {k: np.array(v, dtype="float32") for k, v in pairs.items()}


def cos_pair(c: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """Two unit vectors whose cosine is ``c``."""
    return (1.0, 0.0), (c, float(np.sqrt(1 - c * c)))


def test_a_translation_of_one_side_joins_the_same_conflict() -> None:
    en, sr = cos_pair(0.8)
    claims = [
        claim("said", "interview", speaker="Vladimir Rebić, Police Director"),
        claim("foi_en", "foi-en", text="Information on the locations is not contained in any document."),
        claim("foi_sr", "foi-sr", language="sr", source="Министарство унутрашњих послова",
              text="Информација о локацијама није садржана ни у једном документу."),
    ]
    st = Statements(claims, vectors({"said": (0.0, 1.0), "foi_en": en, "foi_sr": sr}))
    found = group([existence("f1", "said", "foi_en"), existence("f2", "said", "foi_sr", 0.8)], st)
    assert [sorted(f.id for f in c.members) for c in found] == [["f1", "f2"]]
    assert found[0].strongest.id == "f1" and found[0].documents == ["interview", "foi-en", "foi-sr"]


def test_claims_that_only_look_alike_stay_apart() -> None:
    """The same two documents, but the FOI answer's two sentences say different things (the
    locations; the analysis behind them): other frames, so two conflicts, whatever the cosine."""
    a, b = cos_pair(0.95)
    claims = [
        claim("said", "interview", speaker="Vladimir Rebić, Police Director"),
        claim("no_locations", "foi"),
        claim("no_analysis", "foi", frames=("record:camera_locations", "record:crime_analysis")),
    ]
    st = Statements(claims, vectors({"said": (0.0, 1.0), "no_locations": a, "no_analysis": b}))
    found = group([existence("f1", "said", "no_locations"), existence("f2", "said", "no_analysis")], st)
    assert len(found) == 2


def test_a_translation_below_the_threshold_is_not_merged() -> None:
    en, sr = cos_pair(0.5)
    claims = [claim("said", "interview"), claim("foi_en", "foi-en"),
              claim("foi_sr", "foi-sr", language="sr", source="Ministarstvo")]
    st = Statements(claims, vectors({"said": (0.0, 1.0), "foi_en": en, "foi_sr": sr}))
    assert len(group([existence("f1", "said", "foi_en"), existence("f2", "said", "foi_sr")], st)) == 2


def test_two_figures_from_the_same_two_sources_are_two_conflicts() -> None:
    claims = [claim("m", "statement", speaker="Nebojša Stefanović", figures=(1000,)),
              claim("d1", "dpia", figures=(8100,)), claim("d2", "dpia", figures=(2500,)),
              claim("d3", "dpia", figures=(8100,))]
    st = Statements(claims)
    found = group([numeric("f1", "m", "d1", 1000, 8100), numeric("f2", "m", "d2", 1000, 2500),
                   numeric("f3", "m", "d3", 1000, 8100, 0.7)], st)
    assert sorted(sorted(f.id for f in c.members) for c in found) == [["f1", "f3"], ["f2"]]


def test_the_same_figure_from_another_voice_is_another_conflict() -> None:
    """1,000 against 8,100 said by the minister and, separately, by the Police Director."""
    claims = [claim("m", "s1", speaker="Nebojša Stefanović, Minister"),
              claim("p", "s2", speaker="Vladimir Rebić, Police Director"), claim("d", "dpia")]
    found = group([numeric("f1", "m", "d", 1000, 8100), numeric("f2", "p", "d", 1000, 8100)], Statements(claims))
    assert len(found) == 2


def test_the_same_speaker_in_two_scripts_is_one_voice() -> None:
    claims = [{**claim("c_lat", "a", speaker="Milan Marinović, Commissioner"), "date": "2021-01-02"},
              {**claim("c_cyr", "b", speaker="Милан Мариновић, Повереник", language="sr"), "date": "2021-01-02"},
              claim("m", "m")]
    found = group([numeric("f1", "m", "c_lat", 1000, 8100), numeric("f2", "m", "c_cyr", 1000, 8100)],
                  Statements(claims))
    assert len(found) == 1


def test_the_same_figure_from_the_same_voice_years_apart_is_another_occasion() -> None:
    """A figure repeated in another year is a second statement, unless the texts read alike."""
    a, b = cos_pair(0.3)
    claims = [{**claim("y1", "2019", speaker="Nebojša Stefanović", figures=(1000,)), "date": "2019-01-31"},
              {**claim("y2", "2021", speaker="Nebojša Stefanović", figures=(1000,)), "date": "2021-05-01"},
              claim("d", "dpia", figures=(8100,))]
    st = Statements(claims, vectors({"y1": a, "y2": b, "d": (0.0, 1.0)}))
    assert len(group([numeric("f1", "y1", "d", 1000, 8100), numeric("f2", "y2", "d", 1000, 8100)], st)) == 2
    a, b = cos_pair(0.8)
    st = Statements(claims, vectors({"y1": a, "y2": b, "d": (0.0, 1.0)}))
    assert len(group([numeric("f1", "y1", "d", 1000, 8100), numeric("f2", "y2", "d", 1000, 8100)], st)) == 1


def test_roles_must_match_not_only_claims() -> None:
    """A claim that affirms in one finding and denies in the other is not the same side."""
    claims = [claim("x", "d1"), claim("y", "d2")]
    found = group([existence("f1", "x", "y"), existence("f2", "y", "x")], Statements(claims))
    assert len(found) == 2


def test_different_type_or_topic_never_merges() -> None:
    claims = [claim("m", "s"), claim("d", "dpia")]
    other = replace(numeric("f2", "m", "d", 1000, 8100), topic=Topic("unit", "locations"))
    assert len(group([numeric("f1", "m", "d", 1000, 8100), other], Statements(claims))) == 2


def test_the_id_comes_from_the_members_whatever_their_order() -> None:
    claims = [claim("m", "s", figures=(1000,)), claim("d1", "dpia"), claim("d2", "dpia")]
    rows = [numeric("f1", "m", "d1", 1000, 8100), numeric("f2", "m", "d2", 1000, 8100)]
    first = group(rows, Statements(claims))
    again = group(list(reversed(rows)), Statements(claims))
    assert [c.id for c in first] == [c.id for c in again] == [conflict_id(["f2", "f1"])]


def test_member_reads_roles_values_and_the_hard_key() -> None:
    stored = {**numeric("f1", "m", "d", 1000, 8100).to_row(),
              "values_json": json.dumps({"a": "1.000", "b": "8,100", "unit": "cameras"})}
    m = member(Finding.from_row(stored))
    assert [s.values for s in m.sides] == [(("value", "1000.0"),), (("value", "8100.0"),)]
    assert m.value_bearing and json.loads(m.key) == ["numeric", "cameras", {"unit": "cameras"}]
    e = member(existence("f2", "x", "y"))
    assert [(s.claim_id, s.role) for s in e.sides] == [("x", "affirms"), ("y", "denies")]


# --- a real scan ------------------------------------------------------------------------------


def test_scan_groups_the_repeated_figure_and_keeps_the_other_apart(case: tuple[Path, Path]) -> None:
    _, db = case
    found = by_values(db)
    assert set(found) == {("numeric", 8100.0), ("numeric", 2500.0), ("existence", None)}
    eight = found[("numeric", 8100.0)]
    assert (eight["findings"], eight["documents"], eight["status"]) == (2, 2, "unreviewed")
    assert eight["headline"] == eight["rows"][0]["explanation"] and eight["also_in"] == []
    assert found[("numeric", 2500.0)]["findings"] == 1
    database = store.open_db(db, create=False)
    unassigned = list(database.query("select id from findings where conflict_id is null"))
    database.close()
    assert unassigned == []


def test_a_rescan_keeps_the_conflicts_and_their_review(case: tuple[Path, Path]) -> None:
    folder, db = case
    before = {c["id"] for c in conflicts(db)}
    eight = by_values(db)[("numeric", 8100.0)]
    reviews = review_conflict(db, eight["id"][:8], "confirmed", "DPIA says 8,100", "ana")
    assert sorted(r.finding_id for r in reviews) == sorted(eight["members"])
    assert by_values(db)[("numeric", 8100.0)]["status"] == "confirmed"
    result = scan(folder, db)
    assert result.conflicts_total == 3
    assert {c["id"] for c in conflicts(db)} == before
    again = by_values(db)[("numeric", 8100.0)]
    assert (again["status"], again["reviewed"], again["confirmed"]) == ("confirmed", 2, 2)


def test_a_member_can_still_be_reviewed_alone(case: tuple[Path, Path]) -> None:
    _, db = case
    eight = by_values(db)[("numeric", 8100.0)]
    review_conflict(db, eight["id"], "confirmed", None, "ana")
    database = store.open_db(db, create=False)
    record(database, eight["members"][1], "dismissed", "the second sentence is about the control centre", "ben")
    database.close()
    after = by_values(db)[("numeric", 8100.0)]
    assert (after["status"], after["reviewed"], after["confirmed"]) == ("mixed", 2, 1)


def test_a_new_outlet_joins_the_conflict_and_the_reviews_stay(case: tuple[Path, Path]) -> None:
    """The same minister's 1,000 in a second outlet: a third finding of the same conflict. The
    conflict's id changes (its members did), its members' reviews do not."""
    folder, db = case
    eight = by_values(db)[("numeric", 8100.0)]
    review_conflict(db, eight["id"], "confirmed", None, "ana")
    write_doc(folder, OUTLET[0], OUTLET[1], title="Blic: 1,000 cameras", source="Blic",
              speaker="Nebojša Stefanović, Minister of Interior", kind="media", date="2019-01-31", language="en")
    scan(folder, db)
    grown = by_values(db)[("numeric", 8100.0)]
    assert grown["findings"] == 4 and grown["documents"] == 3 and grown["id"] != eight["id"]
    assert grown["also_in"] == ["Blic: 1,000 cameras"]
    assert (grown["status"], grown["reviewed"]) == ("mixed", 2)  # the new findings wait for a look
    assert set(eight["members"]) <= set(grown["members"])


def test_reviewing_an_unknown_conflict_is_a_clear_error(case: tuple[Path, Path]) -> None:
    _, db = case
    with pytest.raises(ConflictNotFound, match="no conflict with id 'ffff'"):
        review_conflict(db, "ffff", "confirmed")


# --- command line -----------------------------------------------------------------------------


def contradict(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, USER="tester", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "contradict", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_findings_by_conflict_and_review_conflict_on_the_command_line(case: tuple[Path, Path]) -> None:
    _, db = case
    r = contradict("findings", str(db), "--by", "conflict", "--json")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 3 and sorted(x["findings"] for x in rows) == [1, 1, 2]
    two = next(x for x in rows if x["findings"] == 2)
    assert two["headline"] and len(two["members"]) == 2 and two["claim_b"]["text"]
    table = contradict("findings", str(db), "--by", "conflict")
    assert table.returncode == 0 and "2 in 2 docs" in table.stdout
    done = contradict("review", str(db), two["id"][:10], "--conflict", "--status", "confirmed")
    assert done.returncode == 0
    assert done.stderr.strip() == f"Recorded confirmed for the 2 findings of conflict {two['id'][:10]} by tester."
    assert by_values(db)[("numeric", 8100.0)]["status"] == "confirmed"


def test_command_line_errors_are_one_line(case: tuple[Path, Path]) -> None:
    _, db = case
    bad = contradict("findings", str(db), "--by", "topic")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "--by 'topic' is not a way to list findings" in bad.stderr
    missing = contradict("review", str(db), "abcdef", "--conflict", "--status", "confirmed")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "no conflict with id 'abcdef'" in missing.stderr


# --- exports and evaluation -------------------------------------------------------------------


def test_jsonl_and_csv_carry_the_conflict_id(case: tuple[Path, Path]) -> None:
    import csv
    import io

    from contradict.export import export

    _, db = case
    database = store.open_db(db, create=False)
    expected = store.finding_conflicts(database)
    database.close()
    lines = [json.loads(x) for x in str(export(db, "jsonl")).splitlines()]
    assert {x["id"]: x["conflict_id"] for x in lines} == expected
    assert {"id", "type", "claim_a", "claim_b", "values", "status"} <= set(lines[0])  # the contract stays
    rows = list(csv.DictReader(io.StringIO(str(export(db, "csv")))))
    assert {r["id"]: r["conflict_id"] for r in rows} == expected


def test_the_brief_quotes_a_conflict_once_and_names_the_other_documents(case: tuple[Path, Path]) -> None:
    from contradict.export import export

    folder, db = case
    write_doc(folder, OUTLET[0], OUTLET[1], title="Blic: 1,000 cameras", source="Blic",
              speaker="Nebojša Stefanović, Minister of Interior", kind="media", date="2019-01-31", language="en")
    scan(folder, db)
    md = str(export(db, "md"))
    assert "This brief presents 7 findings in 3 conflicts" in md
    assert md.count("#### ") == 3  # one entry per conflict
    assert "*Also in: Blic: 1,000 cameras (Nebojša Stefanović, Minister of Interior (Blic), 2019-01-31). " \
           "One conflict of 4 findings (" in md
    html = str(export(db, "html"))
    assert '<p class="also">Also in: Blic: 1,000 cameras' in html
    docx = export(db, "docx")
    assert isinstance(docx, bytes) and b"word/document.xml" in docx


def write_gold(path: Path, pairs: list[dict]) -> Path:
    import yaml

    path.write_text(yaml.safe_dump({"pairs": pairs}, allow_unicode=True), encoding="utf-8")
    return path


def gold_pair(gid: str, quote_b: str, **extra: str) -> dict:
    return {"id": gid, "label": "contradiction", "type": "numeric",
            "a": {"doc": "2019-01-statement.md", "quote": "Belgrade will get 1,000 new surveillance cameras"},
            "b": {"doc": "2020-dpia.md", "quote": quote_b}, **extra}


def test_eval_counts_findings_and_conflicts_and_catches_over_merging(case: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    _, db = case
    pairs = [gold_pair("g1", "The assessment covers 8,100 cameras in total."),
             gold_pair("g2", "All 8,100 cameras will be connected"),
             gold_pair("g3", "The first phase of the system has 2,500 cameras")]
    s = evaluate(write_gold(tmp_path / "gold.yaml", pairs), db).summary()
    assert (s["findings"], s["conflicts"], s["gold_conflicts"], s["gold_conflict_share"]) == (4, 3, 2, 0.667)
    assert s["over_merged"] == ["g1", "g2"]  # two gold contradictions, one conflict
    assert (s["findings_per_gold"], s["conflicts_per_gold"]) == (1.0, 1.0)
    pairs[1]["same_as"] = "g1"  # ... unless the gold file says they are one contradiction
    s = evaluate(write_gold(tmp_path / "gold.yaml", pairs), db).summary()
    assert s["over_merged"] == [] and s["gold_groups"] == 2
    assert (s["findings_per_gold"], s["conflicts_per_gold"]) == (1.5, 1.0)
    r = contradict("eval", str(tmp_path / "gold.yaml"), "--db", str(db))
    assert r.returncode == 0
    assert ("conflicts: 3, of which 2 hold a gold contradiction (67%); per gold contradiction 1.5 findings "
            "in 1 conflicts; over-merged gold contradictions: none") in r.stdout


# --- Datasette --------------------------------------------------------------------------------


def get(ds, path: str) -> httpx.Response:
    return run(ds.client.get(path))


def test_datasette_lists_conflicts_and_shows_a_conflict_page(case: tuple[Path, Path]) -> None:
    _, db = case
    ds = make_datasette(db)
    rows = get(ds, "/case/conflict_details.json?_shape=array").json()
    assert len(rows) == 3 and rows[0]["score"] >= rows[-1]["score"]
    assert {"headline", "findings", "documents", "status", "quote_a", "quote_b"} <= set(rows[0])
    table = get(ds, "/case/conflict_details")
    two = next(r for r in rows if r["findings"] == 2)
    assert table.status_code == 200 and f'href="/-/contradict/conflict/{two["id"]}"' in table.text
    page = get(ds, f"/-/contradict/conflict/{two['id']}")
    assert page.status_code == 200
    for fid in json.loads(two["members"]):
        assert f'href="/-/contradict/finding/{fid}"' in page.text
    assert "The assessment covers 8,100 cameras in total." in page.text
    assert "Reviewing from the browser is off" in page.text
    finding = get(ds, f"/-/contradict/finding/{json.loads(two['members'])[0]}")
    assert f'href="/-/contradict/conflict/{two["id"]}"' in finding.text
    assert get(ds, "/-/contradict/conflict/0123456789abcdef").status_code == 404
    assert get(ds, "/-/contradict/conflict/not-an-id").status_code == 404
    queued = get(ds, "/case/unreviewed_conflicts.json?_shape=array").json()
    assert len(queued) == 3


async def _post(ds, conflict: str, data: dict) -> httpx.Response:
    transport = httpx.ASGITransport(app=ds.app(), client=("127.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
        page = await client.get(f"/-/contradict/conflict/{conflict}")
        assert page.status_code == 200
        return await client.post(f"/-/contradict/conflict/{conflict}",
                                 data={**data, "csrftoken": csrf_form(page.text)})


def test_reviewing_a_conflict_in_the_browser_reviews_its_members(case: tuple[Path, Path]) -> None:
    _, db = case
    ds = make_datasette(db, reviews=True)
    two = next(c for c in conflicts(db) if c["findings"] == 2)
    r = run(_post(ds, two["id"], {"status": "confirmed", "note": "both <b>DPIA</b> sentences", "reviewer": "ana"}))
    assert r.status_code == 302 and r.headers["location"] == f"/-/contradict/conflict/{two['id']}"
    database = store.open_db(db, create=False)
    history = store.review_history(database)
    database.close()
    assert sorted((h["finding_id"], h["status"], h["reviewer"]) for h in history) == sorted(
        (f, "confirmed", "ana") for f in two["members"])
    page = get(ds, f"/-/contradict/conflict/{two['id']}").text
    assert 'cx-status-confirmed">confirmed' in page
    bad = run(_post(ds, two["id"], {"status": "maybe"}))
    assert bad.status_code == 400 and "Choose a status" in bad.text


def test_regroup_reads_the_stored_vectors_and_gives_the_same_conflicts(case: tuple[Path, Path]) -> None:
    from contradict.conflicts import regroup

    _, db = case
    before = sorted((c["id"], c["findings"]) for c in conflicts(db))
    database = store.open_db(db, create=False)
    store.clear_conflicts(database)  # as a database scanned before conflicts existed
    assert store.count_conflicts(database) == 0
    regroup(database)
    database.close()
    assert sorted((c["id"], c["findings"]) for c in conflicts(db)) == before


def test_migrating_a_database_from_before_conflicts_keeps_its_reviews(case: tuple[Path, Path]) -> None:
    """m005 on a database made before it: reviews and statuses are untouched, the next scan
    groups the findings."""
    import sqlite3

    folder, db = case
    database = store.open_db(db, create=False)
    finding = store.query_findings(database)[0]["id"]
    store.add_review(database, finding, "confirmed", "checked before conflicts existed", "ana")
    database.close()
    con = sqlite3.connect(db)  # back to the schema before m005 (and m007, which builds on it)
    con.executescript(
        "drop trigger findings_deleted_regroup; drop table regroup_queue; drop table grouping;"
        " drop index idx_findings_group_key; alter table findings drop column group_key;"
        " delete from _sqlite_migrations where name = 'm007_incremental_grouping';"
        " drop view conflict_details; drop view finding_details; drop table conflicts;"
        " drop index idx_findings_conflict_id; alter table findings drop column conflict_id;"
        " delete from _sqlite_migrations where name = 'm005_conflicts';"
        " create view finding_details as select f.id, coalesce(lr.status, 'unreviewed') as status"
        " from findings f left join latest_reviews lr on lr.finding_id = f.id;")
    con.close()
    database = store.open_db(db, create=False)  # applies m005
    assert store.get_finding(database, finding)["status"] == "confirmed"
    assert store.count_conflicts(database) == 0
    database.close()
    scan(folder, db)
    found = [c for c in conflicts(db) if finding in c["members"]]
    assert len(found) == 1 and found[0]["reviewed"] == 1


def _conflict_rows(db: Path) -> list[tuple]:
    database = store.open_db(db, create=False)
    try:
        return sorted((r["id"], r["findings"], r["group_key"]) for r in database.query("select * from conflicts"))
    finally:
        database.close()


def _runs(db: Path) -> dict[str, str]:
    """Conflict id -> the run that (re)made it."""
    database = store.open_db(db, create=False)
    try:
        return {r["id"]: r["run_id"] for r in database.query("select id, run_id from conflicts")}
    finally:
        database.close()


def _regrouped_in_full(db: Path, tmp_path: Path, name: str = "full.db") -> list[tuple]:
    from contradict.conflicts import regroup

    copy = tmp_path / name
    shutil.copy(db, copy)
    database = store.open_db(copy, create=False)
    regroup(database)  # no model given: every finding grouped again
    database.close()
    return _conflict_rows(copy)


def test_grouping_a_few_findings_at_a_time_gives_the_same_conflicts(case: tuple[Path, Path], tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from contradict import conflicts as grouping

    _, db = case
    whole = _regrouped_in_full(db, tmp_path)
    assert any(r[1] > 1 for r in whole), "the case has a conflict of several findings"
    monkeypatch.setattr(grouping, "GROUP_PAGE", 3)  # keys three findings at a time
    monkeypatch.setattr(grouping, "GROUP_BATCH", 2)  # blocks cut across pages
    assert _regrouped_in_full(db, tmp_path, "paged.db") == whole


def test_a_rescan_regroups_only_what_the_new_document_touches(case: tuple[Path, Path], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from contradict import conflicts as grouping

    monkeypatch.setattr(grouping, "GROUP_PAGE", 3)
    monkeypatch.setattr(grouping, "GROUP_BATCH", 2)
    folder, db = case
    first = _runs(db)
    write_doc(folder, OUTLET[0], OUTLET[1], title="Blic interview", source="Blic", date="2019-02", language="en")
    result = scan(folder, db)
    after = _runs(db)
    assert any(run == result.run_id for run in after.values())  # the new document's conflicts
    kept = [cid for cid, run in after.items() if cid in first and run == first[cid]]
    assert kept, "conflicts the new document cannot touch are left as they were"
    assert _conflict_rows(db) == _regrouped_in_full(db, tmp_path)
    database = store.open_db(db, create=False)
    assert not list(database.query("select 1 from findings where conflict_id is null or group_key is null"))
    database.close()


def test_a_changed_document_leaves_no_stale_conflict(case: tuple[Path, Path], tmp_path: Path) -> None:
    folder, db = case
    write_doc(folder, "2019-01-statement.md",
              "Belgrade will get 1,000 new surveillance cameras over the next two years, the minister said.",
              title="Minister: 1,000 cameras", **MINISTER)
    scan(folder, db)
    rows = _conflict_rows(db)
    assert rows == _regrouped_in_full(db, tmp_path)
    database = store.open_db(db, create=False)
    members = {f for r in database.query("select members from conflicts") for f in json.loads(r["members"])}
    assert members == {r["id"] for r in database.query("select id from findings")}
    assert not list(database.query("select 1 from regroup_queue"))
    database.close()


def test_a_grouping_stopped_midway_leaves_the_stored_conflicts_as_they_were(case: tuple[Path, Path],
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from contradict import conflicts as grouping

    _, db = case
    before = _conflict_rows(db)
    real, calls = grouping.group, []

    def stopped(findings, statements):  # type: ignore[no-untyped-def]
        calls.append(len(findings))
        if len(calls) > 1:
            raise KeyboardInterrupt  # Ctrl-C between two batches
        return real(findings, statements)

    monkeypatch.setattr(grouping, "group", stopped)
    monkeypatch.setattr(grouping, "GROUP_BATCH", 2)
    database = store.open_db(db, create=False)
    with pytest.raises(KeyboardInterrupt):
        grouping.regroup(database)
    assert not list(database.query("select name from temp.sqlite_master"))  # staging dropped
    database.close()
    assert _conflict_rows(db) == before
