"""Advice on editors' pages: long sentences, hard reading and unexplained abbreviations, with file and line."""

from __future__ import annotations

import pytest
from conftest import build, data_dir

from macros.site.advice import advise, flesch, prose

LONG = "This " + " ".join(["word"] * 25) + "."


def test_a_long_sentence_is_reported_on_the_line_it_starts_counting_front_matter():
    source = f"---\ntitle: T\n---\n\n# Heading\n\nShort one.\n\nFirst sentence is fine. {LONG}\n"
    [item] = advise("docs/x.md", source, set())
    assert (item.file, item.line) == ("docs/x.md", 9)
    assert item.message.startswith("a sentence of 26 words")


def test_a_macro_counts_as_one_word_and_a_sentence_of_25_words_passes():
    macro = '{{ figure("southampton", "soton-dtc-days", "April to September 2016") }}'
    sentence = " ".join(["word"] * 24) + f" {macro}."
    assert advise("docs/x.md", sentence + "\n", set()) == []


def test_headings_tables_code_and_html_are_not_prose():
    source = f"# {LONG}\n\n| {LONG} |\n\n```\n{LONG}\n```\n\n<p>{LONG}</p>\n"
    assert prose(source) == []


def test_abbreviations_must_be_in_the_glossary():
    found = advise("docs/x.md", "The NHS and the ICB met. DToCs fell.\n", {"NHS", "DToC"})
    assert [a.message for a in found] == ["'ICB' is not explained in the glossary; write it out, or add it to data/glossary.csv."]


def test_names_run_together_are_not_abbreviations_but_plurals_and_mixed_case_ones_are():
    found = advise("docs/x.md", "Open GitHub and PowerPoint. The ICBs and DoLS and UTF met.\n", {"DoLS"})
    assert [a.message.split("'")[1] for a in found] == ["ICBs", "UTF"]


def test_code_spans_are_names_as_written_not_prose():
    """`CSV UTF-8` is a menu's words and `8,407` an example of a format: neither is advice nor a figure."""
    source = "Save it as `CSV UTF-8` and type `8,407` or `" + LONG + "`.\n"
    assert prose(source) == [(1, "Save it as code and type code or code.")]
    assert advise("docs/x.md", source, set()) == []


def test_a_hard_page_gets_one_piece_of_advice_for_the_page():
    hard = "Notwithstanding organisational reconfiguration, interdisciplinary commissioning necessitates comprehensive evaluation.\n"
    easy = "We will help you get home. The team is ready.\n"
    assert flesch([easy]) > 60 > flesch([hard])
    [item] = advise("docs/x.md", hard, set())
    assert item.line is None and item.message.startswith("the page is hard to read (Flesch reading ease ")
    assert advise("docs/x.md", easy, set()) == []


@pytest.mark.slow
def test_advice_reaches_the_build_report_and_github_but_does_not_stop_the_build(tmp_path):
    result = build(
        tmp_path,
        data_dir(tmp_path),
        docs={"extra.md": f"---\ntitle: Extra\n---\n\n# Extra\n\n{LONG}\n"},
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")},
    )
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
    assert "  - docs/extra.md, line 7: a sentence of 26 words" in report
    assert "::warning file=docs/extra.md,line=7::a sentence of 26 words" in result.stdout
