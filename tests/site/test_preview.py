"""The page engine's bookkeeping (macros/site/engine, macros/site/query.py): what a page reads, and what an edit to the data changed.
The preview itself, served and compared with full builds, is tested in tests/test_serve.py."""

from __future__ import annotations

import gc
import weakref
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, data_dir

from macros.data.loader import load
from macros.data.model import Period
from macros.data.vocab import FigureKind
from macros.site.context import Context
from macros.site.engine import changes
from macros.site.pages import area_page
from macros.site.query import WHOLE, Query, Reads
from macros.site.settings import Settings


def test_same_sees_what_equality_leaves_out():
    """Two periods with the same dates are equal however they are labelled, but a page shows the label."""
    april, april_written_out = Period(date(2016, 4, 1), date(2016, 4, 30), "Apr"), Period(date(2016, 4, 1), date(2016, 4, 30), "April 2016")
    assert april == april_written_out
    assert not changes.same([april], [april_written_out])
    assert changes.same([april], [Period(date(2016, 4, 1), date(2016, 4, 30), "Apr")])


@pytest.mark.parametrize(
    "old, new, lines",
    [
        (b"h\na\nb\nc\n", b"h\na\nB\nc\n", {3}),  # one cell: its line
        (b"h\na\nb\nc\n", b"h\na\nb\nc\n", set()),
        (b"h\na\nb\nc\n", b"h\na\nx\nb\nc\n", 3),  # a row added: every line from the first that differs
        (b"h\na\nb\nc\n", b"h\na\nb\n", 4),  # the last row removed
    ],
)
def test_changed_lines(old, new, lines):
    assert changes._changed_lines(old, new) == lines


class Row:
    def __init__(self, line: int):
        self.line = line


def test_a_changed_line_inside_a_record_picks_the_record_it_belongs_to():
    rows = [Row(2), Row(3), Row(6), Row(7)]  # the record on line 3 runs over lines 3 to 5 (quoted line breaks)
    assert changes._rows_on(rows, {4}) == [rows[1]]
    assert changes._rows_on(rows, {7, 2}) == [rows[0], rows[3]]
    assert changes._rows_on(rows, 5) == rows[1:]
    assert changes._rows_on(rows, {1}) == rows  # the header: every row


def test_reads_are_recorded_for_the_page_being_made_only():
    dataset = load(ROOT / "data")
    reads = Reads()
    data = Query(dataset, reads)
    key = next(iter(dataset.series))
    data.series[key]  # between pages: nobody's read
    reads.current = set()
    data.series[key]
    data.areas.get("nowhere")
    list(data.schemes.values())
    data.newest_date()  # a method of the data set reads through the recorder too
    # newest_date reads the date of the report of each result dated to a single day: one dated to its report has no
    # date of its own.
    reported = {
        ("sources", o.source_id)
        for o in dataset.observations
        if o.kind == FigureKind.ACTUAL and o.value is not None and o.period.dated and o.period.start == o.period.end
    }
    assert reads.current == {("series", key), ("areas", "nowhere"), ("schemes", WHOLE), ("observations", WHOLE)} | reported


def test_an_area_page_reads_its_own_area_and_no_other():
    dataset = load(ROOT / "data")
    reads = Reads()
    settings = Settings(ROOT / "data", chart_cache=Path("/nonexistent"), today=date(2026, 1, 15))
    ctx = Context(dataset, settings, reads=reads)
    reads.current = set()
    area = next(iter(dataset.areas))
    area_page(ctx, area)
    ctx.charts.close()
    series = {key for name, key in reads.current if name == "series"}
    assert series == {k for k in dataset.series if k[0] == area}
    assert ("areas", area) in reads.current


def test_the_context_reaches_the_data_only_through_the_recording_view():
    dataset = load(ROOT / "data")
    ctx = Context(dataset, Settings(ROOT / "data", chart_cache=Path("/nonexistent")))
    ctx.charts.close()
    assert isinstance(ctx.data, Query)
    assert not any(value is dataset for value in vars(ctx).values())  # no way round the view
    with pytest.raises(TypeError):
        ctx.data.areas["new"] = None  # type: ignore[index]  # read-only


def test_a_headline_kept_between_pages_gives_each_page_the_reads_it_took():
    # The second page asks for a headline the first worked out: it must still record what that read, or an edit
    # to the report's words (outcomes.csv) would leave it stale.
    dataset = load(ROOT / "data")
    reads = Reads()
    ctx = Context(dataset, Settings(ROOT / "data", chart_cache=Path("/nonexistent")), reads=reads)
    ctx.charts.close()
    key = next(k for k in dataset.series if dataset.outcomes_by.get(k))
    series, measure = dataset.series[key], dataset.measures[key[2]]
    first, second = set(), set()
    reads.current = first
    top = ctx.headline(series, measure)
    reads.current = second
    assert ctx.headline(series, measure) is top
    assert ("outcomes_by", key) in first and ("outcomes_by", key) in second


