"""A real headless Chromium against ``contradict serve`` in a subprocess.

Screenshots of the findings table and a finding page go to ``test-artifacts/`` at the repository
root (gitignored) for a person to look at; the DOM dump checks that the quotes are shown.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chromium import ARTIFACTS, CHROMIUM
from tests.chromium import chromium as run_chromium
from tests.review_case import DONE_QUOTE, NOT_CONTAINED_QUOTE, findings, scan_case, write_case

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"contradict serve exited with {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"contradict serve did not answer on {url} within {timeout} s")


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    return run_chromium(profile, "--window-size=1400,1000", *args, timeout=90)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"{CHROMIUM} not found: install it (apt-get install -y chromium) to run the browser tests"
        )
    root = tmp_path_factory.mktemp("browser")
    db = root / "case.db"
    scan_case(write_case(root), db)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "contradict", "serve", str(db), "--port", str(port), "--reviews"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", proc)
        yield url, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "chromium-profile"
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_findings_table_in_a_browser(server: tuple[str, Path], profile: Path) -> None:
    url, _ = server
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "browser-findings.png"
    shot.unlink(missing_ok=True)
    r = chromium(profile, f"--screenshot={shot}", f"{url}/case/finding_details")
    assert shot.exists() and shot.stat().st_size > 10_000, r.stderr[-2000:]
    dom = chromium(profile, "--dump-dom", f"{url}/case/finding_details").stdout
    assert 'class="cx-findings"' in dom
    assert DONE_QUOTE in dom and NOT_CONTAINED_QUOTE in dom
    assert "&lt;script&gt;" in dom  # the document's markup is shown as text, never run


def test_finding_page_in_a_browser(server: tuple[str, Path], profile: Path) -> None:
    url, db = server
    finding_id = findings(db)["existence"]["id"]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "browser-finding.png"
    shot.unlink(missing_ok=True)
    page = f"{url}/-/contradict/finding/{finding_id}"
    r = chromium(profile, f"--screenshot={shot}", page)
    assert shot.exists() and shot.stat().st_size > 10_000, r.stderr[-2000:]
    dom = chromium(profile, "--dump-dom", page).stdout
    assert f"<mark>He added that {DONE_QUOTE}.</mark>" in dom
    assert NOT_CONTAINED_QUOTE in dom
    assert (
        'name="csrftoken"' in dom and 'value="confirmed"' in dom
    )  # the review form, with --reviews
