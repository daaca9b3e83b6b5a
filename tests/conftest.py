"""Shared helpers: a data folder made from a fixture, and a real mkdocs build into a temporary folder."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
ERRORS = ROOT / "tests" / "fixtures" / "errors"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def data_dir(tmp_path: Path, source: Path = TINY, **replace: Path) -> Path:
    """A copy of a data folder with some files replaced, e.g. observations=ERRORS / 'x.csv'."""
    target = tmp_path / "data"
    shutil.copytree(source, target)
    for name, path in replace.items():
        shutil.copy(path, target / f"{name}.csv")
    return target


def build(tmp_path: Path, data: Path | None = None, docs: dict[str, str] | None = None, config: str | None = None,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a copy of the project with the given data and extra docs pages."""
    project = tmp_path / "project"
    if not project.exists():
        project.mkdir()
        for name in ("docs", "overrides"):
            shutil.copytree(ROOT / name, project / name)
        if data is not None and data.resolve() != (ROOT / "data").resolve():
            # Editors' pages for the built-in areas (docs/areas/southampton.md) describe areas other data sets
            # do not have; the build rightly refuses them, so leave them out.
            for section in ("areas", "schemes", "measures"):
                shutil.rmtree(project / "docs" / section, ignore_errors=True)
        os.symlink(ROOT / "macros", project / "macros")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for path, content in (docs or {}).items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if config is not None:
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CARE_CHART_CACHE": str(tmp_path / "chart-cache")}
    if data is not None:
        run_env["CARE_DATA_DIR"] = str(data)
    run_env.update(env or {})
    return subprocess.run(MKDOCS + ["build", "--strict", "--site-dir", str(project / "site")], cwd=project,
                          env=run_env, capture_output=True, text=True, timeout=600)


def page(result_dir: Path, url: str) -> str:
    return (result_dir / "project" / "site" / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny fixture built once for the whole session; returns the folder holding project/site."""
    tmp = tmp_path_factory.mktemp("tiny")
    result = build(tmp, data_dir(tmp))
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The built-in data built once for the whole session."""
    tmp = tmp_path_factory.mktemp("real")
    result = build(tmp, ROOT / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp / "build-output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    return tmp