def test_an_edit_to_one_cell_changes_its_series_and_nothing_else_of_the_observations(tmp_path):
    folder = data_dir(tmp_path)
    first, changed = changes.read(folder, 5, None)
    assert changed is None  # nothing to compare with: every page is made
    path = folder / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"2,459"', '"2,468"'), encoding="utf-8")
    second, changed = changes.read(folder, 5, first)
    edited, other = ("testshire", None, "dtc-days"), ("testshire", "test-carers", "carers-assessed")
    assert changed is not None
    assert {("series", edited), ("series", WHOLE), ("observations", WHOLE), ("tables", "observations")} <= changed
    assert ("series", other) not in changed and not any(name in ("areas", "schemes", "measures", "money_by") for name, _ in changed)
    assert second.per_series[other] is first.per_series[other]  # its disagreements were not looked for again
    assert second.dataset.series[edited] != first.dataset.series[edited]


def test_an_edit_to_the_glossary_changes_every_page(tmp_path):
    """Every page's abbreviations come from the glossary."""
    folder = data_dir(tmp_path)
    first, _ = changes.read(folder, 5, None)
    path = folder / "glossary.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nZZQ,A made-up term,Only here for the test.\n", encoding="utf-8")
    _, changed = changes.read(folder, 5, first)
    assert changed is None


def test_a_changed_period_label_is_a_change(tmp_path):
    """`==` ignores a period's label; the preview must not."""
    folder = data_dir(tmp_path)
    first, _ = changes.read(folder, 5, None)
    path = folder / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert ",YTD," in text
    path.write_text(text.replace(",YTD,", ",Year to date,", 1), encoding="utf-8")
    _, changed = changes.read(folder, 5, first)
    assert changed is not None and ("series", ("testshire", None, "dtc-days")) in changed


def test_a_data_set_read_again_does_not_keep_the_last_one(tmp_path):
    """The preview reads the data again after every edit: the data set before must be freed, by reference
    counting alone (the preview sets objects aside from the garbage collector). A cell error kept as a value
    used to keep its traceback, and with it every frame of the load and the data set."""
    gc.disable()
    try:
        first, _ = changes.read(data_dir(tmp_path), 5, None)
        gone = weakref.ref(first.dataset)
        del first
        assert gone() is None
    finally:
        gc.enable()


def test_the_warm_up_draws_a_real_chart_through_the_path_the_build_takes():
    # It once handed a Vega-Lite spec straight to vega_to_svg, which drew an empty 0 by 0 picture, so the
    # warm-up warmed nothing up (and nothing said so).
    from macros.site.engine import _warm_up_charts

    svg = _warm_up_charts()
    assert 'width="0"' not in svg
    assert "<path" in svg


def test_a_derived_value_is_read_as_one_row_and_changes_only_when_its_value_does(tmp_path):
    # An area's comparisons are worked out from every area's figures; the page reads them as one row, so an edit
    # to another area's figure makes the page again only when it changes the words (Context.derived).
    folder = data_dir(tmp_path)
    first, _ = changes.read(folder, 5, None)
    path = folder / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"2,459"', '"2,468"'), encoding="utf-8")
    second, changed = changes.read(folder, 5, first)
    assert changed is not None
    edited = ("testshire", None, "dtc-days")
    settings = Settings(folder, chart_cache=Path("/nonexistent"))

    def values(c: Context) -> list:
        return [o.value for o in c.data.series[edited]]

    def rows(c: Context) -> int:
        return len(c.data.series[edited])

    before_reads, after_reads = Reads(), Reads()
    before, after = Context(first.dataset, settings, reads=before_reads), Context(second.dataset, settings, reads=after_reads)
    for c in (before, after):
        c.charts.close()
    wanted = values(before)
    before_reads.current = set()
    assert before.derived("values", "testshire", values) == wanted
    before.derived("rows", "testshire", rows)
    assert before_reads.current == {("values", "testshire"), ("rows", "testshire")}  # not the series it took
    assert after.changed_since(before, changed) == {("values", "testshire")}  # the count of rows is the same
    assert after.changed_since(before, set()) == set()  # nothing it read changed: not worked out again


def test_a_commit_that_changes_no_figure_makes_no_page_again(tmp_path):
    # The preview reads the history again at each new commit. Committing a page or a note changes nothing a page
    # shows of it, so no page is made again (it used to make every page that reads the Updates: all of them).
    from test_history import edit, git, history_repo

    from macros.site.engine import Engine

    data = history_repo(tmp_path)
    settings = Settings(data, chart_cache=tmp_path / "charts", history_cache=tmp_path / "history")
    engine = Engine(serving=True)
    engine.history(settings)
    (data / "notes.txt").write_text("A note for the team.\n", encoding="utf-8")
    git(data, "add", "notes.txt")
    git(data, "commit", "-qm", "A note", when="2026-05-01")
    engine.history(settings)
    assert engine.changed == set()
    edit(data, "2016-06-30,Jun,plan,1200", "2016-06-30,Jun,plan,1250")
    git(data, "commit", "-qam", "June's plan is 1,250", when="2026-05-02")
    engine.history(settings)
    assert ("history", WHOLE) in engine.changed and ("history_by_series", ("testshire", None, "dtc-days")) in engine.changed
