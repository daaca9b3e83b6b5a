"""The build report: what an editor needs to know after every build, printed and saved beside the site."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from ..analysis.disagreements import unmatched_explanations
from ..data.vocab import CaveatKind, Unit
from ..presentation import wording
from .advice import Advice
from .context import Context
from .fact_check import Mismatch

# How each table's rows are identified when checking that every row reached a page.
_ROW_KEY = {"areas": "id", "schemes": "id", "measures": "id", "sources": "id", "glossary": "term"}


def _shown(folder: Path) -> str:
    """A folder as the report names it: from the folder the build runs in, never a path of the build machine."""
    try:
        return folder.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return folder.name


def unshown(ctx: Context, narrative: list[str] | None = None) -> list[str]:
    """Rows of the data that no page displayed (there should be none), each with why."""
    missing = []
    for name, table in ctx.data.tables.items():
        column = _ROW_KEY.get(name)
        lines = table.lines.tolist()
        keys = table.column(column) if column else lines
        gone = [i for i, (line, key) in enumerate(zip(lines, keys)) if (name, key) not in ctx.shown]
        if not gone:
            continue
        # The columns a row's reason is read from, read only for a table with rows that reached no page.
        about = {c: table.column(c) for c in ("area_id", "scheme_id", "measure_id") if c in table.texts}
        for i in gone:
            cells = {c: values[i] or None for c, values in about.items()}
            missing.append(f"{table.file}, line {lines[i]}: {_why_unshown(ctx, name, cells, narrative or [])}")
    return missing


def _why_unshown(ctx: Context, name: str, cells: dict, narrative: list[str]) -> str:
    """Why a row reached no page, from what it is about: what to do is the editor's to choose."""
    area, scheme, measure = cells.get("area_id"), cells.get("scheme_id"), cells.get("measure_id")
    if name == "sources":
        return "no row of the data cites this report in its source_id column, so no page lists it. Cite it, or remove the row."
    if name == "explanations":
        return "it explains a disagreement the checks do not find (see the explanations listed below)."
    if area and measure and (area, scheme, measure) not in ctx.data.series:
        where = f"the scheme '{scheme}'" if scheme else f"the whole area '{area}'"
        return (
            f"there are no figures for the measure '{measure}' for {where}, so there is no section for that measure "
            f"for it to go in. Add the figures to observations.csv, give the scheme_id of a scheme that has them, "
            f"or leave measure_id empty to say it of the whole {'scheme' if scheme else 'area'}."
        )
    page = ctx.src_uri("scheme", scheme) if scheme else ctx.src_uri("area", area) if area else None
    if page in narrative:
        return f"its page, docs/{page}, is an editor's, and neither its macros nor what the site adds after them show this row. Please report this."
    return "no page of the site has a place for it. Please report this: it is a fault of the site, not of the data."


def public_body_lines(settings) -> list[str]:
    """Whether readers can report a problem, and what the accessibility statement lacks (mkdocs.yml)."""
    lines = []
    if settings.report_problems_to:
        lines.append(f"Report a problem: every page links to {settings.report_problems_to}")
    else:
        lines.append(
            "Report a problem: no address is set, so pages have no link to report a problem. "
            "Set report_problems_to under care in mkdocs.yml (an email address or https://github.com/OWNER/REPO)."
        )
    if not settings.organisation:
        lines.append("Accessibility statement: no organisation is set under care in mkdocs.yml, so it does not say who runs the site.")
    if not settings.contact:
        lines.append("Accessibility statement: no contact is set under care in mkdocs.yml, so it gives no email address for another format.")
    return lines


def said_counts(ctx: Context) -> list[str]:
    """For each report, how many statements of each kind (caveats.csv: warnings, risks, setbacks... and good
    news) the data holds and how many the pages show; a report with warnings and no good news is pointed out,
    since most reports give both."""
    data = ctx.data
    lines = [f"What the reports say in words (caveats.csv), by report and kind, in the data and on the pages: {len(data.caveats)}"]
    for source in sorted(data.sources.values(), key=lambda s: (s.date, s.title)):
        said = [c for c in data.caveats if c.source_id == source.id]
        if not said:
            continue
        counts = []
        for kind in CaveatKind:
            rows = [c for c in said if c.kind == kind]
            if rows:
                shown = sum(1 for c in rows if ("caveats", c.line) in ctx.shown)
                counts.append(f"{kind.value} {len(rows)} in the data, {shown} on the pages")
        check = "" if any(c.kind.good_news for c in said) else " (warnings but no good news: check the report for its progress and praise)"
        lines.append(f"  - {source.title}, {wording.report_date(source)}: {'; '.join(counts)}{check}")
    return lines


