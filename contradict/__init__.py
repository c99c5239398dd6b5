"""contradict: find where official statements contradict each other and their own filings.

The library API; the ``contradict`` command is a thin wrapper around it.
"""

from .errors import ContradictError

__version__ = "0.1.0"


def scan(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See :func:`contradict.pipeline.scan` (imported lazily: it pulls in numpy and spaCy)."""
    from .pipeline import scan as _scan

    return _scan(*args, **kwargs)


def open_db(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See :func:`contradict.store.open_db`."""
    from .store import open_db as _open_db

    return _open_db(*args, **kwargs)


__all__ = ["ContradictError", "__version__", "open_db", "scan"]
