#!/usr/bin/env python3
"""A deterministic synthetic England-wide data set in the same format as data/.

    python benchmarks/synthetic.py --areas 155 --schemes 3000 --years 3 --seed 1 --out benchmarks/out/national

Writes the CSV files with exactly the headers data/datapackage.json gives, a copy of that datapackage.json
marked `"synthetic": true`, and the hex map with its licence, into --out (which must not be data/). The same arguments give the same bytes.
Build the site from it with CARE_DATA_DIR=<absolute path of --out> (see benchmarks/README.md).

What is in it:

- areas: England's upper-tier councils from the hex map data/areas.hexjson, with their real names and ONS
  codes (all 151 of them at the default --areas 155, else a sample), and four made-up partnerships with no
  ONS code, two pairs whose names differ only in punctuation or case (their ids get a -2, so a naive slug
  of the name would collide); two or three made-up places in each council (places.csv), and for each
  council a made-up comparison group: the 5 councils of the set nearest it on the hex map;
- datapackage.json says `"synthetic": true`, so every page of a site built from it says its figures are
  made up;
- schemes spread unevenly over the areas (one area has two schemes whose names differ only in a hyphen);
- 12 measures (count, percent, rate per 100,000 and days; lower, higher and neither better; some
  counting people), each with monthly plan and actual figures for every area for every year, printed
  year totals for some series, and two measures per running scheme with quarterly figures;
- money (pooled funds split between the NHS and the council with shares, scheme budgets, staffing
  rows with full-time posts times cost), milestones done, due, late and without update, risk logs;
- the count and the population behind each monthly actual figure of two measures (OUT_OF), so that areas are
  tested against all of them together by Fingertips' rule;
- short names for three measures; with `words=True` (--words), outcomes.csv and caveats.csv rows for one
  area in five (explanations.csv stays empty: only an editor explains a disagreement);
- a handful of deliberate source disagreements (printed totals that are not the sum of their months,
  sentences quoting a different percentage from the table, a wrong printed difference from plan,
  a money total that is not the sum of its parts, full-time posts times cost that is not the printed
  cost, a risk score that is not impact times probability) and a handful of counts of people below 5.

`generate()` returns a summary with what was planted, which tests compare with the build report.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import json
import math
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "data" / "datapackage.json"
FIRST_YEAR = 2019  # financial years start in April: 2019/20, 2020/21, ...

# Names --------------------------------------------------------------------------------------------

ROOTS = [
    "Ash",
    "Bar",
    "Brad",
    "Bram",
    "Carl",
    "Chel",
    "Dun",
    "Elm",
    "Fal",
    "Glen",
    "Hart",
    "Hol",
    "Kes",
    "Lang",
    "Mar",
    "Nor",
    "Oak",
    "Pen",
    "Ram",
    "Red",
    "Sal",
    "Stan",
    "Thorn",
    "Wal",
    "Whit",
    "Wick",
    "Wind",
    "Ald",
    "Bex",
    "Cran",
    "Dray",
    "Fern",
    "Gold",
    "Hazel",
    "Ivy",
    "Lyn",
    "Mel",
    "Rother",
    "Sher",
]
ENDINGS = [
    "ton",
    "ford",
    "bury",
    "ham",
    "ley",
    "wick",
    "field",
    "stead",
    "worth",
    "mouth",
    "borough",
    "by",
    "caster",
    "chester",
    "minster",
    "combe",
    "dale",
    "well",
    "wood",
    "town",
    "bridge",
    "brook",
]
COLLIDING = [("Kingsbury-on-Sea", "Kingsbury on Sea"), ("St Albury", "st. albury")]  # made-up partnerships
PARTNERSHIPS = sum(len(pair) for pair in COLLIDING)
HEXMAP = ROOT / "data" / "areas.hexjson"  # England's 151 upper-tier councils, by ONS code (Open Innovations, MIT)
NEIGHBOURS = 5  # the made-up comparison group: the councils nearest on the hex map
GROUP = "Nearest on the map (made up)"
GROUP_SOURCE = "Made up for testing: the 5 councils of this data nearest on the hex map. Not a real comparison group."
PLACE_NOTE = "Made-up place (synthetic data)"


def councils() -> list[tuple[str, str, int, int]]:
    """England's upper-tier councils in the hex map: (ONS code, name as residents say it, q, r), by code."""
    raw = json.loads(HEXMAP.read_text(encoding="utf-8"))
    if raw["layout"] not in ("odd-r", "even-r"):
        raise SystemExit(f"{HEXMAP}: the made-up comparison groups need a layout of rows (odd-r or even-r)")
    found = []
    for code, spec in sorted(raw["hexes"].items()):
        name = spec.get("n") or spec["name"]
        before, _, after = name.partition(", ")
        if after.endswith(" of"):  # "Bristol, City of" is the City of Bristol
            name = f"{after} {before}"
        found.append((code, name, spec["q"], spec["r"]))
    return found


