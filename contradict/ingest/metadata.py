"""Document metadata: YAML front matter, the folder's manifest, and their validation."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import re
from pathlib import Path
from typing import Any

from contradict.errors import MetadataError
from contradict.kinds import KINDS

META_FIELDS = ("title", "source", "speaker", "kind", "date", "url", "language")

YAML_MANIFEST = "contradict.yaml"
CSV_MANIFEST = "manifest.csv"
CSV_COLUMNS = ("file", *META_FIELDS)

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATE_HINT = "expected YYYY-MM-DD, YYYY-MM or YYYY"
_YAML_EXAMPLE = 'documents:\n  "statements/2019-02-09.pdf": {title: ..., source: ..., kind: statement, date: 2019-02-09}'


# --- validation ---------------------------------------------------------------------------


def validate_metadata(raw: dict, path: str, origin: str) -> dict:
    """Check and normalise one document's fields; ``origin`` (e.g. "front matter") is named
    in errors. Returns only the fields given; empty values are dropped."""
    meta: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key).strip()
        value = _plain(value)
        if value is None or value == "":
            continue
        if name in META_FIELDS:
            meta[name] = _check_field(name, value, path, origin)
        elif name == "encoding":
            meta[name] = _check_encoding(value, path, origin)
        else:
            meta[name] = value
    return meta


def complete(meta: dict) -> dict:
    """Every field of META_FIELDS present (None when unknown), extra fields after them."""
    full = {name: meta.get(name) for name in META_FIELDS}
    full.update((key, value) for key, value in meta.items() if key not in full)
    return full


def _plain(value: Any) -> Any:
    """YAML values made JSON-safe: dates become ISO strings, text is stripped."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _check_field(name: str, value: Any, path: str, origin: str) -> str:
    if isinstance(value, list | dict | bool):
        raise _field_error(path, name, origin, f"{_show(value)} is not text", "give a single value")
    text = str(value)
    if name == "kind":
        return _check_kind(text, path, origin)
    if name == "date":
        return _check_date(text, path, origin)
    if name == "url":
        return _check_url(text, path, origin)
    if name == "language":
        return text.lower()
    return text


def _check_kind(text: str, path: str, origin: str) -> str:
    kind = text.lower()
    if kind not in KINDS:
        raise _field_error(
            path,
            "kind",
            origin,
            f"{_show(text)} is not a known kind",
            "use one of: " + ", ".join(KINDS),
        )
    return kind


def _check_date(text: str, path: str, origin: str) -> str:
    match = _DATE.fullmatch(text)
    if not match:
        raise _field_error(path, "date", origin, f"{_show(text)} is not a date", _DATE_HINT)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        raise _field_error(
            path, "date", origin, f"{_show(text)} is not a valid date", _DATE_HINT
        ) from None
    return text


def is_date(text: str) -> bool:
    """True for a valid YYYY-MM-DD, YYYY-MM or YYYY date."""
    try:
        _check_date(text, "", "")
    except MetadataError:
        return False
    return True


def _check_url(text: str, path: str, origin: str) -> str:
    if not text.lower().startswith(("http://", "https://")):
        raise _field_error(
            path,
            "url",
            origin,
            f"{_show(text)} is not a web address",
            "start it with http:// or https://",
        )
    return text


def _check_encoding(value: Any, path: str, origin: str) -> str:
    name = str(value).strip().lower()
    try:
        codecs.lookup(name)
    except LookupError:
        raise _field_error(
            path,
            "encoding",
            origin,
            f"{_show(value)} is not a known text encoding",
            "use a codec name such as utf-8, cp1250 or iso-8859-2",
        ) from None
    return name


def _field_error(path: str, name: str, origin: str, problem: str, hint: str) -> MetadataError:
    return MetadataError(path, f"field {name!r}: {problem} (in the {origin})", hint)


