"""The loader: every kind of editor mistake gives file, line, column, value and what to do; all at once."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import ERRORS, TINY, build, data_dir

from macros.analysis.disagreements import find_disagreements
from macros.data.errors import DataProblems
from macros.data.loader import load
from macros.data.model import INDEXES, Dataset, places, rows_of
from macros.presentation import wording
from macros.site.context import Context
from macros.site.downloads import table_csv
from macros.site.settings import Settings


def problems(tmp_path, **replace):
    with pytest.raises(DataProblems) as caught:
        load(data_dir(tmp_path, **{k: ERRORS / v for k, v in replace.items()}))
    return caught.value.problems


CASES = [
    # fixture, (file, line, column), words in the message, words in the fix
    ("observations__text_in_number.csv", ("observations.csv", 2, "value"), "not a number", "8,407"),
    ("observations__missing_column.csv", ("observations.csv", 1, "kind"), "required column is missing", "Add a column headed 'kind'"),
    ("observations__unknown_area.csv", ("observations.csv", 2, "area_id"), "no such area", "Did you mean 'testshire'?"),
    ("observations__unknown_scheme.csv", ("observations.csv", 2, "scheme_id"), "no such scheme", "Did you mean 'test-carers'?"),
    ("observations__unknown_measure.csv", ("observations.csv", 2, "measure_id"), "no such measure", "Did you mean 'dtc-days'?"),
    ("observations__unknown_source.csv", ("observations.csv", 2, "source_id"), "no such source", "Did you mean 'rep-2016'?"),
    ("observations__duplicate.csv", ("observations.csv", 3, None), "repeats line 2", "Delete one of the two rows"),
    ("observations__ends_before_start.csv", ("observations.csv", 2, "period_end"), "ends before it starts", "Check the two dates"),
    ("observations__not_a_date.csv", ("observations.csv", 2, "period_end"), "not a date", "YYYY-MM-DD"),
    ("observations__percent_in_count.csv", ("observations.csv", 2, "value"), "percentage, but the measure is in count", "8,407"),
]


@pytest.mark.parametrize("fixture, place, message, fix", CASES)
def test_each_mistake_is_named_with_its_place_and_fix(tmp_path, fixture, place, message, fix):
    found = problems(tmp_path, **{fixture.split("__")[0]: fixture})
    assert [(p.file.split("/")[-1], p.line, p.column) for p in found] == [place]
    assert message in found[0].message
    assert fix in found[0].fix
    assert f"line {place[1]}" in str(found[0])


def test_empty_file(tmp_path):
    found = problems(tmp_path, areas="areas__empty.csv")
    assert [(p.file.split("/")[-1], p.line, p.message) for p in found] == [("areas.csv", 1, "the file is empty")]
    assert "id,name,bodies,summary,source_id" in found[0].fix


def test_all_mistakes_in_a_file_are_reported_together(tmp_path):
    found = problems(tmp_path, observations="observations__several.csv")
    assert [(p.line, p.column) for p in found] == [(2, "value"), (3, "measure_id"), (4, "period_end")]
    assert "Did you mean 'dtc-days'?" in found[1].fix


def test_missing_file(tmp_path):
    data = data_dir(tmp_path)
    (data / "risks.csv").unlink()
    with pytest.raises(DataProblems) as caught:
        load(data)
    assert "risks.csv: the file is missing. Create it with this header row: area_id,scheme_id,number" in str(caught.value)


def test_unknown_column_suggests_the_nearest(tmp_path):
    data = data_dir(tmp_path)
    path = data / "risks.csv"
    path.write_text(path.read_text().replace("mitigation", "mitigaton"), encoding="utf-8")
    with pytest.raises(DataProblems) as caught:
        load(data)
    assert "risks.csv, line 1, column 'mitigaton': this column is not one the site knows. Did you mean 'mitigation'?" in str(caught.value)


def test_excel_variants_read_identically(tmp_path):
    """BOM, Windows-1252 £, CRLF, spaces around cells and UK dates give the same data as the clean files."""
    clean = load(TINY)
    excel = load(data_dir(tmp_path, money=ERRORS / "money__excel_windows.csv", observations=ERRORS / "observations__excel_bom.csv"))
    settings = Settings(TINY)
    for name in clean.tables:
        assert table_csv(Context(excel, settings), name) == table_csv(Context(clean, settings), name), name
    assert [m.amount for m in excel.money] == [m.amount for m in clean.money] == [1389000, None, None]


def test_missing_reason_is_kept(tmp_path):
    data = load(TINY)
    year1 = next(o for o in data.observations if o.period.label == "Year 1")
    assert (year1.value, year1.missing) == (None, "Not applicable")


def test_small_counts_are_suppressed_but_zero_is_not(tmp_path):
    data = load(TINY, small_number_threshold=5)
    flagged = {(o.period.label, o.value): o.suppressed for o in data.observations if o.measure_id == "carers-assessed"}
    assert flagged == {("Year 3", 3): True, ("Year 2", 222): False, ("Year 1", None): False}
    csv_text = table_csv(Context(data, Settings(TINY)), "observations")
    assert ",3," not in csv_text and "suppressed" in csv_text


def test_disagreements_are_found_by_computation():
    data = load(TINY)
    found = [wording.disagreement(d, data) for d in find_disagreements(data)]
    assert found == [
        "Days people waited to leave hospital: the printed plan total for April to May 2016 is 2,100 days. Its 2 parts add up to 2,097 days.",
        "Days people waited to leave hospital, difference from plan for April to May 2016: the table gives 17% but the text says 21%.",
        "Risk 1 (Rising cost of assessments): the printed score is 11 but impact 4 times probability 3 is 12.",
    ]


def test_bad_data_stops_the_build_without_a_traceback_or_a_site(tmp_path):
    result = build(tmp_path, data_dir(tmp_path, observations=ERRORS / "observations__unknown_area.csv"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "observations.csv, line 2, column 'area_id': there is no such area" in output
    assert "Did you mean 'testshire'?" in output
    assert "Traceback" not in output
    assert not (tmp_path / "project" / "site" / "index.html").exists()


def test_parts_of_a_whole_must_add_up_to_it_and_be_able_to(tmp_path):
    """measures.csv part_of: an age group is part of all ages. A part of itself, a percentage (which cannot be
    added up) or an unknown id is a mistake, named with its line."""
    data = data_dir(tmp_path)
    rows = (data / "measures.csv").read_text(encoding="utf-8").splitlines()
    rows = [rows[0], rows[1][:-1] + "dtc-days,", rows[2][:-1] + "dtc-days,"] + rows[3:]  # part_of, then short_name
    rows.append("share-seen,Share seen,How many were seen.,percent,higher,no,,carers-assessed,")
    rows.append("carers-young,Young carers,How many young carers were assessed.,count,higher,yes,,carers-asessed,")
    (data / "measures.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataProblems) as raised:
        load(data)
    said = [(p.line, p.column, p.message) for p in raised.value.problems]
    assert (2, "part_of", "a measure cannot be a part of itself") in said
    assert (3, "part_of", "parts must add up to the whole, so both must be counts, days or pounds (this is count, 'dtc-days' is days)") in said
    assert any(line == 4 and "both must be counts" in message for line, _, message in said)  # a percentage
    assert (5, "part_of", "there is no such measure in data/measures.csv") in said


def test_age_groups_that_do_not_add_up_to_all_ages_are_a_disagreement(tmp_path):
    """Read from the files: two age groups (measures.csv part_of) whose actuals come to more than all ages in
    every period. The tiny fixture with the groups added, so that no correction of the built-in data breaks it."""
    data = data_dir(tmp_path)
    with open(data / "measures.csv", "a", encoding="utf-8") as f:
        f.write("dtc-days-young,Days waited: under 65,Days lost when people under 65 wait to leave hospital.,days,lower,no,,dtc-days,\n")
        f.write("dtc-days-old,Days waited: 65 and over,Days lost when people 65 and over wait to leave hospital.,days,lower,no,,dtc-days,\n")
    # All ages (tiny): 1,041 in April, 1,418 in May, 2,459 in both. The groups: 1,100, 1,500 and 2,600.
    periods = [("2016-04-01", "2016-04-30", "Apr"), ("2016-05-01", "2016-05-31", "May"), ("2016-04-01", "2016-05-31", "YTD")]
    with open(data / "observations.csv", "a", encoding="utf-8") as f:
        for measure, values in [("dtc-days-young", (600, 800, 1400)), ("dtc-days-old", (500, 700, 1200))]:
            for (start, end, label), value in zip(periods, values, strict=True):
                f.write(f"testshire,,{measure},{start},{end},{label},actual,{value},,table,,rep-2016,Table in paragraph 17,,,\n")
    loaded = load(data)
    found = [wording.disagreement(d, loaded) for d in find_disagreements(loaded)]
    assert (
        "Days people waited to leave hospital: the printed actual for April to May 2016 is 2,459 days. Its 2 parts add up to "
        "2,600 days: Days waited: under 65; Days waited: 65 and over. They differ in all 3 periods compared. These count in "
        "different ways; the report does not say why."
    ) in found
    assert len(found) == len(find_disagreements(load(TINY))) + 1  # that one added to the tiny fixture's own


def test_places_in_a_report_are_listed_once_in_reading_order():
    # Sorted as text, "Paragraph 18" came before "Paragraph 2" in every sources line.
    found = ["Paragraph 5", "Paragraph 18", "Appendix 1: Implications, Finance", "Paragraph 2", "Paragraph 18", "Table after paragraph 36"]
    assert places(found) == "Appendix 1: Implications, Finance; Paragraph 2; Paragraph 5; Paragraph 18; Table after paragraph 36"


def test_rows_become_objects_by_field_name_so_a_new_field_cannot_shift_the_others():
    @dataclasses.dataclass
    class Row:
        area_id: str
        note: str
        line: int

    # Given in another order than the fields', each column still lands in its own field.
    assert rows_of(Row, line=[7], area_id=["a"], note=["n"]) == [Row("a", "n", 7)]
    with pytest.raises(TypeError, match=r"no column for \['note'\]"):
        rows_of(Row, area_id=["a"], line=[7])
    with pytest.raises(TypeError, match=r"no field for \['extra'\]"):
        rows_of(Row, area_id=["a"], note=["n"], line=[7], extra=[1])


def test_every_index_the_dataset_has_is_in_the_one_registry_the_preview_reads():
    """model.INDEXES is what Dataset builds and what the preview's comparison reads (changes.py): an index
    declared on the Dataset but not in the registry would never be built, nor be seen to change."""
    declared = {f.name for f in dataclasses.fields(Dataset) if not f.init} - {"tables", "package"}
    assert declared == {name for indexes in INDEXES.values() for name in indexes}
    assert {f.name for f in dataclasses.fields(Dataset) if f.type.startswith("list[")} == set(INDEXES) - {"schemes"}


def test_indexes_list_each_row_under_its_keys_in_order():
    data = load(TINY)
    for table, indexes in INDEXES.items():
        rows = list(getattr(data, table).values()) if table == "schemes" else getattr(data, table)
        for name, index in indexes.items():
            built = getattr(data, name)
            if index.over is None:
                for key, listed in built.items():
                    assert listed == [r for r in rows if key in index.keys(r)], (name, key)
            assert set(built) == {k for r in rows for k in index.keys(r)}, name
