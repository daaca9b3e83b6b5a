"""One query says which rows a page about an area or a scheme cites (sections.cited_rows): the generated
page's sources, the sources() macro on an editor's page and the page's age all come from it."""

from __future__ import annotations

import pytest
from conftest import built_site, data_dir, page
from test_site import visible


def _scheme_from_its_own_report(tmp_path):
    """The tiny data with its scheme's row citing a report that no other row cites."""
    data = data_dir(tmp_path)
    sources = data / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8") + "scheme-plan-2015,Carers plan,Testshire Council,Cabinet,2015-06-01,002_914191029eccc21d.txt,\n",
        encoding="utf-8",
    )
    schemes = data / "schemes.csv"
    schemes.write_text(schemes.read_text(encoding="utf-8").replace("running,rep-2016,", "running,scheme-plan-2015,"), encoding="utf-8")
    return data


@pytest.mark.slow
def test_an_editors_area_page_cites_the_same_reports_as_the_generated_one(tmp_path):
    generated, written = tmp_path / "generated", tmp_path / "written"
    built_site(generated, _scheme_from_its_own_report(generated))
    assert "Carers plan" in visible(page(generated, "areas/testshire").split('id="sources"')[1])  # the scheme's own report

    words = '# Testshire\n\nOur words.\n\n{{ sources("testshire") }}\n'
    built_site(written, _scheme_from_its_own_report(written), docs={"areas/testshire.md": words})
    assert "Carers plan" in visible(page(written, "areas/testshire"))  # the macro's list: before, it left out the area's schemes
