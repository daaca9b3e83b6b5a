"""A second process that makes the data's one-page units ahead of mkdocs, in a one-off build.

mkdocs works on one core: it reads each page, converts it to HTML and renders it in turn. Making a page from
the data (tables, chart descriptions, the chart's data file) is a third of a national build's time. So in a
one-off build with many pages, a process forked from this one (it has the data set already, shared with this
process until either writes to it) makes the lazy units in the order mkdocs reads them and sends each page's
markdown down a pipe, while mkdocs converts and renders the pages already made. The two share the work as it
comes: each unit is claimed once, in a table both processes see, by whichever gets to it first. The second
process goes from the first unit on, skipping those this process claimed. mkdocs claims the page it is about to
read when the second process has not got to it yet (and makes it here); while it waits for one the second
process is making, this process makes the last unit nobody has claimed, and keeps it until mkdocs reads it. So
neither waits for the other for long, whatever the pages cost on the machine at hand. A thread here reads the
pipe as pages come, so the second process never waits for mkdocs to read one. Then it writes the downloads
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
import pickle
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..context import Context
from ..downloads import write_downloads
from .units import PageUnit

# Who claimed a unit, in the table both processes see.
FREE, HERE, THERE = 0, 1, 2


def possible() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class AheadMaker:
    """The second process, and the pages it has sent that mkdocs has not read yet."""

    def __init__(self, ctx: Context, units: list[PageUnit], site: Path, make_here: Callable[[PageUnit], str]) -> None:
        fork = multiprocessing.get_context("fork")
        receiving, sending = fork.Pipe(duplex=False)
        self._ctx = ctx
        self._claims = fork.Array("b", len(units))  # shared memory, with a lock: FREE, HERE or THERE, a unit
        self._process = fork.Process(target=_make_all, args=(ctx, units, site, sending, self._claims), daemon=True)
        self._process.start()
        sending.close()  # this process only receives: the pipe ends when the child closes its end
        self._pipe = receiving
        self._list = units
        self._units = {unit.address: i for i, unit in enumerate(units)}
        self._make_here = make_here
        self._last = len(units) - 1  # the next unit from the end to make here while mkdocs waits (_make_one_later)
        self._kept: dict[str, str] = {}  # made here ahead of mkdocs, until it reads them
        self._taken: set[str] = set()
        # Filled by a thread that reads the pipe as pages come, so that the second process never waits for mkdocs
        # to read one (a pipe holds a page or two): the pages sent, each with the charts it needs drawn, and how
        # the second process ended.
        self._arrived = threading.Condition()
        self._sent: dict[str, tuple[str, list]] = {}
        self._totals: tuple | None = None
        self._failure: BaseException | None = None
        self._ended = False
        self._listener = threading.Thread(target=self._listen, name="second-process-pages", daemon=True)
        self._listener.start()

    def __len__(self) -> int:
        return len(self._units)

    def makes(self, address: str) -> bool:
        return address in self._units

    def page(self, uri: str, again: Callable[[], str]) -> str:
        """The markdown of the page at `uri`: made here (`again`) when the second process has not claimed it yet,
        or read a second time; else as the second process made it. While the second process makes it, this
        process makes the last page nobody has claimed, for later. Each page is forgotten here once read (a
        national site's markdown is not all held at once)."""
        if uri in self._taken:
            return again()
        self._taken.add(uri)
        if uri in self._kept:
            return self._kept.pop(uri)
        if self._claim(self._units[uri]):
            return again()
        while True:
            with self._arrived:
                found = self._sent.pop(uri, None)
                if found is None:
                    self._raise_if_ended(uri)
            if found is not None:
                break
            if not self._make_one_later():
                with self._arrived:
                    self._arrived.wait_for(lambda: uri in self._sent or self._ended)
        markdown, charts = found
        self._ctx.charts.take(charts)  # drawn by this process's workers, with its own pages' charts
        return markdown

    def finish(self, ctx: Context) -> int:
        """Wait for the second process to end (its pages made, the downloads written), and add what its pages
        showed, drew and wrote to the build's totals. The number of pages it made."""
        with self._arrived:
            self._arrived.wait_for(lambda: self._ended)
        self._listener.join()
        self._process.join()
        if self._failure is not None:
            raise self._failure
        assert self._totals is not None
        shown, charts, written, made = self._totals
        ctx.shown |= shown
        ctx.charts_used |= charts
        ctx.chart_files.written |= written
        for _markdown, jobs in self._sent.values():  # pages mkdocs never read: their charts are in the totals, so drawn
            ctx.charts.take(jobs)
        return made

    def stop(self) -> None:
        """The build stopped: end the second process now (it starts no process of its own, so nothing is left)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._listener.join(timeout=5)  # the pipe's end closed with the process: the thread reads no more
        self._pipe.close()

    def _claim(self, i: int) -> bool:
        """Claim unit i for this process: False when the second process has claimed it."""
        with self._claims.get_lock():
            if self._claims[i] != FREE:
                return False
            self._claims[i] = HERE
            return True

    def _make_one_later(self) -> bool:
        """Make here the last page nobody has claimed, kept until mkdocs reads it; False when there is none."""
        while self._last >= 0:
            unit, self._last = self._list[self._last], self._last - 1
            if self._claim(self._units[unit.address]):
                self._kept[unit.address] = self._make_here(unit)
                return True
        return False

    def _raise_if_ended(self, uri: str) -> None:
        if self._failure is not None:
            raise self._failure
        if self._ended:
            raise RuntimeError(f"the second process made no page {uri}")

    def _listen(self) -> None:
        """In a thread: each message of the second process, as it comes, until its last."""
        while True:
            try:
                message = self._pipe.recv()
            except (EOFError, OSError):
                message = ("stopped",)
            except Exception as unreadable:  # a message that cannot be read: the build must stop, not wait for ever
                message = ("error", None, f"a message from it could not be read: {type(unreadable).__name__}: {unreadable}")
            kind = message[0]
            with self._arrived:
                if kind == "page":
                    self._sent[message[1]] = (message[2], message[3])
                elif kind == "done":
                    self._totals = message[1:]
                elif kind == "error":  # what went wrong making a page there, raised here as it would have been
                    error, told = message[1], message[2]
                    self._failure = (
                        error if isinstance(error, BaseException) else RuntimeError(f"making a page in the second process failed:\n{told}")
                    )
                else:
                    self._failure = RuntimeError(f"the second process making pages stopped (exit code {self._process.exitcode})")
                self._ended = kind != "page"
                self._arrived.notify_all()
            if self._ended:
                return


def _make_all(ctx: Context, units: list[PageUnit], site: Path, pipe, claims) -> None:
    """In the second process: make each unit mkdocs has not claimed, in order, and send its pages with the charts
    they need drawn; then write the downloads, all but the chart data files (the first process writes those no page wrote, once it
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
        pipe.send(("error", sendable(error), traceback.format_exc()))
    finally:
        pipe.close()


def sendable(error: BaseException) -> BaseException | None:
    """The error as the first process can receive it: itself when it comes back whole from a pickle; an editor's
    mistake (a PluginError such as PageProblem, whose own arguments a pickle does not keep) as a plain PluginError
    with the same message, which mkdocs shows without a traceback; else None (the traceback is sent instead)."""
    try:
        again = pickle.loads(pickle.dumps(error))
        if type(again) is type(error) and str(again) == str(error):
            return error
    except Exception:
        pass
    if isinstance(error, PluginError):
        return PluginError(str(error))
    return None
