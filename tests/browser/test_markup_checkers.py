"""Second opinions beside axe: pa11y (its HTML_CodeSniffer runner, WCAG 2 AA) finds no error on any page
type, in the light and the dark colour scheme, and the W3C Nu HTML Checker finds no error in any page of
the built site. Both come from npm (package.json, installed by `make test` with `npm ci`); the Nu checker
is a Java program.

Any error they find is to be fixed in the markup (overrides/ holds Material's templates where ours
differ), not by leaving a rule out.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.site.accessibility import PA11Y_STANDARD

from .conftest import LAUNCH_ARGS
from .test_accessibility import PAGES

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
PA11Y_SCRIPT = Path(__file__).with_name("pa11y_pages.js")
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCHEMES = {"light": "default", "dark": "slate"}
INSTALL = "Run `make test`, which installs them, or `PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts` in the project folder."


INSTALL_HINTS = {
    "node": "Install Node.js 20 or newer (Debian: `apt-get install nodejs npm`; .ci/run does).",
    "java": "Install Java 11 or newer (Debian: `apt-get install default-jre-headless`; .ci/run does).",
}


def _needs(program: str, what: str) -> str:
    found = shutil.which(program)
    if not found:
        pytest.fail(f"{what} needs `{program}`, which is not on PATH. {INSTALL_HINTS[program]}", pytrace=False)
    return found


@pytest.fixture(scope="session")
def pa11y_results(site_url, chromium_path) -> dict[tuple[str, str], dict]:
    """pa11y run once over every page type in both schemes, in one Chromium (about a second a page)."""
    node = _needs("node", "pa11y")
    if not (NODE_MODULES / "pa11y").is_dir():
        pytest.fail(f"pa11y is not installed in {NODE_MODULES}. {INSTALL}", pytrace=False)
    wanted = [(name, scheme) for name in PAGES for scheme in SCHEMES]
    request = {
        "chromium": chromium_path,
        "args": ["--headless", *LAUNCH_ARGS],
        "standard": PA11Y_STANDARD,  # the accessibility statement names it (macros/site/accessibility.py)
        "pages": [{"url": site_url + PAGES[name], "scheme": scheme} for name, scheme in wanted],
    }
    run = subprocess.run([node, str(PA11Y_SCRIPT)], input=json.dumps(request), capture_output=True, text=True, cwd=ROOT, timeout=900)
    if run.returncode != 0:
        pytest.fail(f"pa11y did not run (exit {run.returncode}):\n{run.stderr[-3000:]}", pytrace=False)
    return dict(zip(wanted, json.loads(run.stdout)))


def _pa11y_report(name: str, path: str, scheme: str, errors: list[dict]) -> str:
    lines = [f"pa11y (HTML_CodeSniffer, WCAG2AA) found {len(errors)} error(s) on the {name} page ({path}) in the {scheme} scheme:"]
    for issue in errors:
        lines.append(f"- {issue['code']}\n    {issue['message']}\n    at {issue['selector']}: {' '.join(issue['context'].split())[:200]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_pa11y_finds_no_error(pa11y_results, name, scheme):
    result = pa11y_results[(name, scheme)]
    assert result["shown"] == SCHEMES[scheme], f"{PAGES[name]}: asked for the {scheme} scheme, Material showed {result['shown']!r}"
    errors = [issue for issue in result["issues"] if issue["type"] == "error"]
    assert not errors, _pa11y_report(name, PAGES[name], scheme, errors)


def test_nu_html_checker_finds_no_error_in_any_page(real_site):
    java = _needs("java", "The Nu HTML Checker")
    if not VNU_JAR.is_file():
        pytest.fail(f"The Nu HTML Checker (vnu-jar) is not installed in {NODE_MODULES}. {INSTALL}", pytrace=False)
    site = real_site / "project" / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10, f"{site}: expected a built site, found {len(pages)} HTML files"
    # One Java run over the whole folder: starting Java costs more than checking a page.
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu HTML Checker gave no report (exit {run.returncode}):\n{run.stdout[-2000:]}{run.stderr[-2000:]}", pytrace=False)
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert run.returncode == (1 if errors else 0), f"vnu exit {run.returncode}: {run.stderr[-2000:]}"
    if errors:
        by_message: dict[str, list[dict]] = {}
        for message in errors:
            by_message.setdefault(message["message"], []).append(message)
        lines = [f"The Nu HTML Checker found {len(errors)} error(s) in {len({m.get('url') for m in errors})} of {len(pages)} pages:"]
        for text, found in sorted(by_message.items(), key=lambda item: -len(item[1])):
            first = found[0]
            where = Path(first.get("url", "").removeprefix("file:")).relative_to(site) if first.get("url") else "?"
            lines.append(f"- {text} ({len(found)} time(s))\n    first in {where}, line {first.get('lastLine', '?')}: ")
            lines[-1] += " ".join(first.get("extract", "").split())[:200]
        pytest.fail("\n".join(lines), pytrace=False)
