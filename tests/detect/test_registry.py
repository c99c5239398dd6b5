"""The detector registry: versioned names, fingerprints that catch silent behaviour changes,
third-party detectors through entry points, and re-checking when a detector changes."""

import ast
import sys
import textwrap
from pathlib import Path

import pytest

from contradict import detect
from contradict.detect import as_detector, builtin, builtin_modules, registry, signature
from contradict.detect.lock import LOCK, read_lock

from .helpers import pair, view


def test_every_builtin_detector_is_registered_under_a_versioned_name_with_a_label():
    reg = registry()
    assert set(reg) >= set(builtin())
    for name, d in reg.items():
        assert name == f"{d.type}.v{name.rsplit('.v', 1)[1]}"
        assert d.label and d.label != d.type
        assert len(d.fingerprint) == 64


def test_a_changed_detector_needs_a_new_version_name():
    """Fails when a detector's source or data changed but its name did not: give it a new
    version (numeric.v2), or, for a change that flags nothing differently, refresh the lock
    with `python -m contradict.detect.lock`."""
    lock = read_lock()
    assert lock, f"{LOCK} is missing: run python -m contradict.detect.lock"
    changed = [n for n, d in registry().items() if n in lock and lock[n] != d.fingerprint]
    assert not changed, f"changed without a new version name: {changed}"
    missing = [n for n in builtin() if n not in lock]
    assert not missing, f"not in {LOCK.name}: {missing} (python -m contradict.detect.lock)"


