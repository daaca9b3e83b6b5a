"""Reading one CSV file with pandas: every cell as text, each distinct text once, true line numbers.

A file is read once, every column as text (`dtype=str`, no guessing of missing values). Each column is
then kept as codes into its distinct cells (`pandas.factorize`), stripped of surrounding spaces: a national
observations.csv has 257,000 rows but only a few thousand distinct cells per column, so every later step
(cleaning, checking, typing) works on the distinct cells and broadcasts the result with the codes.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cells import SAVE_AS_CSV, CellError, decode
from .errors import Problem
from .figures import is_figure

# How .xlsx (a zip file) and the older .xls begin.
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_TOO_MANY = re.compile(r"Expected (\d+) fields in line \d+, saw (\d+)")
_NEWLINES = re.compile(r"\r\n|\r|\n")


@dataclass
class TextColumn:
    """One column: `texts[codes[i]]` is the stripped cell of record i."""

    codes: np.ndarray
    texts: list[str]

    def take(self, rows: np.ndarray) -> TextColumn:
        return TextColumn(self.codes[rows], self.texts)

    def cells(self) -> list[str]:
        """The cell of every record, as a list (for the few places that need each one)."""
        return np.asarray(self.texts, dtype=object)[self.codes].tolist() if len(self.codes) else []


@dataclass
class RawTable:
    """A CSV file as read: header names (stripped, lower case), its columns and each record's first line.

    `columns` can be wider than `header` when some rows have more cells than the header has names; then
    `widths` says how many cells each record has (a short record is padded with empty cells, so an empty
    cell beyond the header cannot tell a row with a trailing comma from one that is not: its width can)."""

    header: list[str]
    columns: list[TextColumn]
    lines: np.ndarray  # spreadsheet line each data record starts on (the header is line 1)
    widths: np.ndarray | None = None  # cells in each data record, when some record is wider than the header

    def __len__(self) -> int:
        return len(self.lines)


def read_table(raw: bytes) -> RawTable:
    """The file's header and records, or CellError saying why it cannot be read at all."""
    if raw.startswith(_WORKBOOKS):
        raise CellError("this is an Excel workbook, not a CSV file", SAVE_AS_CSV)
    text = decode(raw)
    if "\x00" in text:
        raise CellError("this is not a text file (it holds NUL bytes)", SAVE_AS_CSV)
    if not text.strip():
        return RawTable([], [], np.zeros(0, dtype=np.int64))
    found, records, header_width = _parse(text)
    columns = []
    newlines = np.zeros(records, dtype=np.int64)  # line breaks inside quoted cells, per record
    # Each record but the last ends with one line break; any more are inside quoted cells, and only then
    # are the cells searched for them.
    breaks_in_file = text.count("\n") + text.count("\r") - text.count("\r\n")
    quoted_breaks = breaks_in_file > records - 1 + (text[-1] in "\r\n")
    for codes, distinct in found:
        if quoted_breaks:
            breaks = np.fromiter((len(_NEWLINES.findall(t)) for t in distinct), dtype=np.int64, count=len(distinct))
            if breaks.any():
                newlines += breaks[codes]
        columns.append(TextColumn(codes, [t.strip() for t in distinct]))
    starts = 1 + np.arange(records, dtype=np.int64)
    starts[1:] += np.cumsum(newlines)[:-1]
    header = [columns[i].texts[columns[i].codes[0]].lower() for i in range(header_width)]
    data = np.arange(1, records)
    widths = _widths(text, records) if len(columns) > header_width else None
    return RawTable(header, [c.take(data) for c in columns], starts[1:], None if widths is None else widths[1:])


