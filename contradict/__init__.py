"""contradict: find where official statements contradict each other and their own filings.

The library API; the ``contradict`` command is a thin wrapper around it.
"""

from .errors import ContradictError
from .finding import Finding, Topic

__version__ = "0.1.0"


def scan(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See :func:`contradict.pipeline.scan` (imported lazily: it pulls in numpy and spaCy)."""
    from .pipeline import scan as _scan

    return _scan(*args, **kwargs)


def open_db(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See :func:`contradict.store.open_db`."""
    from .store import open_db as _open_db

    return _open_db(*args, **kwargs)


def findings_frame(db):  # type: ignore[no-untyped-def]
    """See :func:`contradict.frames.findings_frame`: every finding with both claims, their
    documents and its review status, as a pandas DataFrame (pandas is imported on call)."""
    from .frames import findings_frame as _findings_frame

    return _findings_frame(db)


def claims_frame(db):  # type: ignore[no-untyped-def]
    """See :func:`contradict.frames.claims_frame`: every claim with its document, as a pandas
    DataFrame (pandas is imported on call)."""
    from .frames import claims_frame as _claims_frame

    return _claims_frame(db)


__all__ = ["ContradictError", "Finding", "Topic", "__version__", "claims_frame", "findings_frame", "open_db", "scan"]