def _defines_a_detector(path: Path) -> bool:
    """Read from the source, not imported: the module assigns NAME and TYPE and defines check."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assigned = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets
                if isinstance(t, ast.Name)}
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    return {"NAME", "TYPE"} <= assigned and "check" in functions


def test_every_module_of_the_package_that_defines_a_detector_is_registered_and_nothing_else():
    folder = Path(detect.__file__).parent
    written = sorted(p.stem for p in folder.glob("*.py") if _defines_a_detector(p))
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in builtin_modules()) == written
    assert {"base", "edits", "combine", "lock"}.isdisjoint(written)  # helpers are not detectors


def test_the_built_in_detectors_run_in_their_order_and_the_judge_last():
    types = [registry()[n].type for n in builtin()]
    known = ["numeric", "temporal", "existence", "legal_basis", "polarity", "change", "ownership", "entity",
             "antonym", "judge"]
    assert [t for t in types if t in known] == known
    assert types[-1] == "judge" and registry()[builtin()[-1]].needs_judge


def _docs_example() -> str:
    """The example module of docs/detectors.md ("Adding a detector")."""
    text = (Path(__file__).parents[2] / "docs" / "detectors.md").read_text(encoding="utf-8")
    section = text.split("## Adding a detector", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_documented_detector_dropped_into_the_package_runs_with_nothing_else_edited(tmp_path, monkeypatch):
    """Adding a detector is adding its module: a copy of the package with the example of
    docs/detectors.md as one more module finds it, runs it before the judge and stores what it says."""
    import importlib
    import shutil

    pkg = tmp_path / "contradict"
    shutil.copytree(Path(detect.__file__).parents[1], pkg, ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "detect" / "tone.py").write_text(_docs_example(), encoding="utf-8")
    saved = {k: v for k, v in sys.modules.items() if k == "contradict" or k.startswith("contradict.")}
    for k in saved:
        del sys.modules[k]
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        copy = importlib.import_module("contradict.detect")
        assert Path(copy.__file__).is_relative_to(tmp_path)
        names = copy.builtin()
        assert names.index("tone.v1") == len(names) - 2 and names[-1].startswith("judge.")  # ORDER 80
        assert copy.type_labels()["tone"] == "One side shouts"

        def claim(cid: str, text: str) -> object:
            return copy.ClaimView.from_row({"id": cid, "text": text, "source": f"Source {cid}", "date": "2020"})

        (f,) = copy.detect_pair(claim("a", "THE BRIDGE IS CLOSED."), claim("b", "The bridge is closed."),
                                {"id": "p", "cosine": 0.5}, ("tone.v1",))
        assert (f.type, f.detector, str(f.topic), f.score) == ("tone", "tone.v1", "tone", 0.6)
        assert f.explanation == ("The document of Source a (2020) writes in capitals; "  # capitalised once, for it
                                 "the document of Source b (2020) does not.")
        assert f.to_row()["topic"] == "tone"
    finally:
        for k in [k for k in sys.modules if k == "contradict" or k.startswith("contradict.")]:
            del sys.modules[k]
        sys.modules.update(saved)


def test_the_signature_changes_with_a_detector_fingerprint(monkeypatch):
    before = signature()
    reg = dict(registry())
    name = next(iter(reg))
    from dataclasses import replace

    reg[name] = replace(reg[name], fingerprint="0" * 64)
    monkeypatch.setattr(detect, "registry", lambda: reg)
    assert signature() != before
    assert f"{name}@000000000000" in signature()


def test_a_detector_name_must_carry_its_type():
    class Bad:
        NAME, TYPE = "numbers", "numeric"

        @staticmethod
        def check(a, b, p):
            return None

    with pytest.raises(ValueError, match="numeric.vN"):
        as_detector(Bad)


PLUGIN = textwrap.dedent('''
    NAME = "shouting.v1"
    TYPE = "shouting"
    LABEL = "One side shouts"

    def check(a, b, pair):
        if a["text"].isupper() != b["text"].isupper():
            return {"score": 0.5, "relation": "contradiction", "topic": "tone",
                    "explanation": "One of the two claims is written in capitals.", "values": {}}
        return None
''')


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A third-party package with a detector, installed the way pip installs one: a module and
    a dist-info folder whose entry_points.txt names it in the contradict.detectors group."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "shouting_detector.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "shouting_detector-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shouting-detector\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[contradict.detectors]\nshouting = shouting_detector\n")
    monkeypatch.syspath_prepend(str(site))
    registry.cache_clear()
    yield
    registry.cache_clear()
    sys.modules.pop("shouting_detector", None)


def test_a_third_party_detector_registered_through_an_entry_point_runs_in_a_scan(plugin, tmp_path):
    from contradict.pipeline import ScanConfig, scan
    from contradict.store import open_db

    assert "shouting.v1" in registry()
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.md").write_text("---\nsource: A\ndate: 2020-01-01\n---\n\nTHE BRIDGE WAS CLOSED IN MARCH 2020.\n")
    (case / "b.md").write_text("---\nsource: B\ndate: 2021-01-01\n---\n\nThe bridge was closed in March 2020.\n")
    scan(case, tmp_path / "p.db", ScanConfig(model="hash", use_judge=False))
    db = open_db(tmp_path / "p.db", create=False)
    rows = list(db.query("select type, detector from findings where type = 'shouting'"))
    assert rows == [{"type": "shouting", "detector": "shouting.v1"}]


def test_judge_findings_need_the_judge_to_say_contradiction_and_no_rule_to_explain_it():
    from contradict.detect import judge

    a = view("The network belongs to the ministry.", id="a", source="Ministry", date="2020-01-01")
    b = view("The ministry did not install that network and does not own it.", id="b",
             source="Regulator", kind="regulator", date="2021-01-01")
    p = {**pair(0.6), "p_contradiction": 0.93, "p_entailment": 0.02}
    f = judge.check(a, b, p)
    assert f and f.relation == "contradiction" and f.score == 0.93
    assert "cannot both be right" in f.explanation and "belongs to the ministry" in f.explanation
    assert judge.check(a, b, {**p, "p_contradiction": 0.4}) is None
    assert judge.check(a, b, {**p, "p_entailment": 0.6}) is None  # one side also entails the other
    assert judge.check(a, b, {**pair(0.6)}) is None  # not judged
    # the same source later: kept, as an update
    c = view("The ministry does not own the network.", id="c", source="Ministry", date="2022-01-01")
    assert judge.check(a, c, p).relation == "update"


@pytest.mark.parametrize("a_text, b_text, reason", [
    ("There are 300 buses in the city.", "There are 40 bus depots in the city.", "different things counted"),
    ("The ministry will install 500 sensors by 2026.", "The ministry has installed 120 sensors.", "plan and fact"),
])
def test_judge_findings_are_explained_away(a_text, b_text, reason):
    from contradict.detect import judge

    a, b = view(a_text, id="a", source="A"), view(b_text, id="b", source="B")
    assert judge.explained_away(a, b) == reason
    assert judge.explained_away(b, a) == reason  # either order
    assert judge.check(a, b, {**pair(0.6), "p_contradiction": 0.99, "p_entailment": 0.0}) is None


def test_every_rule_finding_carries_the_judge_probability():
    a = view("About 1,000 cameras will be installed.", id="a", source="Government", date="2019-01-31")
    b = view("The impact assessment covers 8,100 cameras.", id="b", source="Ministry", kind="dpia", date="2020-06")
    out = detect.detect_pair(a, b, {**pair(0.5), "p_contradiction": 0.81, "p_entailment": 0.05},
                             ("numeric.v2",))
    assert out and out[0].signals["judge"] == 0.81


def test_the_fitted_combination_applies_only_to_pairs_read_by_its_judge():
    weights = {"judge": "judge:abc", "features": ["score", "p_contradiction", "p_entailment", "judge_finding"],
               "weights": [2.0, 4.0, -3.0, 0.0], "bias": -3.0}
    a = view("About 1,000 cameras will be installed.", id="a", source="Government", date="2019-01-31")
    b = view("The impact assessment covers 8,100 cameras.", id="b", source="Ministry", kind="dpia", date="2020-06")
    p = {**pair(0.5), "p_contradiction": 0.9, "p_entailment": 0.05}
    plain = detect.detect_pair(a, b, {**p, "judged_with": "judge:other"}, ("numeric.v2",), weights)[0]
    mixed = detect.detect_pair(a, b, {**p, "judged_with": "judge:abc"}, ("numeric.v2",), weights)[0]
    assert "rule_score" not in plain.signals
    assert mixed.signals["rule_score"] == pytest.approx(plain.score - 0.05)  # before the said-vs-filed bonus
    low = detect.detect_pair(a, b, {**p, "judged_with": "judge:abc", "p_contradiction": 0.1},
                             ("numeric.v2",), weights)[0]
    assert low.score < mixed.score  # the judge's doubt lowers the combined score
