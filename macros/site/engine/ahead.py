"""A second process that makes the data's one-page units ahead of mkdocs, in a one-off build.

mkdocs works on one core: it reads each page, converts it to HTML and renders it in turn. Making a page from
the data (tables, chart descriptions, the chart's data file) is a third of a national build's time. So in a
one-off build with many pages, a process forked from this one (it has the data set already, shared with this
process until either writes to it) makes the lazy units in the order mkdocs reads them and sends each page's
markdown down a pipe, while mkdocs converts and renders the pages already made. The two share the work as it
comes: each unit is claimed once, in a table both processes see, by whichever gets to it first. mkdocs claims
the page it is about to read when the second process has not got to it yet (and makes it here), and waits for
one the second process has claimed; the second process skips the units mkdocs claimed. Neither waits for the
other for long, whatever the pages cost on the machine at hand. Then it writes the downloads
(the tables, the zip, each measure's files). What its pages showed and drew, and the chart data files they
wrote, are merged into the build's totals at the end (`finish`).

The second process starts no process of its own, so stopping it stops all it does: a chart its pages need and
the cache lacks is not drawn there but sent with the page, and this process's workers draw it. It is a daemon,
ended when this process ends, and `stop` ends it at once when the build stops (a mistake on an editor's page,
Ctrl-C): nothing of it outlives the build, holds the terminal's output open, or writes into the site after.

Only where `fork` is the way new processes start (Linux): the child must begin with the data set this process
read, not read it again. A served build (`mkdocs serve`) never uses it: it makes few pages a build, and keeps a
record of what each read, which only this process can keep.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from ..context import Context
from ..downloads import write_downloads
from .units import PageUnit

# Who claimed a unit, in the table both processes see.
FREE, HERE, THERE = 0, 1, 2


def possible() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class AheadMaker:
    """The second process, and the pages it has sent that mkdocs has not read yet."""

    def __init__(self, ctx: Context, units: list[PageUnit], site: Path) -> None:
        fork = multiprocessing.get_context("fork")
        receiving, sending = fork.Pipe(duplex=False)
        self._ctx = ctx
        self._claims = fork.Array("b", len(units))  # shared memory, with a lock: FREE, HERE or THERE, a unit
        self._process = fork.Process(target=_make_all, args=(ctx, units, site, sending, self._claims), daemon=True)
        self._process.start()
        sending.close()  # this process only receives: the pipe ends when the child closes its end
        self._pipe = receiving
        self._units = {unit.address: i for i, unit in enumerate(units)}
        self._sent: dict[str, str] = {}
        self._taken: set[str] = set()
        self._totals: tuple | None = None

    def __len__(self) -> int:
        return len(self._units)

    def makes(self, address: str) -> bool:
        return address in self._units

    def page(self, uri: str, again: Callable[[], str]) -> str:
        """The markdown of the page at `uri`: made here (`again`) when the second process has not claimed it yet,
        or read a second time; else as the second process made it. Each page sent is forgotten here once read (a
        national site's markdown is not all held at once)."""
        if uri in self._taken:
            return again()
        self._taken.add(uri)
        with self._claims.get_lock():
            here = self._claims[self._units[uri]] == FREE
            if here:
                self._claims[self._units[uri]] = HERE
        if here:
            return again()
        while uri not in self._sent and self._totals is None:
            self._receive()
        if uri not in self._sent:
            raise RuntimeError(f"the second process made no page {uri}")
        return self._sent.pop(uri)

    def finish(self, ctx: Context) -> int:
        """Wait for the second process to end (its pages made, the downloads written), and add what its pages
        showed, drew and wrote to the build's totals. The number of pages it made."""
        while self._totals is None:
            self._receive()
        self._process.join()
        shown, charts, written, made = self._totals
        ctx.shown |= shown
        ctx.charts_used |= charts
        ctx.chart_files.written |= written
        return made

    def stop(self) -> None:
        """The build stopped: end the second process now (it starts no process of its own, so nothing is left)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._pipe.close()

    def _receive(self) -> None:
        try:
            message = self._pipe.recv()
        except EOFError:
            raise RuntimeError(f"the second process making pages stopped (exit code {self._process.exitcode})") from None
        kind = message[0]
        if kind == "page":
            _, uri, markdown, charts = message
            self._ctx.charts.take(charts)  # drawn by this process's workers, with its own pages' charts
            self._sent[uri] = markdown
        elif kind == "done":
            self._totals = message[1:]
        else:  # "error": what went wrong making a page there, raised here as it would have been
            error, told = message[1], message[2]
            if isinstance(error, BaseException):
                raise error
            raise RuntimeError(f"making a page in the second process failed:\n{told}")


def _make_all(ctx: Context, units: list[PageUnit], site: Path, pipe, claims) -> None:
    """In the second process: make each unit mkdocs has not claimed, in order, and send its pages with the charts
    they need drawn; then
    write the downloads, all but the chart data files (the first process writes those no page wrote, once it
    knows which both processes' pages wrote), and send what the pages showed, drew and wrote."""
    from ...presentation import charts

    ctx.charts = charts.ChartMaker(ctx.settings.chart_cache, ctx.settings.small_number_threshold, workers=1)  # draws nothing: hand_over
    try:
        made = 0
        for i, unit in enumerate(units):
            with claims.get_lock():
                if claims[i] != FREE:
                    continue
                claims[i] = THERE
            for uri, markdown in unit.make().items():
                pipe.send(("page", uri, markdown, ctx.charts.hand_over()))
                made += 1
        write_downloads(ctx, site, chart_data=False)
        pipe.send(("done", ctx.shown, ctx.charts_used, ctx.chart_files.written, made))
    except BrokenPipeError:
        pass  # the build stopped: nobody is waiting for the pages
    except BaseException as error:  # whatever it is, the build must hear of it, not wait for ever
        told = traceback.format_exc()
        try:
            pipe.send(("error", error, told))
        except Exception:  # an error that cannot be sent as it is: its traceback
            pipe.send(("error", None, told))
    finally:
        pipe.close()
