"""Long lists split into pages, so that no page grows with the number of areas.

A measure's figures area by area, and the lists of areas, schemes and measures, fit on one page on a
small site. Past a length set in mkdocs.yml (`areas_per_page`, `names_per_index_page`), the page keeps
what sums the list up, and the list goes into parts of about equal length, in order of name, each a page
of its own at `<section>/<id>/<n>/` (`measures/emergency-admissions/2/`, `areas/index/2/`). Those
addresses cannot be an area's, a scheme's or a measure's: ids have no `/`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..analysis.status import ALL, Headline
from ..presentation import wording
from .context import Context

T = TypeVar("T")


@dataclass(frozen=True)
class ListPart(Generic[T]):
    """One page of a long list: its items, its place, its address and its name ("Aldshire to Brockley")."""

    items: list[T]
    number: int
    of: int
    uri: str
    first: str
    last: str

    @property
    def name(self) -> str:
        return self.first if self.first == self.last else f"{self.first} to {self.last}"

    @property
    def which(self) -> str:
        """The part's items inside a sentence: "the areas from Aldshire to Brockley", or "Aldshire" alone."""
        return self.first if self.first == self.last else f"the areas from {self.first} to {self.last}"


def split(items: Sequence[T], per_page: int) -> list[list[T]]:
    """The items in order, in as few parts of at most per_page as will do, of about equal length (150 in
    parts of 30 at most: 30 each; 31: 16 and 15, not 30 and 1)."""
    count = -(-len(items) // per_page) if items else 1
    size, extra = divmod(len(items), count)
    parts, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        parts.append(list(items[start:end]))
        start = end
    return parts


def part_uri(ctx: Context, kind: str, ident: str, number: int) -> str:
    """Where part `number` of a page's list is: `measures/<id>/<n>.md`, or `areas/index/<n>.md` for an index."""
    return f"{ctx.src_uri(kind, ident)[:-3]}/{number}.md"


def parts_of(ctx: Context, kind: str, ident: str, items: Sequence[T], per_page: int, name) -> list[ListPart[T]]:
    """The list in parts; `name(item)` is what an item is listed by. One part means it all fits on its page."""
    chunks = split(items, per_page)
    return [
        ListPart(chunk, n, len(chunks), part_uri(ctx, kind, ident, n), name(chunk[0]) if chunk else "", name(chunk[-1]) if chunk else "")
        for n, chunk in enumerate(chunks, start=1)
    ]


def status_counts(tops: list[Headline], word: str) -> list[tuple]:
    """(status, "62 areas") for each status some headline has, in the order statuses are always listed."""
    counts = Counter(top.status for top in tops)
    return [(s, wording.plural(counts[s], word)) for s in ALL if counts[s]]


LISTED_PERIODS = 3  # more different periods than this are said as a range


def periods_words(tops: list[Headline]) -> str:
    """Which periods the latest figures are for, said plainly, and with their lengths when those differ, so
    that figures for a month and for a year are never set side by side without saying so."""
    by_period = Counter(top.period for top in tops)
    if not by_period:
        return ""
    name = wording.period_namer(by_period)
    if len(by_period) == 1:
        return f"Each is for {name(next(iter(by_period)))}."
    lengths = "" if wording.same_length(by_period) else " of different lengths"
    if len(by_period) <= LISTED_PERIODS:
        listed = [f"{name(p)} in {wording.plural(n, 'area')}" for p, n in sorted(by_period.items(), key=lambda pn: (-pn[1], pn[0].end, pn[0].start))]
        return f"They are for periods{lengths}: " + ", ".join(listed[:-1]) + f" and {listed[-1]}."
    ends = sorted(p.end for p in by_period)
    return f"They are for {len(by_period)} periods{lengths}, ending between {ends[0]:%B %Y} and {ends[-1]:%B %Y}."
