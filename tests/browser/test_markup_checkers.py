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


def run_pa11y(base_url: str, pages: dict[str, str], chromium_path: str) -> dict[tuple[str, str], dict]:
    """pa11y run once over the pages (name: address on `base_url`) in both schemes, in one Chromium (about a
    second a page); its result by (name, scheme)."""
    node = _needs("node", "pa11y")
    if not (NODE_MODULES / "pa11y").is_dir():
        pytest.fail(f"pa11y is not installed in {NODE_MODULES}. {INSTALL}", pytrace=False)
    wanted = [(name, scheme) for name in pages for scheme in SCHEMES]
    request = {
        "chromium": chromium_path,
        "args": ["--headless", *LAUNCH_ARGS],
        "standard": PA11Y_STANDARD,  # the accessibility statement names it (macros/site/accessibility.py)
        "pages": [{"url": base_url + pages[name], "scheme": scheme} for name, scheme in wanted],
    }
    run = subprocess.run([node, str(PA11Y_SCRIPT)], input=json.dumps(request), capture_output=True, text=True, cwd=ROOT, timeout=900)
    if run.returncode != 0:
        pytest.fail(f"pa11y did not run (exit {run.returncode}):\n{run.stderr[-3000:]}", pytrace=False)
    return dict(zip(wanted, json.loads(run.stdout)))


def assert_pa11y_finds_no_error(result: dict, name: str, path: str, scheme: str) -> None:
    assert result["shown"] == SCHEMES[scheme], f"{path}: asked for the {scheme} scheme, Material showed {result['shown']!r}"
    errors = [issue for issue in result["issues"] if issue["type"] == "error"]
    assert not errors, _pa11y_report(name, path, scheme, errors)


def _pa11y_report(name: str, path: str, scheme: str, errors: list[dict]) -> str:
    lines = [f"pa11y (HTML_CodeSniffer, WCAG2AA) found {len(errors)} error(s) on the {name} page ({path}) in the {scheme} scheme:"]
    for issue in errors:
        lines.append(f"- {issue['code']}\n    {issue['message']}\n    at {issue['selector']}: {' '.join(issue['context'].split())[:200]}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def pa11y_results(site_url, chromium_path) -> dict[tuple[str, str], dict]:
    """pa11y over every page type of the built-in site."""
    return run_pa11y(site_url, PAGES, chromium_path)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_pa11y_finds_no_error(pa11y_results, name, scheme):
    assert_pa11y_finds_no_error(pa11y_results[(name, scheme)], name, PAGES[name], scheme)


def nu_errors(paths: list[Path]) -> list[dict]:
    """The errors the Nu HTML Checker finds in the HTML files and folders given, in one Java run (starting Java
    costs more than checking a page)."""
    java = _needs("java", "The Nu HTML Checker")
    if not VNU_JAR.is_file():
        pytest.fail(f"The Nu HTML Checker (vnu-jar) is not installed in {NODE_MODULES}. {INSTALL}", pytrace=False)
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--skip-non-html", *map(str, paths)],
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
    return errors


def nu_file(message: dict) -> Path | None:
    """The file a message of the Nu HTML Checker is about."""
    return Path(message["url"].removeprefix("file:")) if message.get("url") else None


def assert_nu_finds_no_error(errors: list[dict], site: Path, pages: int) -> None:
    """No error, or a failure that lists them grouped by message, each with where it is first."""
    if not errors:
        return
    by_message: dict[str, list[dict]] = {}
    for message in errors:
        by_message.setdefault(message["message"], []).append(message)
    lines = [f"The Nu HTML Checker found {len(errors)} error(s) in {len({m.get('url') for m in errors})} of {pages} pages:"]
    for text, found in sorted(by_message.items(), key=lambda item: -len(item[1])):
        first = found[0]
        file = nu_file(first)
        where = file.relative_to(site) if file else "?"
        lines.append(f"- {text} ({len(found)} time(s))\n    first in {where}, line {first.get('lastLine', '?')}: ")
        lines[-1] += " ".join(first.get("extract", "").split())[:200]
    pytest.fail("\n".join(lines), pytrace=False)


def test_nu_html_checker_finds_no_error_in_any_page(real_site):
    site = real_site / "project" / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10, f"{site}: expected a built site, found {len(pages)} HTML files"
    assert_nu_finds_no_error(nu_errors([site]), site, len(pages))
