import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.review_case"]  # fixtures of the review and serve tests

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "belgrade-surveillance"


def write_doc(folder: Path, name: str, body: str, **meta: str) -> Path:
    """A Markdown document with YAML front matter."""
    lines = ["---"] + [f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {v}" for k, v in meta.items()] + ["---", ""]
    path = folder / name
    path.write_text("\n".join(lines) + body.strip() + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_case(tmp_path: Path) -> Path:
    """Four documents with one existence conflict, one numeric conflict and a rounding look-alike."""
    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "a-interview.md",
              "The director said that all camera locations are already known. "
              "Almost 1,000 cameras will be installed in the city within two years.",
              title="Interview", source="Ministry", speaker="The Director", kind="statement",
              date="2019-02-09", url="https://example.org/a")
    write_doc(case, "b-foi.md",
              "The information on camera locations you requested is not contained in any document held by the Ministry.",
              title="FOI answer", source="Ministry", kind="foi_response", date="2019-04",
              url="https://example.org/b")
    write_doc(case, "c-minister.md",
              "The minister announced that about 1,000 cameras will be installed in the city.",
              title="Minister", source="Government", kind="statement", date="2019-01-31")
    write_doc(case, "d-dpia.md",
              "The impact assessment lists 8,100 cameras for the city.",
              title="DPIA", source="Ministry", kind="dpia", date="2020-06")
    return case


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled Belgrade case scanned once with the real shipped model."""
    from contradict.pipeline import scan

    db = tmp_path_factory.mktemp("bundled") / "belgrade.db"
    scan(CORPUS, db)
    return db