def _show(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- front matter -------------------------------------------------------------------------


def split_front_matter(text: str, path: str) -> tuple[dict, str]:
    """Split ``---``-fenced YAML front matter from the body. Returns ({}, text) without one."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            header = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return _parse_front_matter(header, path), body
    raise MetadataError(
        path,
        "front matter starts with '---' on line 1 but is never closed",
        "end it with a line '---', or remove the first line",
    )


def _parse_front_matter(header: str, path: str) -> dict:
    data = _load_yaml(header, path, "front matter", first_line=2)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MetadataError(
            path, "front matter is not a list of 'field: value' lines", "e.g. 'kind: statement'"
        )
    return data


def _load_yaml(text: str, path: str, what: str, first_line: int = 1) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_safe_loader())
    except RecursionError:
        raise MetadataError(
            path, f"{what}: invalid YAML (nested too deeply)", "write one 'field: value' per line"
        ) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "syntax error"
        raise MetadataError(
            path, f"{what}{where}: invalid YAML ({problem})", "fix the YAML syntax"
        ) from None


@functools.cache
def _safe_loader() -> Any:
    """PyYAML's SafeLoader, except that an impossible date (2019-13-01) stays a string for
    the date check to report, instead of crashing the loader, and that aliases (``*name``)
    are refused: nine nested aliases make a "billion laughs" that never finishes loading."""
    import yaml

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.events.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not supported", event.start_mark
                )
            return super().compose_node(parent, index)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


# --- manifest -----------------------------------------------------------------------------


def load_manifest(folder: Path) -> dict[str, dict]:
    """Metadata per file from ``contradict.yaml`` and/or ``manifest.csv`` in ``folder``.

    Keys are posix paths relative to the folder. Where both name a file, the YAML entry's
    fields win. Values are returned as given; ``read_document`` validates them.
    """
    folder = Path(folder)
    if folder.is_file():
        folder = folder.parent
    entries: dict[str, dict] = {}
    csv_path = folder / CSV_MANIFEST
    if csv_path.is_file():
        entries.update(_load_csv(csv_path))
    yaml_path = folder / YAML_MANIFEST
    if yaml_path.is_file():
        for key, fields in _load_yaml_manifest(yaml_path).items():
            entries[key] = {**entries.get(key, {}), **fields}
    return entries


def manifest_key(name: str) -> str:
    """A manifest's file name as the posix path it refers to."""
    key = name.strip().replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


def _read_manifest_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MetadataError(str(path), "is not UTF-8 text", "save the manifest as UTF-8") from None
    except OSError as err:
        raise MetadataError(
            str(path), f"cannot be read ({err.strerror})", "check the file's permissions"
        ) from None


def _load_yaml_manifest(path: Path) -> dict[str, dict]:
    data = _load_yaml(_read_manifest_text(path), str(path), "manifest")
    if data is None:
        return {}
    documents = data.get("documents") if isinstance(data, dict) else None
    if documents is None and isinstance(data, dict):
        return {}
    if not isinstance(documents, dict):
        raise MetadataError(
            str(path),
            "'documents' is not a mapping of file name to fields",
            "write it like:\n" + _YAML_EXAMPLE,
        )
    entries: dict[str, dict] = {}
    for name, fields in documents.items():
        if fields is None:
            fields = {}
        if not isinstance(fields, dict):
            raise MetadataError(
                str(path),
                f"entry {_show(str(name))} is not a mapping of field: value",
                "write it like:\n" + _YAML_EXAMPLE,
            )
        entries[_inside(manifest_key(str(name)), path)] = dict(fields)
    return entries


def _inside(key: str, manifest: Path) -> str:
    """A manifest key that names a file inside the case folder; ``../`` and absolute paths
    are refused, so that a manifest cannot attach metadata to, or point at, other files."""
    parts = key.split("/")
    if key.startswith("/") or ".." in parts or re.match(r"[A-Za-z]:", key):
        raise MetadataError(
            str(manifest),
            f"{_show(key)} points outside the case folder",
            "name each file by its path inside the folder, e.g. statements/2019-02-09.pdf",
        )
    return key


def _load_csv(path: Path) -> dict[str, dict]:
    reader = csv.DictReader(io.StringIO(_read_manifest_text(path), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    if "file" not in header:
        raise MetadataError(
            str(path),
            "line 1: no 'file' column",
            "start it with the header: " + ",".join(CSV_COLUMNS),
        )
    reader.fieldnames = header
    entries: dict[str, dict] = {}
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise MetadataError(
                    str(path),
                    f"line {line}: more cells than header columns",
                    "quote cells that contain commas",
                )
            key = manifest_key(row.pop("file") or "")
            if not key:
                raise MetadataError(
                    str(path), f"line {line}: the 'file' cell is empty", "name the file"
                )
            key = _inside(key, path)
            if key in seen:
                raise MetadataError(
                    str(path),
                    f"line {line}: {_show(key)} is already listed on line {seen[key]}",
                    "keep one row per file",
                )
            seen[key] = line
            entries[key] = {name: value for name, value in row.items() if value not in (None, "")}
    except csv.Error as err:
        raise MetadataError(
            str(path), f"line {reader.line_num}: invalid CSV ({err})", "fix the CSV"
        ) from None
    return entries
