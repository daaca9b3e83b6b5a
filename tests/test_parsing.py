from datetime import date

import pytest

from macros.data.cells import CellError, decode, missing_reason, parse_date, parse_number, read_rows


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("8407", 8407, "plain"),
        ("8,407", 8407, "plain"),
        (" 8,407 ", 8407, "plain"),
        ("1,185,180", 1185180, "plain"),
        ("387.6", 387.6, "plain"),
        ("-31", -31, "plain"),
        ("−20%", -20, "percent"),
        ("21%", 21, "percent"),
        ("86.0%", 86, "percent"),
        ("£34,086,000", 34086000, "money"),
        ("£258k", 258000, "money"),
        ("£43.735m", 43735000, "money"),
        ("£1.2m", 1200000, "money"),
        ("£79 million", 79000000, "money"),
        ("£3.7 billion", 3.7e9, "money"),
        ("177*", 177, "plain"),
    ],
)
def test_numbers_as_excel_writes_them(text, value, kind):
    number = parse_number(text)
    assert number.value == pytest.approx(value)
    assert number.kind == kind


@pytest.mark.parametrize("text", ["lots", "8.407.1", "1,50", "12,34,567", "£21%", "1.2m", "21 %%", "£", "8 407"])
def test_ambiguous_numbers_are_refused(text):
    with pytest.raises(CellError):
        parse_number(text)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "No figure given"),
        ("n/a", "Not applicable"),
        (" N/A ", "Not applicable"),
        ("Not recorded", "Not recorded"),
        ("suppressed", "Hidden to protect privacy"),
        ("c", "Hidden to protect privacy"),
        ("[x]", "Not available"),
        ("z", "Not applicable"),
    ],
)
def test_missing_words_keep_their_reason(text, reason):
    assert missing_reason(text) == reason


def test_a_number_is_not_missing():
    assert missing_reason("0") is None


@pytest.mark.parametrize(
    "text, expected",
    [("2016-04-01", date(2016, 4, 1)), ("01/04/2016", date(2016, 4, 1)), ("1/4/2016", date(2016, 4, 1)), ("2016-04-01 00:00:00", date(2016, 4, 1))],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/31/2016", "2016-02-30", "next week", "April 2016", "2016/04/01"])
def test_bad_dates(text):
    with pytest.raises(CellError, match="not a date"):
        parse_date(text)


def test_encodings_all_read_the_same():
    text = "item,amount\nPooled fund,£258k\n"
    assert decode(text.encode("utf-8")) == decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == decode(text.encode("cp1252"))


def test_crlf_and_spaces():
    header, rows = read_rows(b"a , B\r\n 1 ,2\r\n\r\n3,4\r\n")
    assert header == ["a", "b"]
    assert rows == [["1", "2"], [], ["3", "4"]]


@pytest.mark.parametrize("text", ["8,407", "8407", "-3", "−3", "+20%", "£1.2m", "-£1.2 million", "177*", "21 %", "£258k"])
def test_one_grammar_of_printed_figures_for_cells_downloads_and_prose(text):
    """The cells the loader reads as figures are the figures the downloads keep as they are, and a figure typed
    into prose is read with the same digits and scale words (data/figures.py)."""
    from macros.data import figures
    from macros.data.cells import parse_number
    from macros.site.downloads import neutralise

    number = parse_number(text)
    assert figures.is_figure(text) and neutralise(text) == text
    unsigned = text.lstrip("-−+")
    [found] = figures.IN_PROSE.finditer(f"It was {unsigned} in May.")
    said = figures.scaled(float(found["digits"].replace(",", "") + (found["decimals"] or "")), found["scale"])
    assert said == abs(number.value)
