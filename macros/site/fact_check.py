"""Fact check of editors' prose: a number typed into a page that refers to a figure in the data but does not
match it ("8,000 days" where the data says 8,407) is reported with the file and line.

How it decides what a number refers to, so that it is rarely wrong:
- only running prose counts (advice.prose: no headings, tables, code, HTML; `code` and macros are not prose);
- the page's place: docs/areas/<id>.md is that area, docs/schemes/<id>.md that scheme's area; on any page, a
  sentence naming an area (by its name) is about that area;
- the sentence's measures: those a macro in the same sentence asks for, and those it names (the measure's
  name, short name or abbreviation), among the measures the place has figures for; with no measure named,
  "1,041 days" or "£1.2 million" in a sentence that names a period refers to the place's measures in days or
  pounds that have a figure for that period;
- the number's unit must fit the measure: "21%" a percentage, "£1.2 million" money, "1,041 days" days, a bare
  number a count, days or a rate. Years (2016), dates ("1 April"), numbers with no measure and the number of a
  unit ("per 100,000 population", "for every 100,000 adults", "1 in 5") are left alone;
- a period the sentence names ("April to September 2016", as the site writes it) narrows the figures compared;
- it matches when it equals a figure of that measure there (or the top of its range), as the site writes it;
  after "about", "around", "nearly", "almost", "over", "more than" or "under", when it is within a tenth of one
  and on the said side. Whatever `figure()` prints is accepted as written, "fewer than 5" for a hidden figure too;
- a mismatch is reported on the line the number is on, not the line its paragraph starts on;
- a unit written again after `figure()`, which prints it ("{{ figure(...) }} days" → "8,407 days days"), is
  reported too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.figures import IN_PROSE, scaled
from ..data.model import Dataset, Observation
from ..data.vocab import FigureKind, Unit
from ..presentation import wording
from .advice import prose, sentences

_MACRO = re.compile(r"\{\{.*?\}\}", re.S)
_CODE = re.compile(r"`[^`]*`")
_ARGUMENTS = re.compile(r"""["']([^"']+)["']""")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_HEDGES_UP = ("over", "more than")
_HEDGES_DOWN = ("nearly", "almost", "under", "fewer than", "less than")
# Words before a number that make it the size of a unit, not a figure: "per 100,000", "for every 100,000 adults",
# "each 1,000 people", "1 in 5" (the 5), "out of 10".
# An age ("aged 65 and over") says who is counted, not a figure either.
_UNIT_BEFORE = re.compile(r"(?:\bper|\bevery|\beach|\bin|\bout of|\bof every|\baged)\s+$", re.IGNORECASE)
_FIGURE_MACRO = re.compile(r"\{\{-?\s*figure\s*\((?P<args>.*?)\)\s*-?\}\}", re.S)


@dataclass(frozen=True)
class Mismatch:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


def _place(uri: str, data: Dataset) -> tuple[str | None, str | None]:
    folder, _, name = uri.partition("/")
    ident = name.removesuffix(".md")
    if folder == "areas" and ident in data.areas:
        return ident, None
    if folder == "schemes" and ident in data.schemes:
        return data.schemes[ident].area_id, ident
    return None, None


def _mentions(text: str, phrase: str) -> bool:
    return bool(phrase) and re.search(r"(?<![\w-])" + re.escape(phrase.lower()) + r"(?![\w-])", text.lower()) is not None


def check_page(uri: str, source: str, data: Dataset) -> list[Mismatch]:
    """Every number in an editor's page that refers to a figure in the data and does not match it."""
    page_area, _scheme = _place(uri, data)
    lines = source.splitlines()
    found = []
    for line, paragraph in prose(source, keep_macros=True):
        place = _Lines(lines, line, paragraph)
        start = 0
        for sentence in sentences(paragraph):
            start = paragraph.find(sentence, start)
            found += _check_sentence(f"docs/{uri}", place, start, sentence, page_area, data)
            start += len(sentence)
    return found


class _Lines:
    """The line of the file a place in a paragraph is on: the paragraph is its lines joined, in order, so the
    n-th time a number's digits are in the paragraph is the n-th time they are in its lines."""

    def __init__(self, lines: list[str], first: int, paragraph: str):
        self.lines, self.first, self.paragraph = lines, first, paragraph

    def of(self, offset: int, digits: str) -> int:
        seen = self.paragraph[:offset].count(digits)
        for number in range(self.first, len(self.lines) + 1):
            seen -= _CODE.sub("code", self.lines[number - 1]).count(digits)
            if seen < 0:
                return number
        return self.first


