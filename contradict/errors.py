"""Errors a user can cause. The CLI turns each into one line and exit code 1."""

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


class EmptyCorpusError(ContradictError):
    """The folder holds no supported documents."""


class ModelError(ContradictError):
    """The embedding model could not be loaded."""


class DatabaseError(ContradictError):
    """The database file cannot be opened or is not a contradict database."""
