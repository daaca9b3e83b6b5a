"""Drawn charts kept on disk between builds, named by a hash of their inputs, and the workers that draw
the ones not there yet.

Drawing costs about 20 ms of CPU a chart, and starting vl-convert and Altair in a process about a second,
so a chart's file is named by a hash of its inputs (`key`): a build whose charts are all cached imports
neither. Charts not in the cache yet are drawn in worker processes (one per core) while pages are built,
each worker making the Vega spec from the inputs (`vega`: compiled once a form of chart in each worker);
the build waits for them (`Drawer.finish`) before copying them into the site.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from . import drawing, spec, vega
from .points import Plot

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

KEEP_UNUSED_DAYS = 30
POOL_FROM = 16  # charts to draw before worker processes are worth starting
BATCH = 8  # charts sent to a worker at a time


@functools.cache
def library_versions() -> tuple[str, str]:
    """Another Altair may write another spec, another vl-convert draw one differently: part of the key.
    Read from the installed packages' metadata, without importing them."""
    return version("altair"), version("vl-convert-python")


def key(plot: Plot) -> str:
    """The chart's file name: a hash of everything its picture depends on."""
    inputs = [spec.STYLE_VERSION, *library_versions(), plot.title, spec.axis_title(plot.unit), plot.shape, [list(row) for row in plot.rows]]
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()[:20]


def prune(cache_dir: Path, used: set[str], keep_days: int = KEEP_UNUSED_DAYS) -> int:
    """Remove the cached charts no build has used for `keep_days` days; the number removed.

    Every edit of a figure makes a new chart and leaves the old one in the cache. Charts this build used
    are marked as used now (their time stamp), so a chart is removed only when no build has shown it for
    a month: switching between two data sets (tests, the benchmark) within a month redraws nothing."""
    if not cache_dir.is_dir():
        return 0
    now = time.time()
    removed = 0
    for path in cache_dir.iterdir():
        if path.suffix == ".svg" and path.stem in used:
            os.utime(path, (now, now))
        elif path.suffix in (".svg", ".tmp") and now - path.stat().st_mtime > keep_days * 86400:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def draw(plot: Plot) -> str:
    """The SVG of a plot: its Vega spec (compiled once for its form) drawn and slimmed."""
    return drawing.render_svg(vega.vega(plot))


def _draw(jobs: list[tuple[str, Plot]]) -> int:
    """Draw charts into the cache (run in a worker process, or here for a few)."""
    for target, plot in jobs:
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        tmp.write_text(draw(plot), encoding="utf-8")
        tmp.replace(path)
    return len(jobs)


class Drawer:
    """Charts waiting to be drawn, each once. A few are drawn here; from `pool_from` on, worker processes
    draw them while the build goes on (vl-convert serialises calls within one process)."""

    def __init__(self, workers: int | None = None, pool_from: int = POOL_FROM, batch: int = BATCH):
        self.workers = workers or os.cpu_count() or 1
        self.pool_from, self.batch = pool_from, batch
        self.waiting: list[tuple[str, Plot]] = []
        self.queued: set[str] = set()
        self.futures: list[Future[int]] = []
        self.pool: ProcessPoolExecutor | None = None  # started when there are pool_from charts to draw

    def add(self, target: Path, plot: Plot) -> None:
        if str(target) in self.queued:
            return
        self.queued.add(str(target))
        self.waiting.append((str(target), plot))
        if self.pool is None and len(self.waiting) >= self.pool_from and self.workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the build may hold threads (mkdocs serve) and a large heap.
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        if self.pool is not None and len(self.waiting) >= self.batch:
            self.futures.append(self.pool.submit(_draw, self.waiting))
            self.waiting = []

    def finish(self) -> int:
        """Wait until every queued chart is in the cache; the number drawn. Raises the first drawing error."""
        drawn = 0
        try:
            if self.pool is not None and self.waiting:
                self.futures.append(self.pool.submit(_draw, self.waiting))
            elif self.waiting:
                drawn += _draw(self.waiting)
            for future in self.futures:
                drawn += future.result()
        finally:
            self.close()
        return drawn

    def close(self) -> None:
        """Stop the workers (if any) and forget the queue."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.waiting, self.queued, self.futures, self.pool = [], set(), [], None