def _blank(pattern: re.Pattern, text: str) -> str:
    """The text with what the pattern matches blanked, of the same length, so places in it stay where they were."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _check_sentence(file: str, place: _Lines, start: int, sentence: str, page_area: str | None, data: Dataset) -> list[Mismatch]:
    asked = {arg for macro in _MACRO.findall(sentence) for arg in _ARGUMENTS.findall(macro)}
    text = _blank(_CODE, _blank(_MACRO, sentence))
    areas = {a for a in data.areas if a in asked or _mentions(text, data.areas[a].name)} or ({page_area} if page_area else set())
    out = _units_again(file, place, start, sentence, data)
    for number in IN_PROSE.finditer(text):
        claim = _claim(number, text)
        if claim is None:
            continue
        line = place.of(start + number.start("digits"), number["digits"])
        value, unit_words = claim
        for area in sorted(areas):
            series = _series_named(area, text, asked, data, unit_words)
            if not series and unit_words in ("days", "money"):
                # No measure named, but "1,041 days" or "£1.2 million" in a sentence naming a period: the
                # area's measures in that unit that have a figure for that period.
                by_unit = _series_in_unit(area, data, unit_words)
                series = [s for s in by_unit if _named_periods([s], text)]
            if not series:
                continue
            figures = _figures(series, text)
            if _hidden(number, value, series, text, data):
                continue  # "fewer than 5", as the site writes a figure the small-number rule hides
            if figures and not any(_agrees(number, value, o, data) for o in figures):
                out.append(_mismatch(file, line, number.group(0).strip(), area, figures, data))
    return out


def _claim(number: re.Match, text: str) -> tuple[float, str] | None:
    """The value a number says and the kind of unit it is written in; None for years, dates and list numbers."""
    digits = number["digits"].replace(",", "")
    value = float(digits + (number["decimals"] or ""))
    before, after = text[: number.start("digits")], text[number.end("digits") :]
    if re.search(r"\d{4}/$", before):
        return None  # the second year of a financial year: 2016/17
    if not number["pound"] and not number["percent"] and _UNIT_BEFORE.search(before):
        return None  # the size of a unit: "per 100,000 population", "for every 100,000 adults"
    if re.search(rf"(?:{_MONTHS})\s*$", before) or re.match(rf"\s*(?:st|nd|rd|th)?\s*(?:{_MONTHS})\b", after):
        return None  # a date: 1 April, April 2016
    if not number["pound"] and not number["percent"] and not number["scale"] and "," not in number["digits"]:
        if 1990 <= value <= 2099 and not number["decimals"]:
            return None  # a year
    value = scaled(value, number["scale"])
    unit_words = "money" if number["pound"] else "percent" if number["percent"] else "days" if number["days"] else "plain"
    return value, unit_words


_FITS = {
    "money": {Unit.GBP},
    "percent": {Unit.PERCENT},
    "days": {Unit.DAYS},
    "plain": {Unit.COUNT, Unit.DAYS, Unit.RATE_PER_100K},
}


def _series_named(area: str, text: str, asked: set[str], data: Dataset, unit_words: str) -> list[list[Observation]]:
    found = []
    for scheme_id, measure_id in data.series_by_area.get(area, []):
        measure = data.measures[measure_id]
        named = measure_id in asked or any(_mentions(text, p) for p in (measure.name, measure.short_name, measure.abbreviation))
        if named and (measure.unit in _FITS[unit_words] or (unit_words == "percent")):
            found.append(data.series[(area, scheme_id, measure_id)])
    return found


def _named_periods(series: list[list[Observation]], text: str) -> set[str]:
    """The periods, as the site writes them, that the sentence names; "September 2016" inside "April to
    September 2016" is not a period of its own."""
    labels = {wording.period(o.period).lower() for s in series for o in s}
    present = {label for label in labels if label in text.lower()}
    return {label for label in present if not any(label != other and label in other for other in present)}


def _series_in_unit(area: str, data: Dataset, unit_words: str) -> list[list[Observation]]:
    units = {"days": Unit.DAYS, "money": Unit.GBP}
    return [
        data.series[(area, scheme_id, measure_id)]
        for scheme_id, measure_id in data.series_by_area.get(area, [])
        if data.measures[measure_id].unit == units[unit_words]
    ]


