"""Cleaning whole columns: the column functions give what the scalar parsers give, cell by cell, and reading
keeps true line numbers (blank lines, quoted cells over several lines, rows wider than the header)."""

from datetime import date

import pandas as pd
import pytest

from macros.data.cells import CellError, missing_reason, missing_reason_column, parse_date, parse_date_column, parse_number, parse_number_column
from macros.data.reading import read_table

FIGURES = [
    "8,407",
    "8407",
    "21%",
    "−20%",
    "£1.2m",
    "£258k",
    "£34,086,000",
    "seven",
    "177*",
    "n/a",
    "Not recorded",
    "",
    "-",
    "lots",
    "£21%",
    "1.2m",
    "8,407",
    "21%",
    " 8,407 ",
]


def test_number_column_matches_the_scalar_parser_cell_by_cell():
    column = pd.Series(FIGURES, index=range(100, 100 + len(FIGURES)))
    parsed = parse_number_column(column)
    assert list(parsed.index) == list(column.index)
    for text, (value, kind, footnote, missing, error) in zip(FIGURES, parsed.itertuples(index=False, name=None)):
        reason = missing_reason(text)
        if reason is not None:
            assert (value, kind, missing, error) == (None, None, reason, None), text
            continue
        try:
            expected = parse_number(text)
        except CellError as expected_error:
            assert (value, kind, missing) == (None, None, None) and error.message == expected_error.message, text
            continue
        assert (value, kind, footnote, missing, error) == (expected.value, expected.kind, expected.footnote, None, None), text


def test_number_column_values():
    parsed = parse_number_column(pd.Series(["8,407", "21%", "£1.2m", "£258k", "seven", "177*", "n/a"]))
    assert parsed["value"].tolist() == [8407, 21, 1_200_000, 258_000, 7, 177, None]
    assert parsed["kind"].tolist() == ["plain", "percent", "money", "money", "plain", "plain", None]
    assert parsed["footnote"].tolist() == [False, False, False, False, False, True, False]
    assert parsed["missing"].tolist() == [None] * 6 + ["Not applicable"]


def test_date_column():
    parsed = parse_date_column(pd.Series(["01/04/2016", "2016-04-01", "31/31/2016", "01/04/2016"]))
    assert parsed[0] == parsed[1] == parsed[3] == date(2016, 4, 1)
    assert isinstance(parsed[2], CellError) and parsed[2].message == "this is not a date"
    assert parse_date("1/4/2016") == date(2016, 4, 1)


def test_missing_reason_column():
    assert missing_reason_column(pd.Series(["n/a", " Not recorded ", "3", ""])).tolist() == [
        "Not applicable",
        "Not recorded",
        None,
        "No figure given",
    ]


def test_empty_column():
    assert parse_number_column(pd.Series([], dtype=object)).shape == (0, 5)


def cells(table, position):
    return table.columns[position].cells()


def test_lines_count_blank_lines_and_quoted_line_breaks():
    raw = b'a,b\n1,"two\nlines"\n\n3,x\r\n"4\r\n\r\nfour",y\n5,z\n'
    table = read_table(raw)
    assert table.header == ["a", "b"]
    assert cells(table, 0) == ["1", "", "3", "4\r\n\r\nfour", "5"]
    assert table.lines.tolist() == [2, 4, 5, 6, 9]


def test_header_over_two_lines_moves_the_rows_down():
    table = read_table(b'"a\nb",c\n1,2\n')
    assert table.lines.tolist() == [3]


def test_rows_wider_than_the_header_are_kept_whole():
    table = read_table(b"a,b\n1,2\n3,4,5\n6,7,8,9\n")
    assert table.header == ["a", "b"]
    assert [cells(table, i) for i in range(4)] == [["1", "3", "6"], ["2", "4", "7"], ["", "5", "8"], ["", "", "9"]]
    assert table.lines.tolist() == [2, 3, 4]


def test_cells_are_stripped_and_header_lower_cased():
    table = read_table(b"\xef\xbb\xbf Area_ID , b\r\n  x  ,\t y \r\n")
    assert table.header == ["area_id", "b"]
    assert [cells(table, 0), cells(table, 1)] == [["x"], ["y"]]


@pytest.mark.parametrize(
    "raw, words",
    [
        (b'a,b\n"1,2\n', "never closed"),
        ("a,b\n1,2\n".encode("utf-16"), "saved from Excel as Unicode Text"),
        (b"a,b\n\x00\x01,2\n", "not a text file"),
    ],
)
def test_unreadable_files_say_why(raw, words):
    with pytest.raises(CellError, match=words):
        read_table(raw)
