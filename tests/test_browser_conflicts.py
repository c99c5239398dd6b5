"""The conflicts view and a conflict page in a real headless Chromium against ``contradict serve``.

Screenshots go to ``test-artifacts/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contradict import store
from tests.chromium import ARTIFACTS, CHROMIUM
from tests.test_browser import chromium, free_port, wait_for
from tests.test_conflicts import scan, write_case

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: install it (apt-get install -y chromium) to run the browser tests")
    root = tmp_path_factory.mktemp("browser-conflicts")
    db = root / "case.db"
    scan(write_case(root / "camera-case"), db)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "contradict", "serve", str(db), "--port", str(port), "--reviews"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
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


def test_conflicts_view_and_page_in_a_browser(server: tuple[str, Path], profile: Path) -> None:
    url, db = server
    database = store.open_db(db, create=False)
    two = next(c for c in store.query_conflicts(database) if c["findings"] == 2)
    database.close()
    ARTIFACTS.mkdir(exist_ok=True)
    table = chromium(profile, "--dump-dom", f"{url}/case/conflict_details").stdout
    assert f'href="/-/contradict/conflict/{two["id"]}"' in table
    assert "The assessment covers 8,100 cameras in total." in table
    shot = ARTIFACTS / "browser-conflict.png"
    shot.unlink(missing_ok=True)
    page = f"{url}/-/contradict/conflict/{two['id']}"
    r = chromium(profile, f"--screenshot={shot}", page)
    assert shot.exists() and shot.stat().st_size > 10_000, r.stderr[-2000:]
    dom = chromium(profile, "--dump-dom", page).stdout
    assert "<mark>The assessment covers 8,100 cameras in total.</mark>" in dom
    for fid in two["members"]:
        assert f'href="/-/contradict/finding/{fid}"' in dom
    assert 'name="csrftoken"' in dom and "Save review of all 2 findings" in dom
    assert json.dumps(two["members"])  # the members are real finding ids
