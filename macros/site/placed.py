"""What an editor's macros placed on one page, so the generated parts leave out what is already there.

An editor's area or scheme page gets the generated parts after the editor's words (plugin.on_page_markdown),
and `measures()` shows a section for each measure: neither repeats a chart, a table, a sentence or a status
that a macro on the page already shows, nor a whole part (schemes, money, sources...) a macro placed. The
macros run first (mkdocs-macros comes before `care` in mkdocs.yml), so the record is complete by then.
One record a page, kept on the build's Context (Context.placed_on)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from .html_blocks import part_mark

SeriesKey = tuple[str, str | None, str]  # (area, scheme or None, measure)


class Element(Enum):
    """One part of a measure's section, as the macro of the same name shows it."""

    SENTENCE = "sentence"
    STATUS = "status"
    CHART = "chart"
    TABLE = "table"  # with its notes and its sources, as table() shows them
    CAVEATS = "caveats"  # the report's warnings beside good news, which sentence() shows with its sentence


class Part(Enum):
    """One part of an area's or a scheme's page, placed whole by a macro."""

    SAID = "what_reports_say"  # the reports' own judgements, warnings and good news about the whole area or scheme
    PARTNERS = "partners"
    DECISIONS = "decisions"
    SCHEME_FACTS = "about_scheme"  # who a scheme is for, where and its stage
    WHERE = "where_it_is"
    AT_A_GLANCE = "at_a_glance"
    COMPARES = "how_it_compares"
    MEASURES = "measures"
    SCHEMES = "schemes"
    MONEY = "money"
    MILESTONES = "milestones"
    RISKS = "risks"
    PROBLEMS = "problems_in"
    CHANGES = "changes"
    SOURCES = "sources"


class Placed:
    """The elements of each series and the whole parts that macros placed on one page, and the parts to
    make once every macro on the page has run (see `later`)."""

    def __init__(self) -> None:
        self._elements: dict[SeriesKey, set[Element]] = {}
        self._parts: set[tuple[Part, str, str | None]] = set()
        self._later: list[Callable[[], str]] = []

    def add_elements(self, key: SeriesKey, *elements: Element) -> None:
        self._elements.setdefault(key, set()).update(elements)

    def add_part(self, part: Part, area_id: str, scheme_id: str | None = None) -> None:
        self._parts.add((part, area_id, scheme_id))

    def elements(self, key: SeriesKey) -> frozenset[Element]:
        return frozenset(self._elements.get(key, ()))

    def has(self, part: Part, area_id: str, scheme_id: str | None = None) -> bool:
        return (part, area_id, scheme_id) in self._parts

    def later(self, make: Callable[[], str]) -> str:
        """The mark a macro leaves for a part that leaves out what the macros place, including those further
        down the page: the page's Markdown makes it there, after every macro ran (html_blocks.PageExtras)."""
        self._later.append(make)
        return part_mark(len(self._later) - 1)

    def part(self, number: int) -> str:
        """The markdown of the part left for later with this number."""
        return self._later[number]()
