"""A data folder made from the tiny fixture with what finding and placing areas needs: the project's own
datapackage.json (with places.csv, comparison_groups.csv and the hex map), a second area, ONS codes and places."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, data_dir

AREAS = (
    "id,name,bodies,summary,source_id,ons_code\n"
    "testshire,Testshire,Testshire Council; Testshire NHS,The council and the NHS in Testshire work together.,rep-2016,E06000045\n"
    "vale-partnership,Vale Partnership,Vale CCG; Testshire Council,A partnership inside Testshire.,rep-2016,\n"
)
PLACES = "place,area_id,source_id,source_location\nLittle Wallop,testshire,rep-2016,Paragraph 3\nGreat Wallop,vale-partnership,rep-2016,Paragraph 4\n"


def located(tmp_path: Path, *, areas: str = AREAS, places: str = PLACES, groups: str = "area_id,group,similar_area_id,source\n") -> Path:
    """The tiny data with the project's datapackage.json and hex map, and the given areas, places and comparison groups."""
    data = data_dir(tmp_path)
    for name in ("datapackage.json", "areas.hexjson", "LICENSE-hexmaps"):
        shutil.copy(ROOT / "data" / name, data / name)
    (data / "areas.csv").write_text(areas, encoding="utf-8")
    (data / "places.csv").write_text(places, encoding="utf-8")
    (data / "comparison_groups.csv").write_text(groups, encoding="utf-8")
    (data / "decisions.csv").write_text("area_id,quote,plain,source_id,source_location\n", encoding="utf-8")  # none here
    return data


def problems(data: Path) -> list:
    """The problems loading `data` finds (it must find some)."""
    import pytest

    from macros.data.errors import DataProblems
    from macros.data.loader import load

    with pytest.raises(DataProblems) as caught:
        load(data)
    return caught.value.problems
