"""What changed and when (issue 23, item 1), from the repository's history (data/history.py, read once a
build): on each area, scheme and measure page, when its figures last changed and each change to them; and the
site-wide Updates page, newest first, as Explore Education Statistics lists a release's updates.

Pages reach the history only through the Context's recorded views (`ctx.history`, `ctx.updates()`), so the
preview makes a page again when a new commit changes what it shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from markupsafe import Markup

from ..data.history import CORRECTION, NEW, REMOVED, REVISION, Before, Change, History, NewFigures, SeriesKey
from ..data.model import Period
from ..data.vocab import FigureKind, TimeStated
from ..presentation import wording
from .context import Context
from .public_body import UPDATES_PAGE
from .templating import render

NATURE_WORDS = {CORRECTION: "Correction", REVISION: "Revision", REMOVED: "Removed", NEW: "New figures"}
ROWS_ON_A_PAGE = 20  # changes listed on an area, scheme or measure page; the rest are on the Updates page
ROWS_ON_UPDATES = 500  # rows of the Updates page's table (a national first publication is one row an area)
NO_REASON = "No reason was given."
NO_HISTORY = "The site could not read the history of its figures when it was built, so it cannot say what changed."


def _period(ctx: Context, change: Change | Before) -> str:
    """The time of a changed figure in the words its own page uses (wording.period): the figure's row now,
    where it is still in the data (under the series or kind a later correction put it under); else its time as
    committed (time_stated, time_words); only a row committed before those columns were kept has nothing but
    its dates. An undated figure's dates are only where it is sorted, so a change log never names them ("2016
    to 2017" for a target the report gives no year for)."""
    try:
        start, end = date.fromisoformat(change.period_start), date.fromisoformat(change.period_end)
    except ValueError:
        return change.period_label or f"{change.period_start} to {change.period_end}"
    key = (change.series, change.period_start, change.period_end, change.kind)
    put_right = ctx.history_status().put_right
    for _ in range(len(put_right)):  # a row later listed under another series or kind is the same figure, same time
        later = put_right.get(key)
        if later is None or later[1:3] != key[1:3]:
            break
        key = later
    for obs in ctx.data.series.get(key[0], []):
        if obs.kind == key[3] and (obs.period.start, obs.period.end) == (start, end):
            return wording.period(obs.period)
    found = Period(start, end, change.period_label)
    if change.time is not None:
        try:
            stated = TimeStated(change.time.stated)
        except ValueError:  # a cell the checks of its day refused: say no more than the report's date
            stated = TimeStated.NONE
        source = ctx.data.sources.get(change.time.source_id)
        found = replace(found, stated=stated, words=change.time.words, report=source)
    return wording.period(found)


def _kind(kind: str) -> str:
    try:
        return wording.KIND_NAMES[FigureKind(kind)].lower()
    except ValueError:
        return kind


def _what(ctx: Context, series: SeriesKey, with_area: bool) -> str:
    """The series a change is in: its measure, and its scheme (and area) where the page is not only about it."""
    data = ctx.data
    area_id, scheme_id, measure_id = series
    measure = data.measures.get(measure_id)
    words = (measure.short_name or measure.name) if measure else measure_id
    if scheme_id:
        scheme = data.schemes.get(scheme_id)
        words += f", {scheme.name if scheme else scheme_id}"
    if with_area:
        area = data.areas.get(area_id)
        words += f", {area.name if area else area_id}"
    return words


def change_words(ctx: Context, change: Change, with_area: bool) -> str:
    what = f"{_what(ctx, change.series, with_area)}, {_period(ctx, change)}, {_kind(change.kind)}"
    old, new = change.old or "no figure", change.new or "no figure"
    if change.nature == REMOVED:
        return f"Removed: {what} (it was {old})."
    if change.before is not None:  # what the figure is for was put right
        b = change.before
        # Only what was put right: the series, the period or the kind it was listed under.
        parts = [
            (b.series != change.series, _what(ctx, b.series, with_area)),
            ((b.period_start, b.period_end) != (change.period_start, change.period_end), _period(ctx, b)),
            (b.kind != change.kind, _kind(b.kind)),
        ]
        was = ", ".join(words for differs, words in parts if differs) or "another row"
        value = f"the figure, {new}, is the same" if old == new or not new else f"was {old}, now {new}"
        return f"{NATURE_WORDS[change.nature]}: {what}, listed before as {was}; {value}."
    return f"{NATURE_WORDS[change.nature]}: {what} was {old}, now {new}."


