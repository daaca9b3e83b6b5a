#!/usr/bin/env python3
"""Turn ONS's postcode directory into the site's postcode lookup: one small file for each postcode district.

    python tools/postcodes.py NSPL_2024_FEB_UK.csv --out data/postcodes

It reads the CSV layout of the National Statistics Postcode Lookup (NSPL) and the ONS Postcode Directory
(ONSPD): the column `pcds` (the postcode as it is written, "SO14 7LY"), the local authority (`laua` in the
NSPL, `oslaua` in the ONSPD) and the county (`cty`, `oscty`). The council responsible for social care is the
county where there is one (a code starting E10), else the local authority: that is the code areas.csv's
`ons_code` gives. Postcodes no longer in use (a date in `doterm`) are left out. Give more than one file (the
directory comes split by area too) and they are read in turn.

It writes, into --out, one JSON file for each postcode district (the part before the space, "SO14"):

    {"district": "SO14", "code": "E06000045", "except": {}}

`code` is the council most of the district's postcodes are in; `except` lists the postcodes in other councils,
by council, as the part after the space ("7LY 7LZ"). Most districts are in one council, so most files are a
few dozen bytes, and a visit to the site downloads only the file of the district it looks up (for a district
alone, "SO14", the same file: its main council). The site copies the folder (`postcodes/` in the data folder)
when it is built, each file as a small script so the finder works from a folder on disk too.

Exit status 1, with a message, when a file has no `pcds` column or no local authority column.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

LOCAL_AUTHORITY = ("laua", "oslaua", "lad")  # NSPL, ONSPD; a lookup by district may call it lad
COUNTY = ("cty", "oscty")
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
COUNTY_CODE = re.compile(r"^E10[0-9]{6}$")  # a real county: E99999999 means "no county"
CHUNK = 250_000


class DirectoryError(Exception):
    """A file that is not in the postcode directory's layout."""


def tidy(postcode: str) -> tuple[str, str] | None:
    """("SO14", "7LY") from "so14 7ly", "SO147LY" or "SO14  7LY"; None for what is not a postcode."""
    found = POSTCODE.match(re.sub(r"\s+", " ", str(postcode).strip().upper()))
    return (found[1], found[2]) if found else None


def _columns(path: Path) -> tuple[str, str, str | None, str | None]:
    header = [c.strip().lower() for c in pd.read_csv(path, nrows=0, dtype=str, encoding="utf-8-sig").columns]
    if "pcds" not in header:
        raise DirectoryError(f"{path}: there is no column 'pcds' (the postcode as written, such as SO14 7LY). Is this the NSPL or ONSPD CSV file?")
    la = next((c for c in LOCAL_AUTHORITY if c in header), None)
    if la is None:
        raise DirectoryError(f"{path}: there is no local authority column ({' or '.join(LOCAL_AUTHORITY)}).")
    county = next((c for c in COUNTY if c in header), None)
    ended = "doterm" if "doterm" in header else None
    return "pcds", la, county, ended


def councils(paths: list[Path]) -> dict[str, dict[str, str]]:
    """{district: {inward part: council code}} for every postcode in use in the files."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for path in paths:
        pcds, la, county, ended = _columns(path)
        wanted = {c for c in (pcds, la, county, ended) if c}

        def keep(column: str, wanted: set[str] = wanted) -> bool:
            return column.strip().lower() in wanted

        for chunk in pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", chunksize=CHUNK, usecols=keep):
            chunk.columns = [c.strip().lower() for c in chunk.columns]
            if ended:
                chunk = chunk[chunk[ended].str.strip() == ""]
            codes = chunk[la].str.strip()
            if county:
                counties = chunk[county].str.strip()
                codes = codes.where(~counties.str.match(COUNTY_CODE.pattern), counties)
            for postcode, code in zip(chunk[pcds].tolist(), codes.tolist()):
                parts = tidy(postcode)
                if parts and code:
                    found[parts[0]][parts[1]] = code
    return found


def district_file(district: str, postcodes: dict[str, str]) -> dict:
    """The file of one district: its main council, and the postcodes in any other."""
    main = Counter(postcodes.values()).most_common(1)[0][0]
    others: dict[str, list[str]] = defaultdict(list)
    for inward, code in sorted(postcodes.items()):
        if code != main:
            others[code].append(inward)
    return {"district": district, "code": main, "except": {code: " ".join(inwards) for code, inwards in sorted(others.items())}}


def write(found: dict[str, dict[str, str]], out: Path) -> dict[str, int]:
    """Write one file a district into `out` (emptied of earlier .json files first); the size of each file, in bytes."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    sizes = {}
    for district in sorted(found):
        text = json.dumps(district_file(district, found[district]), separators=(",", ":"))
        (out / f"{district}.json").write_text(text, encoding="utf-8")
        sizes[f"{district}.json"] = len(text)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Turn ONS's postcode directory (NSPL or ONSPD CSV) into the site's postcode lookup.")
    parser.add_argument("files", nargs="+", type=Path, help="the directory's CSV file or files")
    parser.add_argument("--out", type=Path, default=Path("data") / "postcodes", help="the folder to write (default data/postcodes)")
    args = parser.parse_args(argv)
    try:
        found = councils(args.files)
    except (DirectoryError, FileNotFoundError, UnicodeDecodeError, pd.errors.ParserError) as error:
        print(f"Nothing was written. {error}", file=sys.stderr)
        return 1
    if not found:
        print("Nothing was written: the files have no postcodes in use.", file=sys.stderr)
        return 1
    sizes = write(found, args.out)
    count = sum(len(p) for p in found.values())
    print(f"Wrote {args.out}: {count:,} postcodes in {len(found):,} districts; the largest file is {max(sizes.values()):,} bytes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
