"""Errors a user can cause. The CLI turns each into one line and its exit code: 1, or 2 for
a usage error (bad options, a folder to scan that does not exist or holds no documents)."""

from __future__ import annotations


class ContradictError(Exception):
    """Base class: ``str(err)`` is the one-line message shown to the user.

    Messages say what went wrong and what to do, and never include document text.
    """

    exit_code = 1

    def __init__(self, what: str, hint: str | None = None) -> None:
        self.what = what
        self.hint = hint
        super().__init__(f"{what} — {hint}" if hint else what)


class UsageError(ContradictError):
    """Bad options or arguments (exit code 2)."""

    exit_code = 2


class IngestError(ContradictError):
    """A document could not be read: missing, unreadable, corrupt, wrong encoding."""

    def __init__(self, path: str, what: str, hint: str | None = None) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {what}", hint)


class MetadataError(IngestError):
    """Front matter or manifest metadata is invalid."""


class CaseFolderError(IngestError):
    """The path given to scan does not exist, or is neither a folder nor a supported file
    (exit code 2, like any usage error)."""

    exit_code = 2


class EmptyCorpusError(UsageError):
    """The folder holds no supported documents (exit code 2)."""


class NothingReadError(ContradictError):
    """Not one document of the folder could be read; each failure is in ``errors`` (exit code 1,
    like a scan where some documents failed) and in ``.errors``, for the CLI to show first."""

    def __init__(self, what: str, hint: str | None = None, errors: list[str] | None = None) -> None:
        self.errors = list(errors or [])
        super().__init__(what, hint)


class ModelError(ContradictError):
    """The embedding model could not be loaded."""


class DatabaseError(ContradictError):
    """The database file cannot be opened or is not a contradict database."""
