"""Reading what Excel really writes: encodings, thousands separators, percentages, money, UK dates.

Each parser returns a clean value or raises CellError with a sentence saying what was expected;
the loader adds the file, line and column. Nothing is guessed: what is not unambiguous is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .figures import printed, scaled

# The reasons for no figure, in the words the site shows.
NO_FIGURE_GIVEN = "No figure given"
NOT_APPLICABLE = "Not applicable"
NOT_AVAILABLE = "Not available"
HIDDEN_FOR_PRIVACY = "Hidden to protect privacy"
# Words editors and reports use for "no figure", and the symbols of the Government Statistical Service and of
# Explore Education Statistics (z, x, c, with or without square brackets; .. and * as older tables print them).
# The reason is kept and shown on the site, and the build report counts each.
MISSING_WORDS = {
    "": NO_FIGURE_GIVEN,
    "-": NO_FIGURE_GIVEN,
    "–": NO_FIGURE_GIVEN,
    "n/a": NOT_APPLICABLE,
    "na": NOT_APPLICABLE,
    "not applicable": NOT_APPLICABLE,
    "z": NOT_APPLICABLE,
    "[z]": NOT_APPLICABLE,
    "not available": NOT_AVAILABLE,
    "x": NOT_AVAILABLE,
    "[x]": NOT_AVAILABLE,
    "..": NOT_AVAILABLE,
    "c": HIDDEN_FOR_PRIVACY,
    "[c]": HIDDEN_FOR_PRIVACY,
    "*": HIDDEN_FOR_PRIVACY,
    "suppressed": HIDDEN_FOR_PRIVACY,
    "not recorded": "Not recorded",
    "not published": "Not published",
}


class CellError(ValueError):
    """A cell that cannot be read; the message says what it should look like."""

    def __init__(self, message: str, fix: str, line: int | None = None):
        super().__init__(message)
        self.message, self.fix, self.line = message, fix, line  # line: where in the file, when the whole file is refused


@dataclass(frozen=True)
class Number:
    """A parsed figure. `kind` is 'plain', 'percent' or 'money' so units can be checked."""

    value: float
    kind: str
    footnote: bool = False


def missing_reason(text: str) -> str | None:
    """The reason a cell holds no figure, or None if it should hold one."""
    return MISSING_WORDS.get(text.strip().lower())


# Reports write small counts in words ("seven multi-agency teams"); these are unambiguous.
_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})


def parse_number(text: str) -> Number:
    """'8,407' → 8407; '21%' → 21 (percent); '£1.2m' → 1,200,000 (money); 'seven' → 7; '177*' keeps a footnote mark."""
    if text.strip().lower() in _WORDS:
        return Number(float(_WORDS[text.strip().lower()]), "plain")
    figure = printed(text.strip())
    if figure is None:
        raise CellError(
            "this is not a number",
            "Write a number such as 8407, 8,407, 21% or £1.2m; for no figure write n/a or leave it empty.",
        )
    value, suffix = figure.value, figure.suffix
    if abs(value) == float("inf"):
        raise CellError("this number is too large to be a figure", "Check the cell: write the figure as printed.")
    if suffix == "%":
        if figure.pound:
            raise CellError("this mixes £ and %", "Write either an amount (£258k) or a percentage (21%).")
        return Number(value, "percent", figure.mark)
    if suffix:
        if not figure.pound:
            raise CellError(
                f"'{suffix}' is only understood after a £ sign",
                "Write the whole number (1200000) or money with a £ sign (£1.2m).",
            )
        value = scaled(value, suffix)
    return Number(value, "money" if figure.pound else "plain", figure.mark)


_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


def parse_date(text: str) -> date:
    """ISO dates (2016-04-01) and UK dates as Excel writes them (01/04/2016 = 1 April 2016)."""
    text = text.strip()
    iso, uk = _ISO_DATE.match(text), _UK_DATE.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if uk:
            return date(int(uk[3]), int(uk[2]), int(uk[1]))
    except ValueError:
        pass
    if uk:
        try:  # written month first, as American Excel does: said, never read so
            month_first = date(int(uk[3]), int(uk[1]), int(uk[2]))
        except ValueError:
            pass
        else:
            return _month_first(month_first)
    raise CellError("this is not a date", "Write dates as YYYY-MM-DD, for example 2016-04-01 (or 01/04/2016, day first).")


def _month_first(meant: date) -> date:
    raise CellError(
        f"this is not a date read day first; written month first, the American way, it would be {meant.day} {meant:%B %Y}",
        f"Write it as YYYY-MM-DD: {meant.isoformat()}.",
    )


SAVE_AS_CSV = "In Excel choose Save As › 'CSV UTF-8 (Comma delimited)', and use the file it saves."
# A valid UTF-8 sequence of two to four bytes: in a file that is not UTF-8 as a whole, these show that some of it is.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(raw: bytes) -> str:
    """UTF-8 with or without Excel's byte-order mark, else Windows-1252 (Excel's '£' on Windows).

    Refused, each with one sentence: Excel's "Unicode Text" (UTF-16), a file that mixes UTF-8 with Windows-1252
    (decoding it either way would change some of its letters silently), and bytes that are neither."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if _is_utf16(raw):
        raise CellError("this was saved from Excel as Unicode Text (UTF-16), which is not a CSV file", SAVE_AS_CSV)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise CellError(
            "this line holds a character that is neither UTF-8 nor Windows-1252 text", SAVE_AS_CSV, line=_line_of(raw, error.start)
        ) from None
    if _UTF8_SEQUENCE.search(raw):
        character = raw[first_bad : first_bad + 1].decode("cp1252")
        raise CellError(
            f"the file mixes two kinds of text: most of it is UTF-8, but this line has {character!r} saved the old Windows way",
            "Type that character again and save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)'); "
            "then check that the file's other accented letters and £ signs look right.",
            line=_line_of(raw, first_bad),
        )
    return text


