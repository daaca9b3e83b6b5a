"""A second process that makes the data's one-page units ahead of mkdocs, in a one-off build.

mkdocs works on one core: it reads each page, converts it to HTML and renders it in turn. Making a page from
the data (tables, chart descriptions, the chart's data file) is a third of a national build's time. So in a
one-off build with many pages, a process forked from this one (it has the data set already, shared with this
process until either writes to it) makes the lazy units in the order mkdocs reads them and sends each page's
markdown down a pipe, while mkdocs converts and renders the pages already made. What the second process showed
and drew, and the chart data files it wrote, are merged into the build's totals at the end (`finish`).

Only where `fork` is the way new processes start (Linux): the child must begin with the data set this process
read, not read it again. A served build (`mkdocs serve`) never uses it: it makes few pages a build, and keeps a
record of what each read, which only this process can keep.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from collections.abc import Callable

from ...presentation import charts
from ..context import Context
from .units import PageUnit

# This process makes one lazy unit in SHARE itself (the first, and every SHARE-th after it), the second process
# the rest: measured on the national set, making a page takes about twice as long as mkdocs' conversion of it.
SHARE = 4


def possible() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class AheadMaker:
    """The second process, and the pages it has sent that mkdocs has not read yet."""

    def __init__(self, ctx: Context, units: list[PageUnit]) -> None:
        receiving, sending = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(target=_make_all, args=(ctx, units, sending))
        # Not a daemon: a daemon may not start the processes that draw charts in a cold build. If this process
        # stops early the pipe breaks, and the second process stops at its next page.
        self._process.start()
        sending.close()  # this process only receives: the pipe ends when the child closes its end
        self._pipe = receiving
        self._units = {unit.address for unit in units}
        self._sent: dict[str, str] = {}
        self._taken: set[str] = set()
        self._totals: tuple | None = None

    def makes(self, address: str) -> bool:
        return address in self._units

    def page(self, uri: str, again: Callable[[], str]) -> str:
        """The markdown of the page at `uri`, as the second process made it. Each is sent once and then
        forgotten here (a national site's markdown is not all held at once); a page read a second time is made
        again in this process (`again`)."""
        if uri in self._taken:
            return again()
        while uri not in self._sent and self._totals is None:
            self._receive()
        self._taken.add(uri)
        if uri not in self._sent:
            raise RuntimeError(f"the second process made no page {uri}")
        return self._sent.pop(uri)

    def finish(self, ctx: Context) -> int:
        """Wait for the second process to end, and add what its pages showed, drew and wrote to the build's
        totals. The number of charts it drew."""
        while self._totals is None:
            self._receive()
        self._process.join()
        shown, charts, written, drawn = self._totals
        ctx.shown |= shown
        ctx.charts_used |= charts
        ctx.chart_files.written |= written
        return drawn

    def _receive(self) -> None:
        try:
            message = self._pipe.recv()
        except EOFError:
            raise RuntimeError(f"the second process making pages stopped (exit code {self._process.exitcode})") from None
        kind = message[0]
        if kind == "page":
            self._sent[message[1]] = message[2]
        elif kind == "done":
            self._totals = message[1:]
        else:  # "error": what went wrong making a page there, raised here as it would have been
            error, told = message[1], message[2]
            if isinstance(error, BaseException):
                raise error
            raise RuntimeError(f"making a page in the second process failed:\n{told}")


def _make_all(ctx: Context, units: list[PageUnit], pipe) -> None:
    """In the second process: make each unit, in order, and send its pages; then draw the charts they asked for
    that are not cached yet (a cold build), and send what the pages showed, drew and wrote."""
    ctx.charts = charts.ChartMaker(ctx.settings.chart_cache, ctx.settings.small_number_threshold)  # its own drawer
    try:
        for unit in units:
            for uri, markdown in unit.make().items():
                pipe.send(("page", uri, markdown))
        drawn = ctx.finish_charts()
        pipe.send(("done", ctx.shown, ctx.charts_used, ctx.chart_files.written, drawn))
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