def hex_distance(layout: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Steps between two hexagons (q, r) of a layout of offset rows, through cube coordinates."""

    def cube(q: int, r: int) -> tuple[int, int, int]:
        x = q - (r - (r & 1)) // 2 if layout == "odd-r" else q - (r + (r & 1)) // 2
        return x, r, -x - r

    (ax, ay, az), (bx, by, bz) = cube(*a), cube(*b)
    return max(abs(ax - bx), abs(ay - by), abs(az - bz))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")


def place(rng: random.Random) -> str:
    return rng.choice(ROOTS) + rng.choice(ENDINGS)


# The measures whose actual figures carry the count and the population they are worked out from (observations.csv
# `count` and `population`), so that areas are tested against each other as Fingertips does: the population as a
# share of the area's residents (all of them for a rate; the people offered reablement in a month for a percentage).
OUT_OF = {"emergency-admissions-rate": 1.0, "reablement-still-home-91": 0.0004}

# Measures: id, name, meaning, unit, better, counts_people, abbreviation, monthly level per 100,000
# people (or the level itself for percent, rate and average), seasonal swing, printed year totals.
MEASURES = [
    (
        "care-home-admissions-65",
        "Older people moving into care homes for good",
        "How many people aged 65 or over moved into a care home to live there for good. Fewer is better.",
        "count",
        "lower",
        "yes",
        "",
        8,
        0.05,
        True,
    ),
    (
        "delayed-transfer-days",
        "Days people waited to leave hospital",
        "Days spent in a hospital bed by people well enough to leave, waiting for the next care they need (DToC).",
        "days",
        "lower",
        "no",
        "DToC",
        300,
        0.15,
        True,
    ),
    (
        "emergency-admissions",
        "Emergency hospital admissions",
        "How many times people had to go into hospital in an emergency (NEL) rather than for a planned stay.",
        "count",
        "lower",
        "yes",
        "NEL",
        800,
        0.12,
        True,
    ),
    (
        "falls-admissions-65",
        "Older people in hospital after a fall",
        "How many people aged 65 or over were admitted to hospital because they were hurt in a fall.",
        "count",
        "lower",
        "yes",
        "",
        18,
        0.10,
        True,
    ),
    (
        "ae-attendances",
        "Visits to A&E",
        "How many times people went to a hospital A&E department.",
        "count",
        "lower",
        "yes",
        "A&E",
        2600,
        0.08,
        False,
    ),
    (
        "emergency-admissions-rate",
        "Emergency admissions per 100,000 people",
        "Emergency admissions for every 100,000 people living in the area, so areas of different sizes can be compared.",
        "rate_per_100k",
        "lower",
        "no",
        "",
        800,
        0.12,
        False,
    ),
    (
        "reablement-still-home-91",
        "Still at home 91 days after reablement",
        "The share of people aged 65 or over who were still living at home 91 days after leaving hospital for reablement.",
        "percent",
        "higher",
        "no",
        "",
        82,
        0.0,
        False,
    ),
    (
        "crisis-response-2h",
        "Urgent calls answered within two hours",
        "The share of urgent community crisis referrals the team reached within two hours.",
        "percent",
        "higher",
        "no",
        "",
        76,
        0.03,
        False,
    ),
    (
        "carers-assessed",
        "Carers' assessments finished",
        "How many carers had a full check of what help they need.",
        "count",
        "higher",
        "yes",
        "",
        15,
        0.0,
        False,
    ),
    (
        "people-using-telecare",
        "People using telecare",
        "How many people had alarms or sensors at home that can call for help.",
        "count",
        "higher",
        "yes",
        "",
        900,
        0.0,
        False,
    ),
    (
        "length-of-stay-days",
        "Average stay in hospital after an emergency admission",
        "The average number of days people stayed in hospital after an emergency admission.",
        "days",
        "lower",
        "no",
        "",
        6.5,
        0.06,
        False,
    ),
    (
        "referrals-to-social-care",
        "Referrals to adult social care",
        "How many people were referred to the council for adult social care. Neither more nor fewer is better.",
        "count",
        "neither",
        "yes",
        "",
        120,
        0.05,
        False,
    ),
]

SCHEME_TYPES = [  # name, what it does, who it is for, its two measures
    (
        "Discharge to assess",
        "People leave hospital as soon as they are well enough, and their longer-term needs are checked at home.",
        "Adults in hospital who are well enough to leave.",
        ["delayed-transfer-days", "reablement-still-home-91"],
    ),
    (
        "Carers support",
        "A service that finds people who look after a family member or friend and helps them.",
        "Adult carers.",
        ["carers-assessed", "referrals-to-social-care"],
    ),
    (
        "Telecare at home",
        "Alarms and sensors at home that can call for help.",
        "Older and disabled people living alone.",
        ["people-using-telecare", "falls-admissions-65"],
    ),
    (
        "Rapid response team",
        "Nurses and therapists reach people in a crisis at home within two hours.",
        "Adults at risk of going into hospital.",
        ["crisis-response-2h", "emergency-admissions"],
    ),
    (
        "Reablement at home",
        "Short-term help to relearn everyday skills after an illness.",
        "Adults leaving hospital or in a crisis at home.",
        ["reablement-still-home-91", "care-home-admissions-65"],
    ),
    (
        "Neighbourhood care team",
        "GP surgeries, community nurses and social workers work as one team.",
        "People with several long-term conditions.",
        ["emergency-admissions", "referrals-to-social-care"],
    ),
    (
        "Falls prevention",
        "Checks, exercise classes and home changes for people likely to fall.",
        "People aged 65 or over who have fallen or may fall.",
        ["falls-admissions-65", "people-using-telecare"],
    ),
    (
        "Care home support",
        "A named GP and NHS nurse visit each care home every week.",
        "People living in care homes.",
        ["emergency-admissions", "ae-attendances"],
    ),
    (
        "Home from hospital",
        "Volunteers help people settle back at home after a hospital stay.",
        "Older people going home from hospital.",
        ["delayed-transfer-days", "reablement-still-home-91"],
    ),
    (
        "Dementia support",
        "Advisers help people with dementia and their families plan care.",
        "People with dementia and their carers.",
        ["carers-assessed", "crisis-response-2h"],
    ),
    (
        "Hospital at home",
        "Hospital-level care given at home by a team of doctors and nurses.",
        "Adults who would otherwise be admitted.",
        ["emergency-admissions", "length-of-stay-days"],
    ),
    (
        "Mental health crisis support",
        "A crisis line and a safe place to go at night.",
        "Adults in a mental health crisis.",
        ["crisis-response-2h", "ae-attendances"],
    ),
    (
        "Equipment and adaptations",
        "Grab rails, ramps and equipment fitted quickly.",
        "Disabled and older people.",
        ["people-using-telecare", "care-home-admissions-65"],
    ),
    (
        "Social prescribing",
        "Link workers connect people with local groups and activities.",
        "People who are lonely or need practical help.",
        ["referrals-to-social-care", "ae-attendances"],
    ),
    (
        "Frailty clinic",
        "A one-stop clinic for older people who are becoming frail.",
        "People aged 65 or over who are frail.",
        ["falls-admissions-65", "emergency-admissions"],
    ),
    (
        "Single point of access",
        "One phone number for all community health and care services.",
        "Anyone who needs community health or social care.",
        ["referrals-to-social-care", "crisis-response-2h"],
    ),
    (
        "Trusted assessor",
        "One assessor checks needs for both the NHS and the council.",
        "People leaving hospital for a care home.",
        ["delayed-transfer-days", "care-home-admissions-65"],
    ),
    (
        "Integrated night service",
        "Carers and nurses visit people at home at night.",
        "People who need care at night.",
        ["emergency-admissions", "people-using-telecare"],
    ),
    (
        "End of life care at home",
        "Care and support so people can die at home if they wish.",
        "People in the last year of life and their families.",
        ["emergency-admissions", "length-of-stay-days"],
    ),
    (
        "Learning disability support",
        "Support workers help people live in their own homes.",
        "Adults with a learning disability.",
        ["referrals-to-social-care", "carers-assessed"],
    ),
]

GLOSSARY = [
    ("A&E", "Accident and Emergency", "The part of a hospital where people go when they are badly hurt or suddenly very ill."),
    ("BCF", "Better Care Fund", "Money the NHS and councils put into one pot to pay for joined-up care."),
    ("CCG", "Clinical Commissioning Group", "The local NHS group that plans and pays for health services."),
    ("DToC", "Delayed transfers of care", "When someone is well enough to leave hospital but has to wait for care."),
    ("FTE", "Full-time equivalent", "A way of counting staff: two half-time posts make one full-time equivalent."),
    ("GP", "General practitioner", "A family doctor."),
    ("KPI", "Key performance indicator", "A number used to check whether a plan is working."),
    ("NEL", "Non-elective admission", "When someone has to go into hospital in an emergency."),
    ("NHS", "National Health Service", "The country's public health service."),
]

RISKS = [
    "Not enough care workers to meet demand",
    "Pooled budget overspends",
    "Shared IT system is late",
    "Partners withdraw from the pooled fund",
    "Winter pressures delay discharges",
    "Data is not shared in time",
    "Care home places are not available",
    "Staff do not take up new ways of working",
]
MITIGATIONS = [
    "Recruitment campaign and bank staff",
    "Monthly budget review by the partnership board",
    "Supplier meets the programme board each fortnight",
    "Agreement signed by all partners",
    "Winter plan agreed with the hospital",
    "",
]
MILESTONES = [
    "Better Care Fund plan signed off by the Health and Wellbeing Board",
    "Joint commissioning team in post",
    "Shared care record goes live",
    "Review of the pooled budget",
    "New discharge pathway agreed",
    "Outcomes framework published",
]
# A few words for sentences (measures.csv short_name); the other measures' names are short enough.
SHORT_NAMES = {
    "care-home-admissions-65": "Care home moves",
    "delayed-transfer-days": "Delayed discharge days",
    "falls-admissions-65": "Falls admissions",
}
# What reports say in words about a year's result (outcomes.csv) and about a piece of work (caveats.csv).
JUDGEMENTS = [
    ("better", "Performance is better than target for the year."),
    ("on-plan", "The year's target is being met."),
    ("worse", "The target for the year has not been met."),
]
CAVEATS = [
    (
        "caveat",
        "The increase may be because more people are being counted since the new system went live.",
        "The rise may come from counting more people, not from more people needing help.",
    ),
    ("risk", "There is a risk that winter pressures will reverse the improvement.", "Busy winter months could undo the progress."),
    ("setback", "Recruitment to the team was delayed by three months.", "The team took three months longer than planned to hire staff."),
]

SCHEME_STATUS = ["running"] * 12 + ["starting"] * 3 + ["finished"] * 2 + ["planned"] * 2 + ["stopped"]
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months(years: int):
    """(start, end, label, financial year index) for every month."""
    out = []
    for fy in range(years):
        for i in range(12):
            year, month = (FIRST_YEAR + fy, 4 + i) if i < 9 else (FIRST_YEAR + fy + 1, i - 8)
            out.append((date(year, month, 1), month_end(year, month), f"{MONTHS[i]} {year}", fy))
    return out


def quarters(years: int):
    out = []
    for fy in range(years):
        for q in range(4):
            start_month = 4 + 3 * q
            year = FIRST_YEAR + fy + (1 if start_month > 12 else 0)
            start_month = (start_month - 1) % 12 + 1
            end = month_end(year, start_month + 2)
            out.append((date(year, start_month, 1), end, f"Q{q + 1} {fy_label(fy)}", fy))
    return out


def fy_label(fy: int) -> str:
    return f"{FIRST_YEAR + fy}/{str(FIRST_YEAR + fy + 1)[2:]}"


def fy_period(fy: int) -> tuple[date, date]:
    return date(FIRST_YEAR + fy, 4, 1), date(FIRST_YEAR + fy + 1, 3, 31)


# Printing figures as reports do ---------------------------------------------------------------------


def printed(value, unit: str) -> str:
    if unit == "percent":
        return f"{value:.1f}%" if value != int(value) else f"{int(value)}%"
    if unit == "rate_per_100k" or (unit == "days" and value != int(value)):
        return f"{value:.1f}"
    return f"{int(value):,}"


def money_text(pounds: int) -> str:
    return f"£{pounds:,}"


# The generator ------------------------------------------------------------------------------------


class Writer:
    """Rows for each resource, written with exactly the package's headers."""

    def __init__(self, package: dict):
        tables = [r for r in package["resources"] if "schema" in r]  # the hex map is a file, copied as it is
        self.fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in tables}
        self.paths = {r["name"]: r["path"] for r in tables}
        self.rows: dict[str, list[dict]] = {name: [] for name in self.fields}

    def add(self, table: str, **row) -> None:
        unknown = set(row) - set(self.fields[table])
        if unknown:
            raise KeyError(f"{table}: no columns {sorted(unknown)}")
        self.rows[table].append(row)

    def write(self, out: Path) -> None:
        for name, fields in self.fields.items():
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(fields)
            for row in self.rows[name]:
                writer.writerow(["" if row.get(f) is None else str(row.get(f)) for f in fields])
            (out / self.paths[name]).write_bytes(buffer.getvalue().encode("utf-8"))