def _figures(series: list[list[Observation]], text: str) -> list[Observation]:
    """The figures the number may be: of the named measures, in the named periods if the sentence names one."""
    every = [o for s in series for o in s if o.value is not None and not o.suppressed]
    periods = _named_periods(series, text)
    named = [o for o in every if wording.period(o.period).lower() in periods]
    return named or every


def _hidden(number: re.Match, value: float, series: list[list[Observation]], text: str, data: Dataset) -> bool:
    """Whether the number is "fewer than" the small-number threshold and a figure it may be is hidden by the rule."""
    if (number["hedge"] or "").strip().lower() != "fewer than" or value != data.small_number_threshold:
        return False
    periods = _named_periods(series, text)
    return any(o.suppressed and (not periods or wording.period(o.period).lower() in periods) for s in series for o in s)


def _agrees(number: re.Match, value: float, obs: Observation, data: Dataset) -> bool:
    """Whether the number says this figure, or the top of its range ("30,000 to 50,000")."""
    return any(_agrees_with(number, value, obs, target, data) for target in (obs.value, obs.value_to) if target is not None)


def _agrees_with(number: re.Match, value: float, obs: Observation, said: float, data: Dataset) -> bool:
    unit = Unit.PERCENT if obs.kind.is_change else data.measures[obs.measure_id].unit
    if number["percent"] and unit != Unit.PERCENT:
        return False
    target = abs(said) if obs.kind.is_change else said
    decimals = len(number["decimals"] or "") - 1 if number["decimals"] else 0
    if number["scale"]:  # £1.2 million: as exact as it is written
        step = scaled(10**-decimals, number["scale"])
        exact = abs(target - value) <= step / 2
    else:
        exact = round(target, decimals) == round(value, decimals)
    hedge = (number["hedge"] or "").strip().lower()
    if exact or not hedge:
        return exact
    near = abs(target - value) <= 0.1 * max(abs(target), 1)
    if hedge in _HEDGES_UP:
        return near and target >= value
    if hedge in _HEDGES_DOWN:
        return near and target <= value
    return near


def _mismatch(file: str, line: int, said: str, area: str, figures: list[Observation], data: Dataset) -> Mismatch:
    ranked = sorted(figures, key=lambda o: (o.kind != FigureKind.ACTUAL, -o.period.end.toordinal()))
    best = ranked[0]
    measure = data.measures[best.measure_id]
    shown = wording.figure_text(best, measure, data.small_number_threshold, exact=True, with_unit=True)
    period = wording.period(best.period)
    scheme = f', scheme="{best.scheme_id}"' if best.scheme_id else ""
    kind = "" if best.kind == FigureKind.ACTUAL else f', kind="{best.kind}"'
    return Mismatch(
        file,
        line,
        f"'{said}' does not match the data for {measure.name} in {data.areas[area].name} "
        f"({wording.KIND_NAMES[best.kind].lower()} {shown}, {period}). Ask for the figure instead of typing it: "
        f'{{{{ figure("{area}", "{best.measure_id}", "{period}"{kind}{scheme}) }}}}.',
    )


def _units_again(file: str, place: _Lines, start: int, sentence: str, data: Dataset) -> list[Mismatch]:
    """A unit written again after a `figure()` that prints it: "{{ figure(...) }} days" reads "8,407 days days"."""
    out = []
    for macro in _FIGURE_MACRO.finditer(sentence):
        measure = next((data.measures[a] for a in _ARGUMENTS.findall(macro["args"]) if a in data.measures), None)
        if measure is None:
            continue
        printed = {
            Unit.DAYS: ["days", "day"],
            Unit.PERCENT: ["%", "per cent", "percent"],
            Unit.RATE_PER_100K: ["per 100,000"],
            Unit.GBP: ["pounds"],
        }.get(measure.unit, [])
        after = sentence[macro.end() :].lstrip().lower()
        again = next((w for w in printed if after.startswith(w) and not after[len(w) : len(w) + 1].isalpha()), None)
        if again is None and measure.unit == Unit.GBP and sentence[: macro.start()].rstrip().endswith("£"):
            again = "£"
        if again is None:
            continue
        shown = wording.unit_words(measure.unit, measure.rate_of).after.strip() or {"percent": "%", "gbp": "£"}[measure.unit]
        out.append(
            Mismatch(
                file,
                place.of(start + macro.start(), macro.group(0)),
                f"'{again}' is written again next to {macro.group(0).strip()}, which prints the figure with its unit "
                f"('{shown}'), so the page would say it twice. Remove '{again}' from beside the macro.",
            )
        )
    return out
