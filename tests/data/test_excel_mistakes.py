"""Mistakes editors really make with Excel and with ids, each given one message that says what happened and
what to do, with no follow-on problems: a file saved as Unicode Text or with semicolons or tabs, text in two
encodings, ids that break the id rule or are hundreds of characters long, a percentage typed as a fraction and
a web address that is not one."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import ROOT, TINY, data_dir
from data_helpers import OBS_ROW, append, folder, problems

from macros.data.loader import load

OBSERVATIONS = (TINY / "observations.csv").read_text(encoding="utf-8")
SAVE_AS = "In Excel choose Save As › 'CSV UTF-8 (Comma delimited)', and use the file it saves."


def resaved(text: str, separator: str) -> str:
    """A CSV file's text as Excel writes it with another separator between cells (and Windows line ends)."""
    rows = csv.reader(io.StringIO(text))
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def only_problem(data) -> str:
    found = problems(data)
    assert len(found) == 1, [str(p) for p in found]
    return str(found[0])


# Files saved the wrong way ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])  # utf-16 writes a byte-order mark
def test_a_file_saved_as_unicode_text_is_one_problem_saying_how_to_save_it(tmp_path, encoding):
    data = data_dir(tmp_path)
    (data / "observations.csv").write_bytes(resaved(OBSERVATIONS, "\t").encode(encoding))
    assert only_problem(data) == (f"data/observations.csv: this was saved from Excel as Unicode Text (UTF-16), which is not a CSV file. {SAVE_AS}")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_file_with_semicolons_is_one_problem_saying_how_to_save_it(tmp_path, encoding):
    data = data_dir(tmp_path)
    (data / "observations.csv").write_bytes(resaved(OBSERVATIONS.replace("Table in", "Tableau £ in"), ";").encode(encoding))
    assert only_problem(data) == (
        "data/observations.csv, line 1: the cells are separated by semicolons (;), not commas; Excel does this where a comma "
        f"is the decimal mark. {SAVE_AS} If the cells are still separated by semicolons, set Windows' list separator to a "
        "comma (Control Panel › Region › Additional settings), then save again."
    )


def test_a_file_saved_as_tab_delimited_text_is_one_problem(tmp_path):
    data = data_dir(tmp_path)
    (data / "areas.csv").write_bytes(resaved((TINY / "areas.csv").read_text(encoding="utf-8"), "\t").encode("cp1252"))
    assert only_problem(data) == (
        f"data/areas.csv, line 1: the cells are separated by tabs, not commas: this was saved as Text (Tab delimited). {SAVE_AS}"
    )


def test_a_semicolon_in_a_header_with_commas_is_not_mistaken_for_a_separator(tmp_path):
    """Only a header that fits the schema better split on semicolons is called a semicolon file."""
    data = data_dir(tmp_path)
    text = (TINY / "areas.csv").read_text(encoding="utf-8").replace("bodies", "bodies;partners", 1)
    (data / "areas.csv").write_text(text, encoding="utf-8")
    assert [p.column for p in problems(data)] == ["bodies;partners", "bodies"]


def test_windows_1252_from_old_excel_is_read_as_written(tmp_path):
    data = data_dir(tmp_path)
    text = OBSERVATIONS.replace("Table in paragraph 16", "Tableau £ in paragraph 16 (Ynys Môn; café)")
    (data / "observations.csv").write_bytes(text.encode("cp1252"))
    assert {o.source_location for o in load(data).observations} >= {"Tableau £ in paragraph 16 (Ynys Môn; café)"}


def test_a_file_mixing_utf8_and_windows_1252_is_refused_with_the_line(tmp_path):
    """Read either way, some of its letters would change silently."""
    data = data_dir(tmp_path)
    lines = OBSERVATIONS.splitlines(keepends=True)
    raw = b"".join(line.encode("utf-8") for line in lines[:3]).replace(b"Table in", "Tableau Môn in".encode())
    raw += lines[3].replace("Table in", "Table £ in").encode("cp1252") + "".join(lines[4:]).encode("utf-8")
    (data / "observations.csv").write_bytes(raw)
    assert only_problem(data) == (
        "data/observations.csv, line 4: the file mixes two kinds of text: most of it is UTF-8, but this line has '£' saved "
        "the old Windows way. Type that character again and save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)'); "
        "then check that the file's other accented letters and £ signs look right."
    )


