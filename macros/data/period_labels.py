"""What a period's label and its dates must agree on, and dates that cannot be read one way only (issue 21, items
1 and 2). Kept apart from the reading of periods (cells.py, model.py), which other work changes.

- A label that is only a period ("Oct", "October 2016", "Apr-Sep 16", "April to September 2016", "2016/17",
  "16/17", "2016") names months or a year; the dates must be in them (`label_period`). Any other label ("YTD",
  "Not printed (taken as 2016/17)", "run until July 2018") is the report's own words and is not read.
- A date written day first (01/04/2016) whose day and month could be swapped (10/01/2016: 10 January or 1
  October) is `ambiguous`. It is read day first only where the row settles it: its label's months, or its
  period being whole months read day first and not read the other way (`settled`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# A year after a month: 2016, '16 or -16 (Excel's Oct-16). "Oct 16" could be a day, so it is not read.
_YEAR_AFTER = r"(?:\s*-\s*|\s*'|\s+(?=\d{4}))(\d{4}|\d{2})"
_ONE_MONTH = re.compile(rf"{_MONTH}\.?(?:{_YEAR_AFTER})?", re.IGNORECASE)
_MONTHS_RANGE = re.compile(rf"{_MONTH}\.?\s*(?:-|–|to)\s*{_MONTH}\.?(?:{_YEAR_AFTER})?", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})")
_CALENDAR_YEAR = re.compile(r"\d{4}")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if len(text) == 4 else 2000 + int(text)


def _words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class LabelPeriod:
    """What a label that is only a period names: months (first and last, 1-12) of a year if it says one, or a
    span of dates (a financial or calendar year)."""

    words: str  # what the label names, for a message: "October", "April to September 2016", "the financial year 2016/17"
    first_month: int | None = None
    last_month: int | None = None
    year: int | None = None  # the year of the last month, when the label gives one
    span: tuple[date, date] | None = None

    def fits(self, start: date, end: date) -> bool:
        if self.span is not None:
            return self.span[0] <= start <= end <= self.span[1]
        if start.month != self.first_month or end.month != self.last_month:
            return False
        if self.year is not None and end.year != self.year:
            return False
        return end - start < timedelta(days=366)

    def expected(self, start: date) -> tuple[date, date]:
        """The whole period the label names, its year taken from `start` when the label gives none."""
        if self.span is not None:
            return self.span
        assert self.first_month is not None and self.last_month is not None
        last_year = self.year if self.year is not None else start.year + (self.last_month < self.first_month)
        first_year = last_year - (self.last_month < self.first_month)
        return date(first_year, self.first_month, 1), _last_day(last_year, self.last_month)


def label_period(label: str) -> LabelPeriod | None:
    """What a label names, if it is only a period ("Oct", "Apr-Sep 16", "2016/17"); None for any other words."""
    text = label.strip()
    found = _ONE_MONTH.fullmatch(text)
    if found:
        month, year = _MONTHS[found[1].lower()], _year(found[2])
        return LabelPeriod(calendar.month_name[month] + (f" {year}" if year else ""), month, month, year)
    found = _MONTHS_RANGE.fullmatch(text)
    if found:
        first, last, year = _MONTHS[found[1].lower()], _MONTHS[found[2].lower()], _year(found[3])
        words = f"{calendar.month_name[first]} to {calendar.month_name[last]}" + (f" {year}" if year else "")
        return LabelPeriod(words, first, last, year)
    found = _FINANCIAL_YEAR.fullmatch(text)
    if found:
        first_year, second = _year(found[1]), _year(found[2])
        assert first_year is not None and second is not None
        if second != first_year + 1:
            return None
        return LabelPeriod(f"the financial year {first_year}/{str(second)[2:]}", span=(date(first_year, 4, 1), date(second, 3, 31)))
    if _CALENDAR_YEAR.fullmatch(text):
        year = int(text)
        return LabelPeriod(f"the year {year}", span=(date(year, 1, 1), date(year, 12, 31)))
    return None


def ambiguous(text: str) -> tuple[date, date] | None:
    """(read day first, read month first) for a date written d/m/yyyy whose day and month could be swapped."""
    found = _DAY_FIRST.fullmatch(text.strip())
    if not found:
        return None
    first, second, year = int(found[1]), int(found[2]), int(found[3])
    if first == second or first > 12 or second > 12:
        return None
    return date(year, second, first), date(year, first, second)


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end == _last_day(end.year, end.month) and start <= end


def settled(start_text: str, end_text: str, label: str) -> list[tuple[str, date, date]]:
    """The dates of a period that cannot be read day first without a guess: (text, day first, month first) for
    each. Empty when neither is ambiguous, or the row settles them: read day first, the period fits what its
    label names; or, where the label names no period, read day first it is whole months and read any other way
    it is not."""
    start_ways, end_ways = ambiguous(start_text), ambiguous(end_text)
    if start_ways is None and end_ways is None:
        return []
    starts = list(start_ways) if start_ways else []
    ends = list(end_ways) if end_ways else []
    if not starts or not ends:
        from .cells import parse_date  # the one reading of dates; imported here: cells does not need this module

        try:
            starts = starts or [parse_date(start_text)]
            ends = ends or [parse_date(end_text)]
        except ValueError:
            return []  # the other date is not a date: said by the schema's check
    day_first = (starts[0], ends[0])
    named = label_period(label)
    if named is not None:
        ok = day_first[0] <= day_first[1] and named.fits(*day_first)
    else:
        others = [(s, e) for s in starts for e in ends if (s, e) != day_first]
        ok = _whole_months(*day_first) and not any(_whole_months(s, e) for s, e in others)
    if ok:
        return []
    return [(text, *ways) for text, ways in ((start_text, start_ways), (end_text, end_ways)) if ways is not None]


def settled_day(text: str, label: str) -> tuple[str, date, date] | None:
    """A single date (a milestone's due date, a report's date) that cannot be read day first without a guess: its
    label ("Apr 12") settles it when it names the month the date is in read day first."""
    ways = ambiguous(text)
    if ways is None:
        return None
    named = label_period(label) if label else None
    if named is not None and named.fits(ways[0], ways[0]):
        return None
    return (text, *ways)


def both_readings(text: str, day_first: date, month_first: date) -> tuple[str, str]:
    """(message, fix) for a date that could be read two ways."""
    return (
        f"this date could be {_words(day_first)} (day first) or {_words(month_first)} (month first), and nothing on the row says which",
        f"Write it as YYYY-MM-DD: {day_first.isoformat()} for {_words(day_first)}, or {month_first.isoformat()} for {_words(month_first)}.",
    )


def label_mismatch(label: LabelPeriod, start: date, end: date) -> tuple[str, str]:
    """(message, fix) for a period whose dates are not in what its label names."""
    first, last = label.expected(start)
    return (
        f"the label names {label.words}, but the dates are {_words(start)} to {_words(end)}",
        f"Correct the dates or the label: {label.words} is {first.isoformat()} to {last.isoformat()}.",
    )
