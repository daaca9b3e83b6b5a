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
    today: date = field(default_factory=date.today)
    """The build's date: how old the figures are is said as at this day (set it to test, or to rebuild as of a day)."""
