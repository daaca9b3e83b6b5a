"""Settings read from `extra: care:` in mkdocs.yml, each with a default."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    """Folder holding datapackage.json and the CSV files. The CARE_DATA_DIR environment variable overrides it."""
    small_number_threshold: int = 5
    """Counts of people from 1 up to this number minus one are shown as 'fewer than N'."""
    chart_cache: Path = Path(".cache/charts")
    """Where rendered chart SVGs are kept between builds, keyed by what they show."""

    @classmethod
    def from_config(cls, config) -> "Settings":
        root = Path(config["config_file_path"]).resolve().parent
        extra = (config.get("extra") or {}).get("care") or {}
        data_dir = Path(os.environ.get("CARE_DATA_DIR") or extra.get("data_dir", "data"))
        cache = Path(os.environ.get("CARE_CHART_CACHE") or extra.get("chart_cache", ".cache/charts"))
        threshold = extra.get("small_number_threshold", 5)
        if not isinstance(threshold, int) or threshold < 1:
            from mkdocs.exceptions import ConfigurationError

            raise ConfigurationError(f"mkdocs.yml: extra.care.small_number_threshold must be a whole number of 1 or more (found {threshold!r}).")
        return cls(root / data_dir, threshold, root / cache)