def _widths(text: str, records: int) -> np.ndarray | None:
    """How many cells each record of the file has (the header's included), counted by Python's csv module: only
    for a file some row of which is wider than its header, which is rare and small. None if the csv module
    counts the records differently from pandas (then only cells with text in them show a row is too wide)."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # pandas reads a cell of any length; so must this
    counted = np.fromiter((len(row) for row in csv.reader(io.StringIO(text, newline=""))), dtype=np.int64)
    return counted if len(counted) == records else None


_CHUNK = 20_000  # records read at a time: pandas holds every cell of a chunk as a Python string


def _parse(text: str) -> tuple[list[tuple[np.ndarray, list[str]]], int, int]:
    """Every column of all records (header included) as codes into its distinct cells, the number of
    records, and how many cells the header row has.

    The file is read a chunk of records at a time and each chunk's columns factorised into codes shared by
    the whole column, so the 257,000-row national file never exists as one table of Python strings (that
    took 240 MB). pandas reads the text as UTF-8 bytes: a StringIO would hold four bytes a character.

    pandas' fast parser refuses a row with more cells than the first; such a file is read again as wide as
    its widest row (reported later, with its line), so one stray comma does not hide every other problem."""
    data = text.encode("utf-8")
    width = header_width = None
    for _ in range(100):
        try:
            columns, records = _factorised(data, width)
            return columns, records, header_width if header_width is not None else len(columns)
        except pd.errors.ParserError as error:
            wider = _TOO_MANY.search(str(error))
            if wider and (width is None or int(wider[2]) > width):
                header_width = int(wider[1]) if header_width is None else header_width
                width = int(wider[2])
                continue
            if "EOF inside string" in str(error):
                raise CellError(
                    "a quotation mark opens a cell that is never closed",
                    'Check for a stray " in the file: a cell that contains a quotation mark must double it ("").',
                ) from None
            raise CellError(f"this cannot be read as CSV ({str(error).strip()})", SAVE_AS_CSV) from None
        except (pd.errors.EmptyDataError, ValueError, OverflowError, MemoryError) as error:
            raise CellError(f"this cannot be read as CSV ({type(error).__name__})", SAVE_AS_CSV) from None
    raise CellError("rows of this file have ever more cells", "Check for stray commas; put text containing commas in quotes.")


# Other characters Excel puts between cells: a semicolon where the computer writes decimals with a comma
# (much of Europe), a tab when saved as Text (Tab delimited). Each with what happened and what to do.
OTHER_SEPARATORS = {
    ";": (
        "the cells are separated by semicolons (;), not commas; Excel does this where a comma is the decimal mark",
        f"{SAVE_AS_CSV} If the cells are still separated by semicolons, set Windows' list separator to a comma "
        "(Control Panel › Region › Additional settings), then save again.",
    ),
    "\t": ("the cells are separated by tabs, not commas: this was saved as Text (Tab delimited)", SAVE_AS_CSV),
}


def other_separator(header: list[str], names: list[str]) -> str | None:
    """The separator the header row was written with when it is not a comma: split on it, more of the header's
    cells are the columns the file should have than split on commas. None when commas fit best."""
    line = ",".join(header)
    with_commas = sum(cell in names for cell in header)
    for separator in OTHER_SEPARATORS:
        cells = [cell.strip().strip('"').strip() for cell in line.split(separator)]
        if len(cells) > 1 and sum(cell in names for cell in cells) > max(with_commas, 1):
            return separator
    return None


def _factorised(data: bytes, width: int | None) -> tuple[list[tuple[np.ndarray, list[str]]], int]:
    """Each column as (codes, distinct cells in order of first appearance), and the number of records."""
    seen: list[dict[str, int]] = []
    parts: list[list[np.ndarray]] = []
    records = 0
    chunks = pd.read_csv(
        io.BytesIO(data),
        encoding="utf-8",
        header=None,
        names=None if width is None else range(width),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
        index_col=False,
        chunksize=_CHUNK,
    )
    for chunk in chunks:
        if not seen:
            seen, parts = [{} for _ in range(chunk.shape[1])], [[] for _ in range(chunk.shape[1])]
        for position, known in enumerate(seen):
            codes, distinct = pd.factorize(chunk.iloc[:, position].to_numpy(dtype=object))
            shared = np.fromiter((known.setdefault(t, len(known)) for t in distinct), dtype=np.int32, count=len(distinct))
            parts[position].append(shared[codes])
        records += len(chunk)
    return [(np.concatenate(p), list(known)) for p, known in zip(parts, seen)], records


# A number printed with a thousands comma and typed without quotes: its first cell has 1 to 3 digits (a sign or
# a £ before them), each next one 3 digits (the last may go on: "234.5", "234%", "234m").
_FIRST_GROUP = re.compile(r"[-−+]?£?\d{1,3}")
_GROUP = re.compile(r"\d{3}")
_LAST_GROUP = re.compile(r"\d{3}\D.*|\d{3}")
_COUNTED = {2: "two", 3: "three", 4: "four"}


def too_wide(file: str, line: int, header: list[str], cells: list[str], width: int | None) -> Problem:
    """The one message for a row with more cells than the header: its likely cause, a number such as 1,234 not
    in quotes, when the row has one; else a stray comma. `width` is how many cells the row has, when known:
    `cells` is padded to the widest row's."""
    cells = list(cells[:width]) if width is not None else list(cells)
    while width is None and len(cells) > len(header) and cells[-1] == "":
        cells.pop()
    extra = max(len(cells) - len(header), 1)
    more = "one cell more" if extra == 1 else f"{extra} cells more"
    for start in range(min(len(cells), len(header))):
        for split in range(extra, 0, -1):
            parts = cells[start : start + split + 1]
            if len(parts) < split + 1 or not _FIRST_GROUP.fullmatch(parts[0]) or not _LAST_GROUP.fullmatch(parts[-1]):
                continue
            joined = ",".join(parts)
            if all(_GROUP.fullmatch(p) for p in parts[1:-1]) and is_figure(joined):
                return Problem(
                    file=file,
                    line=line,
                    column=header[start],
                    message=f"this row has {more} than the header row: the number {joined} is not in quotes, so its comma "
                    f"splits it into {_COUNTED.get(split + 1, split + 1)} cells",
                    fix=f'A number with a comma must be in quotes, or written without the comma: "{joined}" or {joined.replace(",", "")}.',
                )
    return Problem(
        file=file,
        line=line,
        message=f"this row has {more} than the header row, so its cells are in the wrong columns",
        fix='Check for a stray comma: text or a number with a comma in it must be in quotes, such as "8,407".',
    )
