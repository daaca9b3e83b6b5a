"""`mkdocs serve` rebuilds when an editor saves a CSV file, not only a markdown page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import build, data_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.mark.slow
def test_preview_picks_up_a_csv_edit(tmp_path):
    data = data_dir(tmp_path)
    build(tmp_path, data)  # lays out the project copy
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CARE_DATA_DIR": str(data), "CARE_CHART_CACHE": str(tmp_path / "cache")}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path / "project",
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/areas/testshire/"
    try:
        assert wait_for(lambda: "2,459 days" in fetch(url)), "the preview did not start"
        path = data / "observations.csv"
        path.write_text(path.read_text(encoding="utf-8").replace('"2,459"', '"2,468"'), encoding="utf-8")
        assert wait_for(lambda: "2,468 days" in fetch(url)), (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
