"""The HTML brief rendered by headless Chromium, kept as test-artifacts/brief-html.png to look at."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from contradict.export import export
from tests.chromium import ARTIFACTS, CHROMIUM, chromium


def screenshot(html_file: Path, png: Path, profile: Path, size: str = "1200,1600") -> None:
    done = chromium(profile, f"--screenshot={png}", f"--window-size={size}", html_file.resolve().as_uri())
    assert done.returncode == 0, done.stderr


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)
def test_html_brief_renders_in_chromium(brief_db: Path, tmp_path: Path) -> None:
    html = export(brief_db, "html")
    assert isinstance(html, str)
    page = tmp_path / "brief.html"
    page.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / "brief-html.png"
    png.unlink(missing_ok=True)
    screenshot(page, png, tmp_path / "profile")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 30_000  # text, quotes and colour, not a blank page
