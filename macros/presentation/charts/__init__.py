"""Charts of plan against actual over time, drawn to SVG at build time and cached between builds.

One job a module: `points` (which figures are plotted: the chart's inputs), `description` (the chart
in words), `spec` (the chart as an Altair chart), `vega` (its Vega spec: compiled once a form of chart,
the title and figures filled in), `drawing` (vl-convert: Vega-Lite to Vega, Vega to SVG, slimmed) and
`cache` (files named by a hash of the inputs, pruning, the worker processes that draw).

A build makes one `ChartMaker`, asks it for each series' chart while pages are built (charts not in the
cache yet are drawn in the background), calls `finish()` before copying the SVG files into the site,
and `prune()` after.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...data.model import Measure, Observation
from . import cache
from .cache import KEEP_UNUSED_DAYS
from .description import describe
from .points import Plot, plot, plotted, visible

__all__ = ["KEEP_UNUSED_DAYS", "MIN_FIGURES", "Chart", "ChartMaker"]

# A chart compares figures: with fewer than this many shown (all in the measure's unit, so on one scale)
# there is nothing to compare, and the sentence and the table say it better.
MIN_FIGURES = 2


@dataclass(frozen=True)
class Chart:
    key: str  # a hash of the chart's inputs: the file is charts/<key>.svg
    title: str
    description: str


class ChartMaker:
    """The charts of one build: each series' chart worked out once, the ones not in `cache_dir` drawn."""

    def __init__(self, cache_dir: Path, threshold: int, *, workers: int | None = None, pool_from: int = cache.POOL_FROM):
        self.cache_dir = Path(cache_dir)
        self.threshold = threshold
        self._drawer = cache.Drawer(workers, pool_from)

    def chart(self, series: list[Observation], measure: Measure) -> Chart | None:
        """The chart of a series; None if there is nothing to compare: fewer than two figures shown (a single
        figure is a sentence and a table, not a chart). One not in the cache yet is queued
        and drawn in the background (once, however often it is asked for): call `finish()` before
        reading the SVG files. Working out the key costs about 50 µs, so nothing is memoised here."""
        points = plotted(series)
        if sum(1 for o in points if visible(o)) < MIN_FIGURES:
            return None
        inputs = plot(points, measure)
        name = cache.key(inputs)
        target = self.cache_dir / f"{name}.svg"
        if not target.exists():
            self._drawer.add(target, inputs)
        return Chart(name, inputs.title, describe(points, measure, self.threshold))

    def finish(self) -> int:
        """Wait until every queued chart is in the cache; the number drawn. Raises the first drawing error."""
        return self._drawer.finish()

    def hand_over(self) -> list[tuple[str, Plot]]:
        """The charts queued and not drawn yet, taken from this maker: a second process of the build hands them to
        the first, which draws them (engine/ahead.py). Only for a maker with one worker, which starts no pool."""
        assert self._drawer.pool is None, "a maker that hands its charts over must not draw them"
        jobs, self._drawer.waiting = self._drawer.waiting, []
        return jobs

    def take(self, jobs: list[tuple[str, Plot]]) -> None:
        """Draw charts another process of the build queued (hand_over), with this maker's own."""
        for target, inputs in jobs:
            self._drawer.add(Path(target), inputs)

    def prune(self, used: set[str], keep_days: int = KEEP_UNUSED_DAYS) -> int:
        """Remove the cached charts no build has used for `keep_days` days (see `cache.prune`)."""
        return cache.prune(self.cache_dir, used, keep_days)

    def close(self) -> None:
        """Stop any worker processes without waiting for the charts (a build that failed)."""
        self._drawer.close()