def _is_utf16(raw: bytes) -> bool:
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, or without one but with every other byte NUL
    (as English text in UTF-16 has) and readable as text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = raw[:4000]
    if len(sample) < 4:
        return False
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            text = sample[: len(sample) // 2 * 2].decode(encoding, errors="replace")
            return sum(c.isprintable() or c in "\t\r\n" for c in text) >= 0.95 * len(text)
    return False


def _line_of(raw: bytes, position: int) -> int:
    return raw.count(b"\n", 0, position) + 1


def read_rows(raw: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV file, cells stripped of surrounding spaces, blank rows kept as [].

    Row i is the record after the header; a short row is padded with empty cells. The loader reads files
    with `reading.read_table` (pandas, each distinct cell once); this is the same reading, row by row."""
    from .reading import read_table  # reading uses decode() above

    table = read_table(raw)
    if not table.header or not any(table.header):
        return [], []
    cells = list(zip(*(column.cells() for column in table.columns))) if table.columns else []
    return table.header, [list(row) if any(row) else [] for row in cells]


# Whole columns ---------------------------------------------------------------------------------------------
# The same rules as the scalar parsers above, applied to a column by parsing each distinct cell once and
# broadcasting the result: a national observations.csv repeats the same few thousand figures 257,000 times.


def _each_distinct(series: pd.Series, parse) -> pd.Series:
    codes, distinct = pd.factorize(series.astype(object).to_numpy(), use_na_sentinel=False)
    results = np.empty(len(distinct), dtype=object)
    results[:] = [parse(text) for text in distinct]
    return pd.Series(results[codes] if len(codes) else results[:0], index=series.index, dtype=object)


def _or_error(parse):
    def attempt(text):
        try:
            return parse(text)
        except CellError as error:
            # Kept as a value, so without its traceback: it would keep the frames of the whole load alive, and with
            # them the data set, in a cycle through a numpy array the garbage collector cannot see into.
            return error.with_traceback(None)

    return attempt


def parse_number_column(series: pd.Series) -> pd.DataFrame:
    """Every cell of a column of printed figures: value, kind (plain/percent/money), footnote mark, the reason
    for no figure (n/a, Not recorded, empty...) and the CellError of a cell that is neither (else None)."""

    def one(text: str):
        reason = missing_reason(text)
        if reason is not None:
            return (None, None, False, reason, None)
        try:
            number = parse_number(text)
        except CellError as error:
            return (None, None, False, None, error.with_traceback(None))  # kept as a value: see _or_error
        return (number.value, number.kind, number.footnote, None, None)

    parsed = _each_distinct(series, one)
    return pd.DataFrame(parsed.tolist() or None, index=series.index, dtype=object, columns=["value", "kind", "footnote", "missing", "error"])


def parse_date_column(series: pd.Series) -> pd.Series:
    """Every cell of a column of dates: a date, or the CellError saying why it is not one."""
    return _each_distinct(series, _or_error(parse_date))


def missing_reason_column(series: pd.Series) -> pd.Series:
    """Every cell's reason for holding no figure, or None."""
    return _each_distinct(series, missing_reason)