def test_bytes_that_are_no_text_at_all_name_their_line(tmp_path):
    data = folder(tmp_path)
    path = data / "observations.csv"
    path.write_bytes(path.read_bytes() + b"testshire,\x81\x8d\n")
    line = path.read_bytes().count(b"\n")
    assert (
        only_problem(data)
        == f"data/observations.csv, line {line}: this line holds a character that is neither UTF-8 nor Windows-1252 text. {SAVE_AS}"
    )


def test_an_excel_workbook_renamed_csv_says_so(tmp_path):
    data = data_dir(tmp_path)
    (data / "risks.csv").write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(200))
    assert only_problem(data) == f"data/risks.csv: this is an Excel workbook, not a CSV file. {SAVE_AS}"


# Ids ----------------------------------------------------------------------------------------------------------------

ID_RULE = "an id can only have lower-case letters a to z, digits, and single hyphens between them"


@pytest.mark.parametrize(
    "bad, fix",
    [
        ("Test Shire", "Write it as 'test-shire'."),
        ("ynys-môn", "Write it as 'ynys-mon'."),
        ("香港", "Write it like 'east-sussex'."),
        ("-", "Write it like 'east-sussex'."),
    ],
)
def test_an_id_breaking_the_rule_twice_is_reported_once_a_row_and_never_as_a_repeat(tmp_path, bad, fix):
    data = folder(tmp_path)
    line = append(data, "areas", f"{bad},Other,Body,Summary.,rep-2016", f"{bad},Other,Body,Summary.,rep-2016")
    assert [str(p) for p in problems(data)] == [f"data/areas.csv, line {n}, column 'id': {ID_RULE} (found {bad!r}). {fix}" for n in (line, line + 1)]


def test_an_id_hundreds_of_characters_long_is_refused_with_the_longest_allowed(tmp_path):
    """Ids become folder names on disk (most file systems allow 255 bytes) and page addresses."""
    data = folder(tmp_path)
    long_id = "very-" * 60 + "long"
    line = append(data, "areas", f"{long_id},Other,Body,Summary.,rep-2016", f"{long_id},Other,Body,Summary.,rep-2016")
    append(data, "observations", OBS_ROW.format(value=3).replace("testshire", long_id))
    shown = f"'{long_id[:60]}'… ({len(long_id)} characters)"
    assert [str(p) for p in problems(data)] == [
        f"data/areas.csv, line {n}, column 'id': this is {len(long_id)} characters long, and this column allows at most 100 "
        f"(found {shown}). Shorten it to 100 characters or fewer."
        for n in (line, line + 1)
    ]  # and nothing about the observation naming it: that id's problem is in areas.csv


def test_an_id_of_the_longest_allowed_length_is_valid(tmp_path):
    data = folder(tmp_path)
    append(data, "areas", f"{'a' * 100},Other,Body,Summary.,rep-2016")
    assert "a" * 100 in load(data).areas


# Percentages typed as fractions --------------------------------------------------------------------------------------

PERCENT_MEASURE = "at-home,Still at home after 91 days,The share of people still at home.,percent,higher,no,,,"


def percent_row(value: str, kind: str = "actual") -> str:
    return OBS_ROW.format(value=value).replace("dtc-days", "at-home").replace(",plan,", f",{kind},")


def fraction_message(line: int, found: str, column: str = "value") -> str:
    return f"data/observations.csv, line {line}, column '{column}': this looks like a fraction, but the figure is a percentage (found '{found}'). "


@pytest.mark.parametrize(
    "value, fix",
    [
        ("0.21", "Write 21% if you mean 21%. If the figure really is 0.21%, write it with the % sign: 0.21%."),
        ("0.875", "Write 87.5% if you mean 87.5%. If the figure really is 0.875%, write it with the % sign: 0.875%."),
        (".5", "Write 50% if you mean 50%. If the figure really is 0.5%, write it with the % sign: 0.5%."),
    ],
)
def test_a_fraction_in_a_percentage_measure_is_refused_saying_what_to_write(tmp_path, value, fix):
    data = folder(tmp_path)
    append(data, "measures", PERCENT_MEASURE)
    line = append(data, "observations", percent_row("20", "plan"), percent_row(value))
    assert only_problem(data) == fraction_message(line + 1, value) + fix


