"""The contradiction judge: our own cross-encoder, trained on public NLI data plus generated
contrast pairs (``train.py``), shipped in ``models/judge`` and run offline (``model.py``)."""

from .model import JUDGE_ENV, Judge, get_judge, read_pairs, resolve_judge_path, shipped_judge_path

__all__ = ["JUDGE_ENV", "Judge", "get_judge", "read_pairs", "resolve_judge_path", "shipped_judge_path"]
