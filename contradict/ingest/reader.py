"""Finding a case's documents and reading one into a Document with validated metadata."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from contradict.errors import CaseFolderError, EmptyCorpusError, IngestError

from .base import FORMATS, SUPPORTED_SUFFIXES, Document, Extracted
from .docx import read_docx
from .html import read_html
from .metadata import CSV_MANIFEST, YAML_MANIFEST, complete, manifest_key, validate_metadata
from .pdf import read_pdf
from .text import read_markdown, read_text

Reader = Callable[[bytes, str, str | None], Extracted]

READERS: dict[str, Reader] = {
    "txt": read_text,
    "md": read_markdown,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
}

#: files that describe a case rather than belong to it (compared case-insensitively)
CASE_FILES = frozenset(
    name.lower() for name in (YAML_MANIFEST, CSV_MANIFEST, "gold.yaml", "MANIFEST.md", "README.md")
)

EMPTY_HINT = "add text to it or remove it from the folder"
MAX_BYTES = 512 * 10**6  # a 500-page PDF is 10-50 MB; a bigger file is most likely not one document
_SUFFIX_LIST = ", ".join(SUPPORTED_SUFFIXES)


def discover(folder: Path) -> list[Path]:
    """Supported files under ``folder``, recursively, sorted by relative posix path.

    Skips hidden names, names starting with '_', and the files that describe the case
    (manifests, gold.yaml, MANIFEST.md, README.md). A single file is returned as [file].
    """
    folder = Path(folder)
    if not folder.exists():
        raise CaseFolderError(str(folder), "does not exist", "check the path")
    if folder.is_file():
        if not is_supported(folder):
            raise CaseFolderError(
                str(folder), "is not a supported format", f"supported: {_SUFFIX_LIST}"
            )
        return [folder]
    if not folder.is_dir():
        raise CaseFolderError(str(folder), "is not a folder or a file", "check the path")
    found = sorted(_walk(folder), key=lambda path: path.relative_to(folder).as_posix())
    if not found:
        raise EmptyCorpusError(
            f"{folder}: no supported documents found",
            f"add files ending in {_SUFFIX_LIST} (names starting with '.' or '_' are skipped)",
        )
    return found


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [name for name in subdirs if not _skipped(name)]
        for name in files:
            path = Path(directory, name)
            if not _skipped(name) and name.lower() not in CASE_FILES and is_supported(path):
                found.append(path)
    return found


def _skipped(name: str) -> bool:
    return name.startswith((".", "_"))


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def read_document(
    path: Path, root: Path | None = None, manifest: dict[str, dict] | None = None
) -> Document:
    """Read one file. Metadata is the manifest entry overlaid by the file's front matter,
    completed with what the file itself says (HTML/DOCX title, HTML date), and validated."""
    path = Path(path)
    name = display_path(path, root)
    _check_file(path, name, root)
    fmt = _format(path, name)
    data = _read_bytes(path, name)
    entry = (manifest or {}).get(manifest_key(_relative(path, root or path.parent)), {})
    meta = validate_metadata(entry, name, "manifest")
    extracted = READERS[fmt](data, name, meta.get("encoding"))
    meta.update(validate_metadata(extracted.front_matter, name, "front matter"))
    for key, value in extracted.found.items():
        meta.setdefault(key, value)
    if not extracted.text.strip():
        raise IngestError(name, "is empty", EMPTY_HINT)
    return Document(
        id=hashlib.sha256(data).hexdigest(),
        path=name,
        format=fmt,
        text=extracted.text,
        pages=extracted.pages,
        meta=complete(meta),
        warnings=extracted.warnings,
        encoding=extracted.encoding,
        encoding_confidence=extracted.encoding_confidence,
    )


def content_id(path: Path, root: Path | None = None) -> str:
    """The id the file's document gets (SHA-256 of its bytes, read in blocks), so that an
    unchanged file is skipped without being read whole; raises :class:`IngestError` as
    ``read_document`` would for a file that cannot be read."""
    path = Path(path)
    name = display_path(path, root)
    _check_file(path, name, root)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except PermissionError:
        raise _permission_denied(name) from None
    except OSError as err:
        raise IngestError(name, f"cannot be read ({err.strerror})", "check the file") from None
    return digest.hexdigest()


def _permission_denied(name: str) -> IngestError:
    return IngestError(
        name, "cannot be read (permission denied)", "check the file's permissions (chmod +r)"
    )


def display_path(path: Path, root: Path | None) -> str:
    """The path relative to ``root`` when it lies under it, else as given (posix)."""
    return _relative(path, root) if root is not None else path.as_posix()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _format(path: Path, name: str) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(name, "is not a supported format", f"supported: {_SUFFIX_LIST}")
    return fmt


def _check_file(path: Path, name: str, root: Path | None = None) -> None:
    """The file exists, is a file, and when it is a link, the link stays inside the case
    folder: a case sent by someone else must not make the scan store ``~/.ssh/id_rsa``."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # RuntimeError: a loop, on Python before 3.13
            raise IngestError(
                name, "is a symbolic link that leads nowhere (broken, or a loop)",
                "replace the link by the file it should point to",
            ) from None
        if root is not None and not target.is_relative_to(Path(root).resolve()):
            raise IngestError(
                name, "is a link to a file outside the case folder, which is not read",
                "copy the file into the case folder to scan it",
            )
    if not path.exists():
        raise IngestError(name, "does not exist", "check the path")
    if path.is_dir():
        raise IngestError(name, "is a folder, not a file", "give a file, or scan the folder")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(
            name, f"is {size / 1e6:,.0f} MB, more than the {MAX_BYTES // 10**6} MB a document may have",
            "split it into smaller files",
        )


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        data = path.read_bytes()
    except PermissionError:
        raise _permission_denied(name) from None
    except OSError as err:
        raise IngestError(name, f"cannot be read ({err.strerror})", "check the file") from None
    if not data.strip():
        raise IngestError(name, "is empty", EMPTY_HINT)
    return data
