"""The embedder registry: named embedders, plugins through entry points, and cached vectors
keyed by what a local model folder holds rather than by its name."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from contradict import embed
from contradict.embed import HashEmbedder, folder_fingerprint, get_embedder, registry
from contradict.errors import ModelError
from contradict.store import open_db

from .conftest import write_doc
from .plugins import installed


class FakeSentenceTransformer:
    """Stands in for a sentence-transformers folder: its vectors depend on its weights file, so
    two folders with different weights embed the same text differently."""

    loads: list[Path] = []

    def __init__(self, path: Path, model_id: str, batch_size: int = 64) -> None:
        if not (path / "model.safetensors").exists():
            raise ModelError(f"{path}: cannot load a sentence-transformers model (OSError)")
        self.seed = sum((path / "model.safetensors").read_bytes())
        self.model_id, self.dim, self.calls = model_id, HashEmbedder.dim, 0
        FakeSentenceTransformer.loads.append(path)

    def encode(self, texts, progress=None):  # type: ignore[no-untyped-def]
        self.calls += len(texts)
        signs = np.where(np.random.default_rng(self.seed).random(self.dim) < 0.5, -1.0, 1.0)
        return (HashEmbedder().encode(texts) * signs).astype("float32")


@pytest.fixture
def fake_st(monkeypatch: pytest.MonkeyPatch) -> type[FakeSentenceTransformer]:
    monkeypatch.setattr(embed, "SentenceTransformerEmbedder", FakeSentenceTransformer)
    FakeSentenceTransformer.loads = []
    return FakeSentenceTransformer


def model_folder(parent: Path, weights: bytes, readme: str = "") -> Path:
    folder = parent / "model"  # every one of them is called `model`
    folder.mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(weights)
    (folder / "config.json").write_text('{"hidden_size": 256}')
    if readme:
        (folder / "README.md").write_text(readme)
    return folder


def stored_models(db_path: Path) -> dict[str, int]:
    db = open_db(db_path, create=False)
    try:
        return {r["model"]: r["n"] for r in db.query("select model, count(*) n from embeddings group by model")}
    finally:
        db.close()


def test_folders_called_model_with_different_weights_never_share_cached_vectors(
    fake_st: type[FakeSentenceTransformer], tmp_path: Path
) -> None:
    from contradict.pipeline import ScanConfig, scan

    one = model_folder(tmp_path / "one", b"\x01" * 64)
    two = model_folder(tmp_path / "two", b"\x02" * 64)
    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "a.md", "About 1,000 cameras will be installed in the city.", kind="statement")
    write_doc(case, "b.md", "The ministry installed 8,100 cameras in the city.", kind="dpia")
    db = tmp_path / "c.db"

    first = scan(case, db, ScanConfig(model=str(one), use_judge=False, translate=False))
    second = scan(case, db, ScanConfig(model=str(two), use_judge=False, translate=False))
    again = scan(case, db, ScanConfig(model=str(one), use_judge=False, translate=False))

    models = stored_models(db)
    assert len(models) == 2 and set(models.values()) == {first.embedded}
    assert second.embedded == first.embedded > 0  # the second model's vectors were computed, not reused
    assert again.embedded == 0  # ... and the first model's are still found under its own key
    assert get_embedder(str(one)).model_id != get_embedder(str(two)).model_id


def test_a_local_model_id_follows_the_files_not_the_folder_name(fake_st, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = model_folder(tmp_path / "a", b"weights", readme="saved on Monday")
    b = model_folder(tmp_path / "b", b"weights", readme="saved on Tuesday")
    assert folder_fingerprint(a) == folder_fingerprint(b)  # a README is not the model
    (b / "config.json").write_text('{"hidden_size": 384}')
    assert folder_fingerprint(a) != folder_fingerprint(b)  # configuration is
    before = get_embedder(str(a)).model_id
    (a / "model.safetensors").write_bytes(b"retrained")  # the same folder, new weights
    assert get_embedder(str(a)).model_id != before
    assert before.startswith("path:model@sha256:")


def test_a_folder_that_is_no_model_fails_before_anything_is_hashed(fake_st, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(embed, "folder_fingerprint", lambda path: pytest.fail("hashed a folder that is no model"))
    with pytest.raises(ModelError, match="cannot load a sentence-transformers model"):
        get_embedder(str(tmp_path))
    with pytest.raises(ModelError, match="never downloads.*one of: .*hash"):
        get_embedder(str(tmp_path / "nowhere"))


PLUGIN = textwrap.dedent('''
    import numpy as np

    class Constant:
        model_id = "constant-v1"
        dim = 4

        def encode(self, texts, progress=None):
            return np.ones((len(texts), 4), dtype="float32") / 2.0

    def make():
        return Constant()
''')


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A package that names an embedder in contradict.embedders (and tries to take 'hash')."""
    entry_points = "[contradict.embedders]\nconstant = constant_embedder:make\nhash = constant_embedder:make\n"
    with installed(tmp_path, monkeypatch, "constant_embedder", PLUGIN, entry_points):
        registry.cache_clear()
        yield
    registry.cache_clear()


def test_a_plugin_embedder_is_used_by_a_scan_and_cannot_take_a_builtin_name(plugin, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from contradict.pipeline import ScanConfig, scan

    assert {"hash", "use-multilingual", "all-MiniLM-L6-v2", "constant"} <= set(registry())
    assert "'hash' ignored" in capsys.readouterr().err
    assert isinstance(get_embedder("hash"), HashEmbedder)  # the built-in keeps its name
    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "a.md", "About 1,000 cameras will be installed in the city.", kind="statement")
    write_doc(case, "b.md", "The ministry installed 8,100 cameras in the city.", kind="dpia")
    scan(case, tmp_path / "p.db", ScanConfig(model="constant", use_judge=False, translate=False))
    assert set(stored_models(tmp_path / "p.db")) == {"constant-v1"}


def test_the_shipped_model_is_loaded_only_when_a_scan_has_texts_to_embed(small_case, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A re-scan that finds nothing new never imports torch for the embedder (seconds of a
    cron job's run); one that finds a new document loads it and embeds."""
    from contradict.embed import SentenceTransformerEmbedder
    from contradict.pipeline import ScanConfig, scan

    db = tmp_path / "lazy.db"
    cfg = ScanConfig(use_judge=False)
    first = scan(small_case, db, cfg)
    assert first.embedded > 0
    loads: list[Path] = []
    real_load = SentenceTransformerEmbedder._load

    def counted(self):  # type: ignore[no-untyped-def]
        loads.append(self.path)
        return real_load(self)

    monkeypatch.setattr(SentenceTransformerEmbedder, "_load", counted)
    again = scan(small_case, db, cfg)
    assert again.embedded == 0 and again.claims_total == first.claims_total
    assert loads == []
    write_doc(small_case, "e-later.md", "The ministry said that 2,000 cameras are now in use.",
              title="Later", source="Ministry", kind="statement", date="2021-05")
    third = scan(small_case, db, cfg)
    assert third.embedded == 1 and len(loads) == 1
    vectors = open_db(db).execute("select count(*) from embeddings").fetchone()[0]
    assert vectors == first.embedded + 1


def test_the_shipped_model_declares_the_size_of_its_vectors() -> None:
    lazy = embed._default()
    assert lazy._model is None and lazy.dim == 384
    assert lazy.encode(["One sentence."]).shape == (1, 384)