def test_a_fraction_in_a_printed_difference_is_refused_too(tmp_path):
    data = folder(tmp_path)
    line = append(data, "observations", OBS_ROW.format(value="-0.2").replace(",plan,", ",change_vs_plan,"))
    assert only_problem(data) == fraction_message(line, "-0.2") + (
        "Write -20% if you mean -20%. If the figure really is -0.2%, write it with the % sign: -0.2%."
    )


def test_a_fraction_in_a_share_of_money_is_refused(tmp_path):
    data = folder(tmp_path)
    path = data / "money.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",89%,", ",0.89,"), encoding="utf-8")
    found = problems(data)
    assert [(p.column, p.value, p.message) for p in found] == [("share", "0.89", "this looks like a fraction, but the figure is a percentage")]


@pytest.mark.parametrize("value, shown", [("0.21%", 0.21), ("21", 21), ("21%", 21), ("1", 1), ("0", 0), ("100", 100)])
def test_a_percentage_with_its_sign_or_of_one_or_more_is_read_as_written(tmp_path, value, shown):
    data = folder(tmp_path)
    append(data, "measures", PERCENT_MEASURE)
    append(data, "observations", percent_row(value))
    assert [o.value for o in load(data).observations if o.measure_id == "at-home"] == [shown]


def test_a_fraction_in_a_count_is_not_called_a_percentage(tmp_path):
    data = folder(tmp_path)
    append(data, "observations", OBS_ROW.format(value="0.5"))
    assert 0.5 in [o.value for o in load(data).observations]


# Web addresses -------------------------------------------------------------------------------------------------------

ADDRESS_RULE = "a web address must begin with https:// or http://, then the name of the website"


def with_address(tmp_path, url: str):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [["id", "title", "body", "committee", "date", "seed_file", "url"], ["rep-2016", "Update", "Council", "Board", "2016-11-30", "", url]]
    )
    return folder(tmp_path, sources=out.getvalue())


@pytest.mark.parametrize(
    "url, fix",
    [
        ("javascript:alert(1)", "Write it like 'https://www.example.org/committee-report.pdf', or leave it empty."),
        ("JavaScript:alert(document.domain)", "Write it like 'https://www.example.org/committee-report.pdf', or leave it empty."),
        ("data:text/html,<script>alert(1)</script>", "Write it like 'https://www.example.org/committee-report.pdf', or leave it empty."),
        ("ftp://ftp.example.org/report.pdf", "Write it like 'https://www.example.org/committee-report.pdf', or leave it empty."),
        ("www.example.gov.uk/report.pdf", "Write it as 'https://www.example.gov.uk/report.pdf'."),
        ("https://", "Write it like 'https://www.example.org/committee-report.pdf', or leave it empty."),
        ("https://www.example.org/a report.pdf", "Write it like 'https://www.example.org/committee-report.pdf', or leave it empty."),
        ("see the council website", "Write it like 'https://www.example.org/committee-report.pdf', or leave it empty."),
    ],
)
def test_an_address_that_is_not_http_or_https_is_a_data_error(tmp_path, url, fix):
    assert only_problem(with_address(tmp_path, url)) == f"data/sources.csv, line 2, column 'url': {ADDRESS_RULE} (found {url!r}). {fix}"


@pytest.mark.parametrize("url", ["https://www.example.org/committee-report.pdf", "http://example.org", "https://example.org/a?b=c#d", ""])
def test_http_and_https_addresses_are_accepted(tmp_path, url):
    assert [s.url for s in load(with_address(tmp_path, url)).sources.values()] == [url]


def test_every_address_column_in_the_schema_allows_only_http_and_https():
    """The rule is the schema's: every field holding an address has the pattern, so no copy is needed in Python."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    addresses = [
        (res["name"], f)
        for res in package["resources"]
        if "schema" in res  # the hex map is a file, not a table
        for f in res["schema"]["fields"]
        if f["name"] in ("url", "link", "href", "address", "website") or f["name"].endswith("_url")
    ]
    assert addresses
    for _, spec in addresses:
        pattern = re.compile(spec["constraints"]["pattern"])
        assert pattern.fullmatch("https://www.example.org/x") and not pattern.fullmatch("javascript:alert(1)")
