"""No case's own words in ``contradict/``: they live in the case folder's contradict.yaml.

Every string the code matches or compares with (every string constant that is not a docstring)
and every data file is searched for words that belong to one of the corpora in ``corpora/``.
Comments, docstrings and usage examples may name the bundled case; patterns and data may not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "contradict"

# words of the corpora: institutions, systems, places, people, record names, subtypes
CASE_WORDS = [
    # Belgrade surveillance
    "huawei", "belgrade", "beograd", "camera_locations", "crime_analysis", "kamer", "biometri",
    "body-worn", "bodycam", "face recognition", "facial", "prepoznavanj", "safe city", "safe society",
    "rebić", "rebic", "stefanović", "stefanovic", "mup", "policij", "cctv", "surveillance", "nadzor",
    "rulebook on video", "share foundation", "bcsp",
    # the other cases
    "flint", "legionnaire", "corrosion", "canopy", "nadstrešnic", "nadstresnic", "novi sad",
    "horizon", "post office", "subpostmaster", "covid", "kovid",
]
# the judge's training data generator writes public-record sentences of many kinds on purpose
EXEMPT = {PACKAGE / "judge" / "data.py"}
WORD_RX = re.compile("|".join(rf"(?<![a-z]){re.escape(w)}" for w in CASE_WORDS), re.I)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
            and not _is_help(n, tree)]


def _is_help(node: ast.Constant, tree: ast.AST) -> bool:
    """Help texts and examples a user reads ("Example: contradict scan corpora/belgrade-...")."""
    return node.value.lstrip().startswith(("Example:", "e.g.")) or "contradict " in node.value


def test_the_guard_finds_a_case_word():
    assert WORD_RX.search("(?:smart|huawei) cameras")
    assert not WORD_RX.search("the number of deaths, cases and ventilators")


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if p not in EXEMPT),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_case_words_in_code(path: Path):
    hits = [f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}" for line, text in _strings(path)
            if WORD_RX.search(text)]
    assert not hits, "case words belong in the case's contradict.yaml:\n" + "\n".join(hits)


@pytest.mark.parametrize("path", sorted(p for p in (PACKAGE / "data").rglob("*") if p.is_file()),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_case_words_in_data(path: Path):
    hits = [f"{path.relative_to(ROOT)}:{i}: {line[:80]!r}"
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if WORD_RX.search(line)]
    assert not hits, "case words belong in the case's contradict.yaml:\n" + "\n".join(hits)