def generate(out: Path, areas: int = 150, schemes: int = 3000, years: int = 3, seed: int = 1, words: bool = False) -> dict:
    """Write the data set into `out` and return a summary of what it holds and what was planted.

    `words` adds what reports say in words: a judgement of a year's result (outcomes.csv) and a warning,
    risk or setback (caveats.csv) for about one area in five and a few of its schemes. Off by default until
    pages show them: a row no page shows is listed in the build report, and tests/test_scale.py expects none."""
    out = Path(out).resolve()
    if out == (ROOT / "data").resolve():
        raise SystemExit("refusing to overwrite the project's data/ folder; choose another --out")
    if areas < 8 or schemes < areas or years < 1:
        raise SystemExit("need at least 8 areas, one scheme per area and one year")
    if areas > len(councils()) + PARTNERSHIPS:
        raise SystemExit(f"at most {len(councils()) + PARTNERSHIPS} areas: England's {len(councils())} councils and {PARTNERSHIPS} partnerships")
    rng = random.Random(seed)
    package_bytes = PACKAGE.read_bytes()
    package = json.loads(package_bytes)
    w = Writer(package)
    month_list, quarter_list = months(years), quarters(years)
    measures = {m[0]: m for m in MEASURES}

    for term, meaning, explanation in GLOSSARY:
        w.add("glossary", term=term, meaning=meaning, explanation=explanation)
    for mid, name, meaning, unit, better, people, abbr, *_ in MEASURES:
        w.add(
            "measures",
            id=mid,
            name=name,
            meaning=meaning,
            unit=unit,
            better=better,
            counts_people=people,
            abbreviation=abbr,
            short_name=SHORT_NAMES.get(mid, ""),
        )

    # Areas: real councils of the hex map (all of them, or a sample) and the made-up partnerships, then ids
    # from the names with -2 where two names make the same slug.
    every_council = councils()
    chosen = every_council if areas - PARTNERSHIPS >= len(every_council) else rng.sample(every_council, areas - PARTNERSHIPS)
    code_of = {c[1]: c[0] for c in chosen}
    names = [c[1] for c in chosen] + [n for pair in COLLIDING for n in pair]
    rng.shuffle(names)
    ids: list[str] = []
    used: set[str] = set()
    for name in names:
        ident, n = slug(name), 2
        while ident in used:
            ident, n = f"{slug(name)}-{n}", n + 1
        used.add(ident)
        ids.append(ident)

    # Schemes per area: uneven, adding up to `schemes`.
    counts = [schemes // areas + (1 if i < schemes % areas else 0) for i in range(areas)]
    for _ in range(areas * 2):
        a, b = rng.randrange(areas), rng.randrange(areas)
        move = rng.randint(0, max(0, counts[a] // 3))
        if a != b and counts[a] - move >= 1:
            counts[a] -= move
            counts[b] += move

    # What to plant, chosen up front so the rest of the data leaves those places alone.
    order = list(range(areas))
    rng.shuffle(order)
    totals_areas = order[:3]  # printed year total that is not the sum of its months
    text_pct_areas = order[3:5]  # a sentence quoting a different percentage from the table
    change_area = order[5]  # a printed difference from plan its own figures do not give
    money_area = order[6]  # a pooled fund total that is not the sum of its parts
    risk_area = order[7]  # a risk score that is not impact times probability
    collide_schemes_area = order[0]
    planted: list[dict] = []
    small_numbers = 0

    population = [rng.randrange(150, 1400) * 1000 for _ in range(areas)]
    sources_by_area: list[list[str]] = []
    all_scheme_ids: set[str] = set()
    for a in range(areas):
        area_id, name = ids[a], names[a]
        sources = []
        for fy in range(years):
            sid = f"{area_id}-bcf-{FIRST_YEAR + fy}-{str(FIRST_YEAR + fy + 1)[2:]}"
            when = fy_period(fy)[1] + timedelta(days=45 + rng.randrange(40))
            w.add(
                "sources",
                id=sid,
                title=f"Better Care Fund performance report {fy_label(fy)}",
                body=f"{name} Council and NHS {name} CCG",
                committee="Health and Wellbeing Board",
                date=when.isoformat(),
                seed_file="",
                url="",
            )
            sources.append(sid)
        sources_by_area.append(sources)
        latest = sources[-1]
        w.add(
            "areas",
            id=area_id,
            name=name,
            bodies=f"{name} Council; NHS {name} Clinical Commissioning Group; {rng.choice(['Central', 'County', 'Community'])} Health NHS Trust",
            summary=(
                f"In {name} the council and the NHS put money into the BCF to pay for joined-up care. "
                f"About {population[a]:,} people live here. A partnership board checks progress every month "
                f"and reports to the Health and Wellbeing Board."
            ),
            source_id=latest,
            ons_code=code_of.get(name, ""),
        )

        # Area-wide monthly figures for every measure.
        scale = population[a] / 100_000
        totals_for = {mid for mid, *_rest, totals in MEASURES if totals and rng.random() < 0.5}
        if a in totals_areas or a == change_area:
            totals_for.add("emergency-admissions")
        missing_last = rng.random() < 0.05 and a not in totals_areas and a != change_area and a not in text_pct_areas
        for mid, mname, _m, unit, better, _people, _abbr, level, swing, _t in MEASURES:
            per_person = unit in ("count", "days") and mid != "length-of-stay-days"
            base = level * scale if per_person else level
            bias = rng.uniform(-0.06, 0.06)
            monthly = {}
            for start, end, label, fy in month_list:
                season = 1 + swing * math.cos(2 * math.pi * (start.month - 1) / 12)
                trend = 1 - (0.02 * fy if better == "lower" else -0.01 * fy)
                plan = base * season * trend
                actual = plan * (1 + bias + rng.gauss(0, 0.04))
                if unit == "percent":
                    plan, actual = round(min(plan, 99), 0), round(min(actual, 99.9), 1)
                elif unit == "rate_per_100k" or mid == "length-of-stay-days":
                    plan, actual = round(plan, 1), round(actual, 1)
                else:
                    plan, actual = max(5, round(plan)), max(5, round(actual))
                # The count and the population the figure is worked out from, for the measures that carry them:
                # the figure is then exactly count out of population, as its validation requires.
                count = people = None
                if mid in OUT_OF:
                    people = round(population[a] * OUT_OF[mid])
                    count = round(actual / (100 if unit == "percent" else 100_000) * people)
                    actual = round(count / people * (100 if unit == "percent" else 100_000), 1)
                monthly[(start, end)] = (plan, actual)
                src, loc = sources[fy], "Table 2: performance against plan"
                w.add(
                    "observations",
                    area_id=area_id,
                    scheme_id="",
                    measure_id=mid,
                    period_start=start.isoformat(),
                    period_end=end.isoformat(),
                    period_label=label,
                    kind="plan",
                    value=printed(plan, unit),
                    printed_in="table",
                    source_id=src,
                    source_location=loc,
                )
                last = (start, end) == (month_list[-1][0], month_list[-1][1])
                if missing_last and last and mid == "carers-assessed":
                    w.add(
                        "observations",
                        area_id=area_id,
                        scheme_id="",
                        measure_id=mid,
                        period_start=start.isoformat(),
                        period_end=end.isoformat(),
                        period_label=label,
                        kind="actual",
                        value="Not published",
                        printed_in="table",
                        note="The March figure was not ready when the report was written.",
                        source_id=src,
                        source_location=loc,
                    )
                else:
                    w.add(
                        "observations",
                        area_id=area_id,
                        scheme_id="",
                        measure_id=mid,
                        period_start=start.isoformat(),
                        period_end=end.isoformat(),
                        period_label=label,
                        kind="actual",
                        value=printed(actual, unit),
                        qualifier="about" if (mid == "ae-attendances" and rng.random() < 0.01) else "",
                        printed_in="table",
                        count=count,
                        population=people,
                        source_id=src,
                        source_location=loc,
                    )
            if mid in totals_for:
                for fy in range(years):
                    start, end = fy_period(fy)
                    inside = [v for (s, e), v in monthly.items() if start <= s and e <= end]
                    plan_total, actual_total = sum(v[0] for v in inside), sum(v[1] for v in inside)
                    printed_actual = actual_total
                    if a in totals_areas and mid == "emergency-admissions" and fy == years - 1:
                        printed_actual = actual_total + rng.choice([-1, 1]) * rng.randint(12, 90)
                        planted.append(
                            {
                                "kind": "total",
                                "area_id": area_id,
                                "area": name,
                                "text": f"{mname}: the printed actual total for {start.year} to {end.year} is",
                            }
                        )
                    for kind, value in (("plan", plan_total), ("actual", printed_actual)):
                        w.add(
                            "observations",
                            area_id=area_id,
                            scheme_id="",
                            measure_id=mid,
                            period_start=start.isoformat(),
                            period_end=end.isoformat(),
                            period_label=fy_label(fy),
                            kind=kind,
                            value=printed(value, unit),
                            printed_in="table",
                            source_id=sources[fy],
                            source_location="Table 1: year summary",
                        )
                    if a == change_area and mid == "emergency-admissions" and fy == years - 1:
                        computed = (actual_total - plan_total) / plan_total * 100
                        shown = round(computed) + 4
                        w.add(
                            "observations",
                            area_id=area_id,
                            scheme_id="",
                            measure_id=mid,
                            period_start=start.isoformat(),
                            period_end=end.isoformat(),
                            period_label="the year",
                            kind="change_vs_plan",
                            value=f"{shown}%",
                            printed_in="text",
                            note=f"Printed as '{abs(shown)}% {'above' if shown > 0 else 'below'} plan'.",
                            source_id=sources[fy],
                            source_location="Paragraph 3.1",
                        )
                        planted.append(
                            {
                                "kind": "change",
                                "area_id": area_id,
                                "area": name,
                                "text": f"{mname}, {start.year} to {end.year}: the report says the actual figure is",
                            }
                        )
                    elif fy == 0 and a % 7 == 1:  # an agreeing printed difference: no disagreement
                        computed = (actual_total - plan_total) / plan_total * 100
                        w.add(
                            "observations",
                            area_id=area_id,
                            scheme_id="",
                            measure_id=mid,
                            period_start=start.isoformat(),
                            period_end=end.isoformat(),
                            period_label="the year",
                            kind="change_vs_plan",
                            value=f"{round(computed)}%",
                            printed_in="text",
                            source_id=sources[fy],
                            source_location="Paragraph 3.1",
                        )
            if unit == "percent" and (a in text_pct_areas or a % 5 == 2):
                start, end, label, fy = month_list[-1]
                actual = monthly[(start, end)][1]
                quoted = actual
                if a in text_pct_areas and mid == "reablement-still-home-91":
                    quoted = round(actual + rng.choice([-1, 1]) * rng.uniform(2, 6), 0)
                    planted.append({"kind": "text", "area_id": area_id, "area": name, "text": f"{mname}, actual for {start:%B %Y}: the table gives"})
                w.add(
                    "observations",
                    area_id=area_id,
                    scheme_id="",
                    measure_id=mid,
                    period_start=start.isoformat(),
                    period_end=end.isoformat(),
                    period_label="in March",
                    kind="actual",
                    value=printed(quoted, unit),
                    printed_in="text",
                    source_id=sources[fy],
                    source_location="Paragraph 2.4",
                )

        # Area money: a pooled fund each year, split between the NHS and the council.
        for fy in range(years):
            start, end = fy_period(fy)
            thousands = rng.randrange(40, 400) * 100
            nhs_share = rng.randint(60, 80)
            parts = [(f"NHS {name} CCG", nhs_share), (f"{name} Council", 100 - nhs_share)]
            total = thousands * 1000
            printed_total = total
            if a == money_area and fy == 0:
                printed_total = total + 250_000
                planted.append(
                    {
                        "kind": "money",
                        "area_id": area_id,
                        "area": name,
                        "text": f"Better Care Fund pooled budget ({start.year} to {end.year}): the printed total is",
                    }
                )
            breakdown = f"bcf-pooled-fund-{FIRST_YEAR + fy}-{str(FIRST_YEAR + fy + 1)[2:]}"
            w.add(
                "money",
                area_id=area_id,
                scheme_id="",
                period_start=start.isoformat(),
                period_end=end.isoformat(),
                period_label=fy_label(fy),
                breakdown=breakdown,
                item="Better Care Fund pooled budget",
                funder="",
                amount=money_text(printed_total),
                is_total="yes",
                source_id=sources[fy],
                source_location="Finance table",
            )
            for funder, share in parts:
                w.add(
                    "money",
                    area_id=area_id,
                    scheme_id="",
                    period_start=start.isoformat(),
                    period_end=end.isoformat(),
                    period_label=fy_label(fy),
                    breakdown=breakdown,
                    item="Better Care Fund pooled budget",
                    funder=funder,
                    amount=money_text(total * share // 100),
                    share=f"{share}%",
                    is_total="no",
                    source_id=sources[fy],
                    source_location="Finance table",
                )

        # Area milestones and risks, as at the latest report.
        as_at = fy_period(years - 1)[1] + timedelta(days=60)
        for text in rng.sample(MILESTONES, 4):
            due = date(FIRST_YEAR, 6, 30) + timedelta(days=rng.randrange(0, 365 * years + 200))
            done = ("yes" if rng.random() < 0.7 else rng.choice(["no", ""])) if due < as_at else rng.choice(["", "no"])
            w.add(
                "milestones",
                area_id=area_id,
                scheme_id="",
                milestone=text,
                due=due.isoformat(),
                due_label=f"{due.day} {due:%b %Y}",
                completed=done,
                source_id=latest,
                source_location="Programme plan",
            )
        risk_number = 0
        for text in rng.sample(RISKS, rng.randint(3, 5)):
            risk_number += 1
            impact, probability = rng.randint(1, 5), rng.randint(1, 5)
            score = impact * probability
            if a == risk_area and risk_number == 2:
                score += 3
                planted.append(
                    {"kind": "risk", "area_id": area_id, "area": name, "text": f"Risk {risk_number} ({text}): the printed score is {score}"}
                )
            w.add(
                "risks",
                area_id=area_id,
                scheme_id="",
                number=risk_number,
                risk=text,
                impact=impact,
                probability=probability,
                score=score,
                mitigation=rng.choice(MITIGATIONS),
                owner=rng.choice(["Director of Adult Social Care", "CCG Chief Operating Officer", "Programme manager", ""]),
                source_id=latest,
                source_location="Risk log",
            )

        # Schemes.
        types = SCHEME_TYPES[:]
        rng.shuffle(types)
        scheme_names: list[str] = []
        for i in range(counts[a]):
            base = types[i % len(types)][0]
            scheme_names.append(base if i < len(types) else f"{base} ({place(rng)})")
        if a == collide_schemes_area and counts[a] >= 2:
            scheme_names[0], scheme_names[1] = "Home from hospital", "Home-from-hospital"
        seen_names: set[str] = set()
        staffing_done = False
        for i, sname in enumerate(scheme_names):
            while sname.lower() in seen_names:
                sname = f"{sname} ({place(rng)})"
            seen_names.add(sname.lower())
            stype = next((t for t in SCHEME_TYPES if sname.lower().replace("-", " ").startswith(t[0].lower())), types[i % len(types)])
            ident, n = f"{area_id}-{slug(sname)}", 2
            while ident in all_scheme_ids:
                ident, n = f"{area_id}-{slug(sname)}-{n}", n + 1
            all_scheme_ids.add(ident)
            status = rng.choice(SCHEME_STATUS)
            w.add(
                "schemes",
                id=ident,
                area_id=area_id,
                name=sname,
                summary=stype[1],
                for_whom=stype[2],
                status=status,
                source_id=sources[0],
                source_location=f"Scheme {i + 1}",
            )
            if status != "planned":
                last_q = len(quarter_list) if status != "stopped" else min(4, len(quarter_list))
                share = rng.uniform(0.02, 0.08)
                for mid in stype[3]:
                    _id, mname, _m, unit, better, people, _abbr, level, swing, _t = measures[mid]
                    per_person = unit in ("count", "days") and mid != "length-of-stay-days"
                    small_series = people == "yes" and per_person and rng.random() < 0.004
                    for q, (start, end, label, fy) in enumerate(quarter_list[:last_q]):
                        if per_person:
                            plan = max(5, round(level * scale * 3 * share))
                            actual = max(5, round(plan * (1 + rng.gauss(0, 0.1))))
                            if small_series and q < 2:
                                actual = rng.randint(1, 4)
                        elif unit == "percent":
                            plan, actual = round(level), round(min(99.9, level * (1 + rng.gauss(0, 0.05))), 1)
                        else:
                            plan, actual = round(level, 1), round(level * (1 + rng.gauss(0, 0.05)), 1)
                        for kind, value in (("plan", plan), ("actual", actual)):
                            if people == "yes" and 0 < value < 5:
                                small_numbers += 1
                            w.add(
                                "observations",
                                area_id=area_id,
                                scheme_id=ident,
                                measure_id=mid,
                                period_start=start.isoformat(),
                                period_end=end.isoformat(),
                                period_label=label,
                                kind=kind,
                                value=printed(value, unit),
                                printed_in="table",
                                source_id=sources[fy],
                                source_location=f"Scheme {i + 1} dashboard",
                            )
            # A budget for some schemes; staffing rows (posts times cost) for one scheme per area.
            if status != "planned" and rng.random() < 0.4:
                start, end = fy_period(0)
                thousands = rng.randrange(1, 40) * 100
                council = rng.randint(10, 50)
                breakdown = f"{ident}-budget"
                w.add(
                    "money",
                    area_id=area_id,
                    scheme_id=ident,
                    period_start=start.isoformat(),
                    period_end=end.isoformat(),
                    period_label=fy_label(0),
                    breakdown=breakdown,
                    item=f"{sname} budget",
                    funder="",
                    amount=money_text(thousands * 1000),
                    is_total="yes",
                    source_id=sources[0],
                    source_location=f"Scheme {i + 1}",
                )
                for funder, s in ((f"NHS {name} CCG", 100 - council), (f"{name} Council", council)):
                    w.add(
                        "money",
                        area_id=area_id,
                        scheme_id=ident,
                        period_start=start.isoformat(),
                        period_end=end.isoformat(),
                        period_label=fy_label(0),
                        breakdown=breakdown,
                        item=f"{sname} budget",
                        funder=funder,
                        amount=money_text(thousands * 10 * s),
                        share=f"{s}%",
                        is_total="no",
                        source_id=sources[0],
                        source_location=f"Scheme {i + 1}",
                    )
            if status != "planned" and not staffing_done:
                staffing_done = True
                start, end = fy_period(0)
                posts = [("Social worker", rng.randint(2, 8) + 0.5, 38_000), ("Occupational therapist", rng.randint(1, 4), 41_000)]
                wrong = a == money_area
                breakdown = f"{ident}-staff"
                total_fte = sum(p[1] for p in posts)
                total_cost = sum(round(p[1] * p[2]) for p in posts)
                for k, (title, fte, cost) in enumerate(posts):
                    amount = round(fte * cost) + (5_000 if wrong and k == 0 else 0)
                    total_cost += 5_000 if wrong and k == 0 else 0
                    w.add(
                        "money",
                        area_id=area_id,
                        scheme_id=ident,
                        period_start=start.isoformat(),
                        period_end=end.isoformat(),
                        period_label=fy_label(0),
                        breakdown=breakdown,
                        item=title,
                        funder=f"{name} Council",
                        amount=money_text(amount),
                        fte=f"{fte:g}",
                        unit_cost=money_text(cost),
                        is_total="no",
                        source_id=sources[0],
                        source_location=f"Scheme {i + 1} staffing",
                    )
                    if wrong and k == 0:
                        planted.append(
                            {
                                "kind": "fte",
                                "area_id": area_id,
                                "area": name,
                                "text": f"{title}: {fte:g} full-time posts at £{cost:,} each would cost",
                            }
                        )
                w.add(
                    "money",
                    area_id=area_id,
                    scheme_id=ident,
                    period_start=start.isoformat(),
                    period_end=end.isoformat(),
                    period_label=fy_label(0),
                    breakdown=breakdown,
                    item="Staff in post",
                    funder=f"{name} Council",
                    amount=money_text(total_cost),
                    fte=f"{total_fte:g}",
                    is_total="yes",
                    source_id=sources[0],
                    source_location=f"Scheme {i + 1} staffing",
                )
            if status in ("starting", "running") and rng.random() < 0.3:
                due = date(FIRST_YEAR, 9, 30) + timedelta(days=rng.randrange(0, 365 * years))
                done = ("yes" if rng.random() < 0.6 else rng.choice(["no", ""])) if due < as_at else ""
                w.add(
                    "milestones",
                    area_id=area_id,
                    scheme_id=ident,
                    milestone=f"{sname} fully running",
                    due=due.isoformat(),
                    due_label=f"{due:%B %Y}",
                    completed=done,
                    source_id=latest,
                    source_location="Programme plan",
                )
            if status == "running" and rng.random() < 0.08:
                risk_number += 1
                impact, probability = rng.randint(1, 5), rng.randint(1, 5)
                w.add(
                    "risks",
                    area_id=area_id,
                    scheme_id=ident,
                    number=risk_number,
                    risk=f"{sname}: {rng.choice(RISKS).lower()}",
                    impact=impact,
                    probability=probability,
                    score=impact * probability,
                    mitigation=rng.choice(MITIGATIONS),
                    owner="Scheme lead",
                    source_id=latest,
                    source_location="Risk log",
                )

    # Planted small numbers: two quarters of carers' assessments in a few scheme series.
    carers = [r for r in w.rows["observations"] if r["scheme_id"] and r["measure_id"] == "carers-assessed"]
    series_keys = sorted({r["scheme_id"] for r in carers})
    for scheme_id in series_keys[: max(2, min(3, len(series_keys)))]:
        rows = [r for r in carers if r["scheme_id"] == scheme_id and r["kind"] == "actual"]
        for r in rows[:2]:
            if not (0 < int(r["value"].replace(",", "")) < 5):
                small_numbers += 1
            r["value"] = str(rng.randint(1, 4))
        if len(rows) > 2:
            if 0 < int(rows[2]["value"].replace(",", "")) < 5:
                small_numbers -= 1
            rows[2]["value"] = "0"  # zero is shown as zero, not hidden

    if words:
        add_words(w, ids, sources_by_area, years, seed)
    add_places_and_groups(w, ids, names, code_of, chosen, every_council, sources_by_area, seed)

    out.mkdir(parents=True, exist_ok=True)
    w.write(out)
    (out / "datapackage.json").write_bytes(marked_synthetic(package_bytes))
    for name in ("areas.hexjson", "LICENSE-hexmaps"):  # the hex map of England's councils, with its licence
        (out / name).write_bytes((ROOT / "data" / name).read_bytes())
    return {
        "folder": str(out),
        "rows": {name: len(rows) for name, rows in w.rows.items()},
        "areas": areas,
        "schemes": len(w.rows["schemes"]),
        "measures": len(MEASURES),
        "area_ids": ids,
        "scheme_ids": [r["id"] for r in w.rows["schemes"]],
        "measure_ids": [m[0] for m in MEASURES],
        "colliding_names": [list(p) for p in COLLIDING if p[0] in names and p[1] in names],
        "ons_codes": {i: code_of[n] for i, n in zip(ids, names) if n in code_of},
        "planted_disagreements": planted,
        "small_numbers": small_numbers,
    }


def marked_synthetic(package_bytes: bytes) -> bytes:
    """The project's datapackage.json, saying that the figures are made up (`"synthetic": true`, after its
    description): a site built from it says so on every page."""
    package = json.loads(package_bytes)
    marked = {}
    for key, value in package.items():
        marked[key] = value
        if key == "description":
            marked["synthetic"] = True
    marked.setdefault("synthetic", True)
    return (json.dumps(marked, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def add_places_and_groups(
    w: Writer,
    ids: list[str],
    names: list[str],
    code_of: dict[str, str],
    chosen: list[tuple[str, str, int, int]],
    every_council: list[tuple[str, str, int, int]],
    sources_by_area: list[list[str]],
    seed: int,
) -> None:
    """Two or three made-up places in each council (never a council's name, nor a word of one), and one in each
    partnership; and each council's made-up comparison group: the NEIGHBOURS councils of the set nearest it on
    the hex map (ties by ONS code). From their own random stream, so the figures stay the same."""
    rng = random.Random(seed * 1000 + 22)
    real = {n.casefold() for c in every_council for n in [c[1], *c[1].replace(",", " ").split()]}
    taken: set[str] = set()
    rows = []
    for a, (area_id, name) in enumerate(zip(ids, names)):
        for _ in range(rng.randint(2, 3) if name in code_of else 1):
            made = place(rng)
            while made.casefold() in real or made.casefold() in taken:
                made = place(rng)
            taken.add(made.casefold())
            rows.append((made, area_id, sources_by_area[a][-1]))
    for made, area_id, source in sorted(rows, key=lambda r: (r[0].casefold(), r[1])):
        w.add("places", place=made, area_id=area_id, source_id=source, source_location=PLACE_NOTE)
    layout = json.loads(HEXMAP.read_text(encoding="utf-8"))["layout"]
    where = {c[0]: (c[2], c[3]) for c in chosen}
    id_of = {code_of[n]: i for i, n in zip(ids, names) if n in code_of}
    for code in sorted(where, key=lambda c: id_of[c]):
        nearest = sorted((hex_distance(layout, where[code], where[other]), other) for other in where if other != code)[:NEIGHBOURS]
        for _, other in sorted(nearest, key=lambda n: id_of[n[1]]):
            w.add("comparison_groups", area_id=id_of[code], group=GROUP, similar_area_id=id_of[other], source=GROUP_SOURCE)


def add_words(w: Writer, area_ids: list[str], sources_by_area: list[list[str]], years: int, seed: int) -> None:
    """Outcomes and caveats for every fifth area, from their own random stream so the figures stay the same."""
    rng = random.Random(seed * 1000 + 12)
    schemes_of: dict[str, list[str]] = {}
    for row in w.rows["schemes"]:
        schemes_of.setdefault(row["area_id"], []).append(row["id"])
    for a in range(0, len(area_ids), 5):
        area_id, latest = area_ids[a], sources_by_area[a][-1]
        start, end = fy_period(years - 1)
        for mid in rng.sample([m[0] for m in MEASURES], 2):
            judgement, quote = rng.choice(JUDGEMENTS)
            w.add(
                "outcomes",
                area_id=area_id,
                scheme_id="",
                measure_id=mid,
                period_start=start.isoformat(),
                period_end=end.isoformat(),
                period_label=fy_label(years - 1),
                judgement=judgement,
                quote=quote,
                source_id=latest,
                source_location="Paragraph 2.1",
            )
        for scheme_id in schemes_of.get(area_id, [])[:2]:
            kind, quote, plain = rng.choice(CAVEATS)
            w.add(
                "caveats",
                area_id=area_id,
                scheme_id=scheme_id,
                measure_id="",
                kind=kind,
                quote=quote,
                plain=plain if rng.random() < 0.7 else "",
                source_id=latest,
                source_location="Paragraph 4.3",
            )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--areas", type=int, default=155, help="England's councils on the hex map (151) and 4 made-up partnerships")
    parser.add_argument("--schemes", type=int, default=3000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "national")
    parser.add_argument("--words", action="store_true", help="add outcomes and caveats (what reports say in words)")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.areas, args.schemes, args.years, args.seed, words=args.words)
    print(f"Wrote {summary['folder']}")
    for name, count in summary["rows"].items():
        print(f"  {name}.csv: {count:,} rows")
    print(f"  planted disagreements: {len(summary['planted_disagreements'])}; counts of people below 5: {summary['small_numbers']}")
    print(f"Build it with: CARE_DATA_DIR={summary['folder']} mkdocs build --strict")
    return 0


if __name__ == "__main__":
    sys.exit(main())