def _new_words(ctx: Context, found: list[NewFigures], with_area: bool) -> str:
    count = sum(n.count for n in found)
    names = sorted({_what(ctx, n.series, with_area) for n in found})
    shown = "; ".join(names[:3]) + (f"; and {len(names) - 3:,} more" if len(names) > 3 else "")
    return f"{wording.plural(count, 'new figure').capitalize()}: {shown}."


def rows_for(ctx: Context, changes: list[Change], new: list[NewFigures], with_area: bool) -> list[list[str]]:
    """A row for each change, and one for each commit's new figures: date, what changed, the reason. Newest first."""
    by_commit: dict[str, tuple[date, list[Change], list[NewFigures]]] = {}
    for change in changes:
        by_commit.setdefault(change.commit.id, (change.commit.day, [], []))[1].append(change)
    for added in new:
        by_commit.setdefault(added.commit.id, (added.commit.day, [], []))[2].append(added)
    reasons = {c.commit.id: c.commit.reason for c in changes} | {n.commit.id: n.commit.reason for n in new}
    rows = []
    order = sorted(by_commit.items(), key=lambda item: item[1][0], reverse=True)  # stable: commits newest first already
    for ident, (day, found, new_here) in order:
        reason = reasons[ident] or NO_REASON
        for change in found:
            rows.append([wording.day(day), change_words(ctx, change, with_area), reason])
        if new_here:
            rows.append([wording.day(day), _new_words(ctx, new_here, with_area), reason])
    return rows


def changes_section(ctx: Context, here: str, keys: Sequence[SeriesKey], with_area: bool = False) -> Markup:
    """The changes to the figures of these series, newest first, and when they last changed."""
    history = ctx.history_status()
    updates_href = ctx.href(here, ctx.url(UPDATES_PAGE))
    if not history.available:
        return render("changes_section.html", said=NO_HISTORY, rows=[], more=0, updates_href=updates_href)
    found = [h for h in (ctx.history.get(key) for key in keys) if h is not None]
    if not found:
        said = "None of the figures on this page has been committed to the site's history yet." if keys else ""
        return render("changes_section.html", said=said, rows=[], more=0, updates_href=updates_href) if said else Markup("")
    last = max(h.last_changed for h in found if h.last_changed)
    changes = sorted((c for h in found for c in h.changes), key=lambda c: c.commit.day, reverse=True)
    new = sorted((n for h in found for n in h.new), key=lambda n: n.commit.day, reverse=True)
    rows = rows_for(ctx, changes, new, with_area)
    said = f"The figures on this page last changed on {wording.day(last)}."
    corrected = [c for c in changes if c.nature in (CORRECTION, REVISION, REMOVED)]
    if not corrected:
        said += " No figure on it has been corrected or revised since it was published here."
    return render("changes_section.html", said=said, rows=rows[:ROWS_ON_A_PAGE], more=len(rows) - ROWS_ON_A_PAGE, updates_href=updates_href)


def last_changed_words(ctx: Context, keys: Sequence[SeriesKey]) -> str:
    """ "The figures on this page last changed on 6 December 2026." ("" without history)."""
    if not ctx.history_status().available:
        return ""
    days = [h.last_changed for h in (ctx.history.get(key) for key in keys) if h is not None and h.last_changed]
    return f"The figures on this page last changed on {wording.day(max(days))}." if days else ""


def updates_page(ctx: Context) -> dict[str, str]:
    """The site-wide Updates page: every change to a figure, newest first."""
    history: History = ctx.history_status()
    counts = history.counts() if history.available else {}
    rows = rows_for(ctx, history.changes, history.new, with_area=True) if history.available else []
    page = render(
        "updates_page.md",
        title="Updates and corrections",
        description="Every change to the figures on this site, newest first: new figures, corrections and revisions, with the reason for each.",
        available=history.available,
        why=history.why,
        no_history=NO_HISTORY,
        rows=rows[:ROWS_ON_UPDATES],
        more=max(0, len(rows) - ROWS_ON_UPDATES),
        summary=[
            wording.plural(counts.get(NEW, 0), "new figure"),
            wording.plural(counts.get(CORRECTION, 0), "correction"),
            wording.plural(counts.get(REVISION, 0), "revision"),
            f"{wording.plural(counts.get(REMOVED, 0), 'figure')} removed",
        ]
        if history.available
        else [],
        commits=wording.plural(len(history.commits), "update"),
        days=wording.plural(len({c.day for c in history.commits}), "day"),  # the table shows days: several updates can share one
    )
    return {UPDATES_PAGE: str(page)}
