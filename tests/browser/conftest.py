"""Browser fixtures: the site built once from the built-in data, and the made-up site where areas are compared and
tested (tests/tested_data.py: the built-in areas cannot be compared), each served over HTTP on 127.0.0.1; and one
headless Chromium for the whole session.

Chromium: CHROMIUM_PATH if set (`make test` sets it to the system's Chromium when there is one),
otherwise Playwright's own build (`.venv/bin/playwright install chromium`, which `make test` runs on
GitHub Actions). Both take the same flags and run the same tests.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import built_site
from tested_data import RATE, in_parts, made_up, similar_council

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name http.server uses
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """`folder` served by a threaded http.server on 127.0.0.1, on a free port, while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"site-server {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_url(real_site):
    """The site built from the built-in data, served."""
    with served(real_site / "project" / "site") as url:
        yield url


# The page types only a set whose areas can be compared has, and what each must show for its checks to be worth
# anything (found in its HTML when the site is built, so that a page that lost it fails rather than passes).
MADE_UP_PAGES = {
    "home": ('class="care-hex care-hex--worse"',),  # the hex map coloured by each area's status
    # How it compares: standings against all areas and against similar areas, each tested against them together
    "area": ("How it compares", "Against its similar areas:", "Against all these areas together", "95% confidence interval"),
    "measure": ('class="care-hexmap"', '<a href="1/">'),  # its hex map and the list of its parts
    "measure-part": ('class="care-tested"',),  # a part of its table: each area's place, then its test
}
TESTED_PER_PAGE = 5  # areas in a part of a measure's page: its 12 areas come in 3 parts


@dataclass(frozen=True)
class MadeUpSite:
    """The made-up site where areas are compared and tested (tests/tested_data.py), built with a measure's page
    in parts, and the address of each of MADE_UP_PAGES on it."""

    folder: Path
    pages: dict[str, str]

    def file(self, name: str) -> Path:
        return self.folder / self.pages[name].strip("/") / "index.html"


@pytest.fixture(scope="session")
def tested_site(tmp_path_factory) -> MadeUpSite:
    """tests/tested_data.py's made-up set built once for the session (about 10 s)."""
    tmp = tmp_path_factory.mktemp("tested-site")
    data, _ = made_up(tmp)
    measure = f"/measures/{RATE}/"
    site = MadeUpSite(
        built_site(tmp, data, config=in_parts(TESTED_PER_PAGE)),
        {"home": "/", "area": f"/areas/{similar_council(data)}/", "measure": measure, "measure-part": f"{measure}1/"},
    )
    for name, shows in MADE_UP_PAGES.items():
        html = site.file(name).read_text(encoding="utf-8")
        missing = [words for words in shows if words not in html]
        assert not missing, f"the made-up site's {name} page ({site.pages[name]}) lacks {missing}: its checks would check nothing new"
    return site


@pytest.fixture(scope="session")
def tested_url(tested_site):
    """The made-up site where areas are tested, served."""
    with served(tested_site.folder) as url:
        yield url


def _system_chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def launched():
    """One headless Chromium for the session (a fresh profile: Playwright makes a new user data dir), and
    the path of the program it runs, for tools that start a Chromium of their own (pa11y).

    CHROMIUM_PATH if set, else Playwright's own Chromium; when that is not installed either (plain
    `pytest` on a machine where `make test` has not run), the system's Chromium if there is one.
    """
    from playwright.sync_api import Error, sync_playwright

    executable = os.environ.get("CHROMIUM_PATH") or None
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
            path = executable or playwright.chromium.executable_path
        except Error as error:
            path = None if executable else _system_chromium()
            if path is None:
                where = f"CHROMIUM_PATH={executable}" if executable else "Playwright's own Chromium"
                pytest.fail(
                    f"Could not start {where}: {error}\nSet CHROMIUM_PATH to a Chromium or Chrome, or run "
                    "`.venv/bin/playwright install chromium` (`make test` does one or the other).",
                    pytrace=False,
                )
            chromium = playwright.chromium.launch(executable_path=path, headless=True, args=LAUNCH_ARGS)
        yield chromium, path
        chromium.close()


@pytest.fixture(scope="session")
def browser(launched):
    return launched[0]


@pytest.fixture(scope="session")
def chromium_path(launched) -> str:
    """The Chromium program the browser tests use."""
    return launched[1]


class Visitor:
    """Opens pages of the served site in reusable browser contexts, one per way of looking at it.

    Every request to a host other than 127.0.0.1 is blocked and recorded, and so is every console error
    and uncaught page error; `open()` and `check()` fail the test on the first of them.
    """

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.pages: dict[tuple, object] = {}
        self.external: list[str] = []
        self.errors: list[str] = []

    def page(self, scheme: str = "light", width: int = 1280, *, height: int = 800, scale: float = 1, javascript: bool = True):
        key = (scheme, width, height, scale, javascript)
        if key not in self.pages:
            context = self.browser.new_context(
                viewport={"width": width, "height": height},
                device_scale_factor=scale,
                color_scheme=scheme,
                java_script_enabled=javascript,
                reduced_motion="reduce",
                service_workers="block",
            )
            context.route("**/*", self._route)
            page = context.new_page()
            page.on(
                "console",
                lambda msg, page=page: (
                    msg.type == "error"
                    and self.errors.append(
                        f"console error on {page.url}: {msg.text} ({msg.location.get('url', '')}:{msg.location.get('lineNumber', '')})"
                    )
                ),
            )
            page.on("pageerror", lambda exc, page=page: self.errors.append(f"uncaught error on {page.url}: {exc}"))
            page.on("request", self._request)
            self.pages[key] = page
        return self.pages[key]

    def _is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob", "about") or (parts.scheme in ("http", "https") and parts.hostname == LOCAL_HOST)

    def _request(self, request) -> None:
        if not self._is_local(request.url):
            self.external.append(request.url)

    def _route(self, route) -> None:
        if self._is_local(route.request.url):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort("blockedbyclient")

    def open(self, path: str, **how):
        """Load a page and wait until it is settled: loaded, Material's script run, two frames drawn."""
        page = self.page(**how)
        self.external.clear()
        self.errors.clear()
        response = page.goto(self.base_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else 'no response'}"
        if how.get("javascript", True):  # (requestAnimationFrame never fires when the page's scripts are off)
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        self.check(path)
        return page

    def check(self, path: str) -> None:
        assert not self.external, f"{path} made a request to another host: {self.external[0]}"
        assert not self.errors, f"{path} logged an error: {self.errors[0]}"

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="session")
def visitor(browser, site_url):
    visit = Visitor(browser, site_url)
    yield visit
    visit.close()


@pytest.fixture(scope="session")
def tested_visitor(browser, tested_url):
    """A visitor to the made-up site where areas are tested."""
    visit = Visitor(browser, tested_url)
    yield visit
    visit.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """test-artifacts/screenshots/, which CI uploads as an artifact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
