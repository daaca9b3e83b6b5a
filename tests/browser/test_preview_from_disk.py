"""The pull request's preview (the `site-preview` artifact) opened from the disk, as the editors' guide says:
unzip it and double-click index.html. The workflow builds it with --no-directory-urls (tests/test_workflow.py),
so each page is a file and the links work without a web server; with the site's usual folder addresses a link
opens a folder listing instead."""

from __future__ import annotations

import pytest
from conftest import ROOT, built_site, data_dir

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("preview")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8") + "\nuse_directory_urls: false  # as --no-directory-urls\n"
    return built_site(tmp, data_dir(tmp), config=config)


def test_the_preview_opens_from_disk_and_its_links_and_charts_work(browser, preview_site):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda request: request.url.startswith(("file:", "data:")) or elsewhere.append(request.url))
    page.goto((preview_site / "index.html").as_uri())
    page.click("nav >> text=Areas")
    assert page.url.endswith("/areas/index.html")
    page.click("article >> text=Testshire")
    assert page.url.endswith("/areas/testshire.html") and page.title().startswith("Testshire")
    charts = page.eval_on_selector_all(
        "figure.care-chart img",
        """async images => Promise.all(images.map(img => { img.loading = "eager";
            return img.decode().then(() => img.naturalWidth > 0, () => false); }))""",
    )
    assert charts and all(charts)
    assert not elsewhere
    context.close()
