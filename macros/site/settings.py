"""The build's settings as plain values, made by the plugin from its validated mkdocs.yml options."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    """Folder holding datapackage.json and the CSV files."""
    small_number_threshold: int = 5
    """Counts of people from 1 up to this number minus one are shown as 'fewer than N'."""
    chart_cache: Path = Path(".cache/charts")
    """Where rendered chart SVGs are kept between builds, keyed by what they show."""
    history_cache: Path | None = None
    """Where what each commit of the data changed is kept between builds (data/history.py); None: not kept."""
    today: date = field(default_factory=date.today)
    """The build's date: how old the figures are is said as at this day (set it to test, or to rebuild as of a day)."""
    areas_per_page: int = 30
    """A measure's figures, area by area, are split into pages of at most this many areas; with more areas
    than this, the home page sums up how they are going instead of naming each area's measures."""
    names_per_index_page: int = 200
    """The lists of areas, schemes and measures are split into pages of at most this many names."""
    report_problems_to: str = ""
    """Where "Report a problem with this page" goes: an email address, or a GitHub repository's address
    (https://github.com/OWNER/REPO) to open a new issue in; empty: no link, and the build report says so."""
    organisation: str = ""
    """The public body that publishes the site, as the accessibility statement names it."""
    contact: str = ""
    """An email address for the accessibility statement (another format, an accessibility problem)."""
    second_process_from: int = 0
    """A one-off build with this many area and scheme pages or more makes them in a second process, ahead of
    mkdocs (engine/ahead.py); 0: never."""
    site_name: str = ""
    """The site's name (mkdocs.yml's site_name)."""
    project_dir: Path | None = None
    """The folder mkdocs.yml is in: the accessibility statement reads the checkers' versions from package.json there."""
