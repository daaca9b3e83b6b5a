"""What editors see on GitHub (annotations on the line, the report in the job summary), and downloads that a
spreadsheet cannot run as formulas. Macros written wrong: test_macro_errors.py."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import ERRORS, build, data_dir

from macros.data.errors import Problem
from macros.site import github
from macros.site.downloads import neutralise


def test_annotation_escapes_what_would_end_or_split_the_command():
    line = github.annotation("error", "50% done\nnext line", "data/a,b.csv", 12, 3)
    assert line == "::error file=data/a%2Cb.csv,line=12,col=3::50%25 done%0Anext line"


def test_data_problem_annotation_names_file_line_and_column(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "areas.csv").write_text("id,name,bodies\nx,X,Y\n", encoding="utf-8")
    problem = Problem(file="data/areas.csv", line=2, column="bodies", value="Y", message="this is wrong", fix="Do this.")
    [line] = github.problem_annotations([problem], data, tmp_path)
    assert line == "::error file=data/areas.csv,line=2,col=3::line 2, column 'bodies': this is wrong (found 'Y'). Do this."


def test_nothing_is_written_outside_github(tmp_path, capsys):
    github.emit(["::error::x"], environ={})
    github.write_summary("x", environ={"GITHUB_STEP_SUMMARY": str(tmp_path / "s.md")})
    assert capsys.readouterr().out == "" and not (tmp_path / "s.md").exists()


def test_summary_markdown_nests_the_report_lists():
    report = "Build report, 1 May\nDisagreements found: 1\n  - Southampton: two figures differ.\nRows that did not reach a page: none\n"
    assert github.summary_markdown(report) == (
        "## Build report, 1 May\n\n- Disagreements found: 1\n    - Southampton: two figures differ.\n- Rows that did not reach a page: none\n"
    )


@pytest.mark.slow
def test_broken_data_on_github_annotates_the_line_and_fills_the_summary(tmp_path):
    summary = tmp_path / "summary.md"
    data = data_dir(tmp_path, observations=ERRORS / "observations__unknown_area.csv")
    result = build(tmp_path, data, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode != 0
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations, result.stdout + result.stderr
    assert all("file=" in a and ",line=" in a for a in annotations)
    assert any(",col=1::" in a and "there is no such area" in a for a in annotations)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Nothing was published: the data has ") and str(tmp_path) not in text


@pytest.mark.slow
def test_good_data_on_github_writes_the_build_report_to_the_summary(tiny_site, tmp_path):
    summary = tmp_path / "summary.md"
    result = build(tmp_path, data_dir(tmp_path), env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Build report, ") and "- Rows that did not reach a page: none" in text
    assert "::error" not in result.stdout


@pytest.mark.parametrize(
    "cell, written",
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd", "'+cmd"),
        ("-x", "'-x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-2", "-2"),
        ("+20%", "+20%"),
        ("-£1.2m", "-£1.2m"),
        ("-", "-"),
        ("Plain text", "Plain text"),
    ],
)
def test_downloads_neutralise_formulas_and_keep_figures(cell, written):
    assert neutralise(cell) == written


@pytest.mark.parametrize("cell", ["=1", "@5", "=1%", "=£1.2m", "@-3", "=+2", "\t5", "\r5"])
def test_downloads_neutralise_a_formula_that_looks_like_a_figure(cell):
    """`=1` is a formula a spreadsheet runs, though a figure follows the =: only a sign (- + −) may start a
    figure. (The figures' pattern once had [+-−], a range of characters from + to − that takes in = and @.)"""
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5", "+3", "−2", "8,407", "21%", "-£1.2m", "+20%", "- 7", "-.5"])
def test_downloads_keep_figures_with_a_sign_as_they_are(cell):
    assert neutralise(cell) == cell


@pytest.mark.slow
def test_a_formula_in_a_note_is_text_in_the_download_and_on_the_page(tmp_path):
    data = data_dir(tmp_path)
    path = data / "observations.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][rows[0].index("note")] = '=HYPERLINK("http://evil.example","Click")'
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    result = build(tmp_path, data)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "project" / "site"
    downloaded = list(csv.DictReader(open(site / "downloads" / "observations.csv", encoding="utf-8")))
    assert downloaded[0]["note"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert all(not row["note"].startswith("=") for row in downloaded)


def test_a_problem_is_made_by_keyword_so_its_parts_cannot_be_swapped():
    with pytest.raises(TypeError):
        Problem("data/areas.csv", 2, "bodies", "Y", "this is wrong", "Do this.")  # type: ignore[misc]
    assert str(Problem(file="data/areas.csv", message="this is wrong", fix="Do this.")) == "data/areas.csv: this is wrong. Do this."
