"""The care plugin has an `enabled` switch, as Material's plugins have."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, build, project_copy


@pytest.mark.slow
def test_the_plugin_can_be_switched_off(tmp_path):
    """`enabled: false`: the site is built from docs/ alone, with no page made from the data, no downloads and no
    build report."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - care:\n" in config
    config = config.replace("  - care:\n", "  - care:\n      enabled: false\n", 1)
    config = re.sub(r"^nav:\n(  - .*\n)+", "", config, flags=re.M)  # the nav names the generated indexes
    plain = {name: f"# {name}\n\nWords.\n" for name in ("index.md", "data.md", "editors.md", "glossary.md")}
    project = project_copy(tmp_path, None, plain, config)
    shutil.rmtree(project / "docs" / "areas")  # an editor's area page calls macros that need the data
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "editors" / "index.html").is_file()
    assert not (site / "areas").exists() and not (site / "downloads").exists() and not (site / "build-report.txt").exists()
