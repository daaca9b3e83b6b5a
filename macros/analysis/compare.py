"""How an area's latest figure for a measure stands among the other areas that report it (issue 22, item 3), as a
fact pages put in words: its place among all the areas reporting it, and among its similar areas (a comparison
group such as CIPFA nearest neighbours) where the data lists them.

Areas are compared only when it is fair to: the same measure (one id, one definition), and at least MIN_AREAS areas
whose latest figures are for periods of the same length (an area's month with other areas' months; the areas whose
latest figure is for a year are compared among themselves). Otherwise the answer is "Not compared", with the reason. A
place in the order ("lower than 110 of 150 areas") is a fact, not a claim that a difference matters: only where
a figure comes with the count and the population it is worked out from is it tested, by Fingertips' rule (better
or worse than the benchmark only when the 95% confidence interval leaves the benchmark out, else similar).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

MIN_AREAS = 5  # fewer areas than this are not compared
Z95 = 1.959963984540054


@dataclass(frozen=True)
class Figure:
    """One area's latest figure for the measure, for the whole area."""

    area_id: str
    value: float
    start: date
    end: date
    count: float | None = None  # what the figure is worked out from, where the data gives it
    population: float | None = None


@dataclass(frozen=True)
class Standing:
    """Where an area stands among `of` areas (itself included), or why it is not compared (`reason`)."""

    compared: bool
    reason: str = ""
    of: int = 0
    higher: int = 0  # other areas with a higher figure
    lower: int = 0  # other areas with a lower figure
    fifth: str = ""  # "lowest", "second lowest", "middle", "second highest", "highest"
    better_side: str = ""  # "lower" or "higher" when the measure says which is better; "" when neither
    months: int = 0  # how long the compared figures' periods are, in months
    left_out: int = 0  # areas reporting the measure whose latest figures are for periods of another length


FIFTHS = ("lowest", "second lowest", "middle", "second highest", "highest")


def _months(start: date, end: date) -> int:
    """How many whole months a period spans (a month, a quarter, a year), counted from its dates."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def months_words(months: int) -> str:
    """A period's length in words: "a month", "3 months"."""
    return "a month" if months == 1 else f"{months} months"


def standing(area_id: str, figures: list[Figure], better: str, *, min_areas: int = MIN_AREAS) -> Standing:
    """Where `area_id`'s figure stands among `figures` (one for each area reporting the measure, itself included).
    `better` is the measure's direction: "lower", "higher" or "neither"."""
    mine = next((f for f in figures if f.area_id == area_id), None)
    if mine is None:
        return Standing(False, "this area has no figure for the whole area to compare")
    if len(figures) < min_areas:
        n = len(figures)
        return Standing(
            False, f"only {n} area{'' if n == 1 else 's'} report{'s' if n == 1 else ''} this measure; we compare only when {min_areas} or more do"
        )
    months = _months(mine.start, mine.end)
    alike = _alike(mine, figures)
    if len(alike) < min_areas:
        return Standing(
            False,
            f"their latest figures' periods differ in length, and only {len(alike)} {'is' if len(alike) == 1 else 'are'} "
            f"for {months_words(months)}, as this area's is; we compare only when {min_areas} or more are",
        )
    others = [f.value for f in alike if f.area_id != area_id]
    higher = sum(1 for v in others if v > mine.value)
    lower = sum(1 for v in others if v < mine.value)
    # Its fifth, by the share of the other areas below it (ties count half), lowest first.
    share = (lower + 0.5 * (len(others) - higher - lower)) / len(others)
    fifth = FIFTHS[min(4, int(share * 5))]
    return Standing(
        True,
        of=len(alike),
        higher=higher,
        lower=lower,
        fifth=fifth,
        better_side=better if better in ("lower", "higher") else "",
        months=months,
        left_out=len(figures) - len(alike),
    )


def _alike(mine: Figure, figures: list[Figure]) -> list[Figure]:
    """The figures compared with `mine`: those for periods as long as its own (itself included)."""
    months = _months(mine.start, mine.end)
    return [f for f in figures if _months(f.start, f.end) == months]


# Fingertips' rule: a confidence interval, and the benchmark inside it or not ------------------------------------------

# The measures' units a count and a population can test: what one figure is per `per` people, and whether it is a
# proportion (a share of the population, Wilson's interval) or a rate of events (a Poisson count, Byar's).
TESTABLE = {"percent": (100.0, True), "rate_per_100k": (100_000.0, False)}


@dataclass(frozen=True)
class Tested:
    """An area's figure tested against all the compared areas together (Fingertips' rule)."""

    benchmark: float  # the compared areas' counts over their populations, in the measure's unit
    low: float  # the area's 95% confidence interval, in the measure's unit
    high: float
    verdict: str  # "better", "similar", "worse"; or "higher", "similar", "lower" when neither is better


def tested(area_id: str, figures: list[Figure], better: str, unit: str, *, min_areas: int = MIN_AREAS) -> Tested | None:
    """`area_id`'s figure against all the areas it is compared with (as `standing` picks them) taken together, or
    None: when it is not compared, when the unit is neither a percentage nor a rate per 100,000, or when any of
    those areas' figures lacks its count or its population (a test of some areas only would be a different test)."""
    mine = next((f for f in figures if f.area_id == area_id), None)
    if mine is None or unit not in TESTABLE or not standing(area_id, figures, better, min_areas=min_areas).compared:
        return None
    alike = _alike(mine, figures)
    given = [(f.count, f.population) for f in alike if f.count is not None and f.population is not None]
    if len(given) < len(alike) or mine.count is None or mine.population is None:
        return None
    per, proportion = TESTABLE[unit]
    benchmark = sum(c for c, _ in given) / sum(p for _, p in given) * per
    low, high = interval(mine.count, mine.population, per=per, proportion=proportion)
    verdict = against_benchmark(mine.count, mine.population, benchmark, better, per=per, proportion=proportion)
    return Tested(benchmark, low, high, verdict)


def wilson(count: float, total: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion count/total (as Fingertips uses for percentages), as proportions."""
    if total <= 0:
        raise ValueError("a proportion needs a total above 0")
    p = count / total
    centre = (2 * count + z * z) / (2 * (total + z * z))
    spread = z * math.sqrt(z * z + 4 * count * (1 - p)) / (2 * (total + z * z))
    return max(0.0, centre - spread), min(1.0, centre + spread)


def byar(count: float, z: float = Z95) -> tuple[float, float]:
    """Byar's approximation of the exact Poisson interval of a count (as Fingertips uses for rates)."""
    low = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    high = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return low, high


def against_benchmark(count: float, population: float, benchmark: float, better: str, *, per: float = 100_000, proportion: bool = False) -> str:
    """ "better", "similar", "worse" (or "higher", "similar", "lower" when neither is better) than a benchmark rate
    (per `per` people) or proportion: a difference only when the 95% interval leaves the benchmark out."""
    low, high = interval(count, population, per=per, proportion=proportion)
    if low <= benchmark <= high:
        return "similar"
    side = "higher" if low > benchmark else "lower"
    if better not in ("lower", "higher"):
        return side
    return "better" if side == better else "worse"


def interval(count: float, population: float, *, per: float = 100_000, proportion: bool = False) -> tuple[float, float]:
    """The 95% confidence interval of count/population per `per`: Wilson's for a proportion, Byar's for a rate."""
    if proportion:
        low, high = wilson(count, population)
        return low * per, high * per
    low, high = byar(count)
    return low / population * per, high / population * per