def build_report(
    ctx: Context,
    pages_made: int,
    narrative: list[str],
    charts_line: str,
    advice: list[Advice] | None = None,
    mismatches: list[Mismatch] | None = None,
    since: list[str] | None = None,
) -> str:
    data = ctx.data
    lines = [f"Build report, {datetime.now():%d %B %Y %H:%M}", f"Data folder: {_shown(ctx.settings.data_dir)}"]
    if data.package.get("synthetic") is True:
        lines.append('Made-up figures: datapackage.json says "synthetic": true, so every page says its figures are made up')
    lines.append(f"Pages made from the data: {pages_made}")
    lines.append("Pages written by editors that replace generated prose: " + (", ".join(f"docs/{n}" for n in narrative) or "none"))
    lines.append(
        "Rows read: " + ", ".join(f"{table.file.split('/')[-1]} {count}" for table, count in ((data.tables[n], c) for n, c in data.rows_read.items()))
    )
    lines += since or []  # rows added and removed since the last commit (since_commit.py)
    lines.append(f"Disagreements found in the source reports: {len(ctx.disagreements)}")
    for nature, (heading, _) in wording.NATURES.items():  # in groups, as the pages show them
        for item in (d for d in ctx.disagreements if d.nature == nature):
            lines.append(
                f"  - {data.areas[item.area_id].name}: {wording.disagreement(item, data)} [{data.sources[item.source_id].title}, {item.where}]"
                f" ({heading.lower()}; check {item.check.value})"
            )
            if item.explanation:
                lines.append(f"      {wording.explanation(item.explanation)}")
    hidden = [o for o in data.observations if o.suppressed]
    lines.append(f"Figures hidden by the small-number rule (fewer than {data.small_number_threshold}): {len(hidden)}")
    for obs in hidden[:20]:
        lines.append(f"  - observations.csv line {obs.line}: {data.areas[obs.area_id].name}, {data.measures[obs.measure_id].name}")
    if len(hidden) > 20:
        lines.append(f"  - and {len(hidden) - 20} more")
    reasons = Counter(o.missing for o in data.observations if o.value is None and o.missing)
    lines.append(
        "Figures not given, by what the cell says: "
        + (", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0]))) or "none")
    )
    flagged = [m for m in data.measures.values() if m.counts_people and m.unit != Unit.COUNT]
    if flagged:
        lines.append(f"Measures marked as counting people that are not counts (their figures are never hidden; check counts_people): {len(flagged)}")
        lines += [f"  - measures.csv: {m.id} is in {wording.UNIT_WORDS[m.unit].table}" for m in flagged]
    lines += said_counts(ctx)
    lines.append(charts_line)
    lines += public_body_lines(ctx.settings)
    history = ctx.history_status()
    if history.available:
        counts = history.counts()
        lines.append(
            f"History of the figures: {wording.plural(len(history.commits), 'commit')} changed a figure: "
            f"{wording.plural(counts['new'], 'new figure')}, {wording.plural(counts['correction'], 'correction')}, "
            f"{wording.plural(counts['revision'], 'revision')}, {counts['removed']:,} removed"
        )
    else:
        lines.append(f"History of the figures: not read ({history.why}). Pages and the Updates page say they cannot say what changed.")
    missing = unshown(ctx, narrative)
    lines.append(f"Rows that did not reach a page: {len(missing) or 'none'}")
    lines += [f"  - {m}" for m in missing[:50]]
    unmatched = unmatched_explanations(ctx.disagreements, data.explanations)
    if unmatched:
        lines.append(f"Explanations in explanations.csv that match no disagreement found (corrected figures, or a wrong id): {len(unmatched)}")
        lines += [f"  - explanations.csv line {e.line}: {e.area_id}, {e.scheme_id or '-'}, {e.measure_id or '-'}, {e.check}" for e in unmatched]
    mismatches = mismatches or []
    lines.append(f"Numbers typed into editors' pages that the data contradicts: {len(mismatches) or 'none'}")
    lines += [f"  - {m}" for m in mismatches]
    advice = advice or []
    lines.append(f"Advice on editors' pages (not errors): {len(advice) or 'none'}")
    lines += [f"  - {a}" for a in advice]
    return "\n".join(lines) + "\n"
