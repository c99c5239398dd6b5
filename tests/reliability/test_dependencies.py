"""A plain ``pip install contradict`` (no extras) reads every supported format: every
distribution whose modules a read of a .txt, .md, .html, .pdf (AES-encrypted too) and .docx
imports is required by contradict itself, directly or through its requirements' own.

An extra is followed as pip follows it: only when the distribution declares an extra of that
exact name. jusText asks for ``lxml[html_clean]``, lxml 6 declares ``html-clean``, and pip
installed no lxml_html_clean: every HTML read ended in ImportError until contradict declared
it itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import make_docx, make_pdf

READ_EVERY_FORMAT = """
import json, sys
from pathlib import Path
from contradict.claims import split_claims
from contradict.ingest import read_document
for path in sys.argv[1:]:
    split_claims(read_document(Path(path)))
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def required_distributions(root: str = "contradict") -> set[str]:
    """Distributions pip installs for ``root`` without extras, extras followed as pip does."""
    seen: set[tuple[str, str]] = set()
    todo = [(canonicalize_name(root), "")]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python
        provided = dist.metadata.get_all("Provides-Extra") or []
        extras = [""] + ([extra] if extra and extra in provided else [])
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is not None and not any(
                requirement.marker.evaluate({"extra": e}) for e in extras
            ):
                continue
            dependency = canonicalize_name(requirement.name)
            todo.append((dependency, ""))
            todo.extend((dependency, e) for e in requirement.extras)
    return {name for name, _ in seen}


def test_reading_every_format_needs_only_declared_distributions(tmp_path: Path) -> None:
    files = [tmp_path / "a.txt", tmp_path / "b.md", tmp_path / "c.html"]
    files[0].write_text("The ministry said 1,000 cameras were installed.\n", encoding="cp1250")
    files[1].write_text("---\ntitle: B\n---\nThe police said 800 locations were chosen.\n", encoding="utf-8")
    files[2].write_text("<html><body><article><p>The city bought 2,000 cameras in 2020, the mayor "
                        "said.</p></article></body></html>", encoding="utf-8")
    files.append(make_pdf(tmp_path / "d.pdf", ["The impact assessment lists 8,100 cameras."]))
    files.append(make_pdf(tmp_path / "e.pdf", ["The impact assessment lists 8,100 cameras."],
                          owner_password="owner", aes=True))
    files.append(make_docx(tmp_path / "f.docx", ["The ministry holds no document on the locations."]))
    out = subprocess.run([sys.executable, "-c", READ_EVERY_FORMAT, *map(str, files)], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    imported = set(json.loads(out.stdout)) - set(sys.stdlib_module_names) - {"contradict", "__main__"}
    owners = metadata.packages_distributions()
    needed = {canonicalize_name(dist) for module in imported for dist in owners.get(module, [])}
    missing = needed - required_distributions()
    assert not missing, f"imported when reading, but only installed by accident: {sorted(missing)}"
    for name in ("lxml-html-clean", "charset-normalizer", "cryptography"):
        assert name in needed  # the three this test was written for are really used
