"""Charts cached on disk under a hash of their inputs, drawn in worker processes when missing."""

from __future__ import annotations

import dataclasses
import functools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from chart_fixtures import CASES, measure, month, obs

from macros.presentation.charts import ChartMaker, cache, spec, vega
from macros.presentation.charts.points import Plot

ROOT = Path(__file__).resolve().parents[2]


def series_set() -> list[tuple[list, object]]:
    """Three series, one of each shape a chart of real figures takes here: line, one period, uneven periods."""
    line = [obs(k, month(2016, m), 100.0 + m + (k == "plan")) for m in range(4, 9) for k in ("plan", "actual")]
    one = [obs("plan", month(2016, 4, 6), 40.0), obs("actual", month(2016, 4, 6), 42.0)]
    uneven = [obs("actual", month(2016, 4, 6), 40.0), obs("actual", month(2016, 10, 12), 90.0)]
    return [(line, measure("Admissions")), (one, measure("Share", "percent")), (uneven, measure("Money", "gbp"))]


# The cache key ---------------------------------------------------------------------------------------
def test_the_same_inputs_give_the_same_key():
    plot = CASES["line"]
    assert cache.key(plot) == cache.key(Plot(tuple(plot.rows), str(plot.title), plot.unit, plot.shape))
    assert len(cache.key(plot)) == 20 and int(cache.key(plot), 16) >= 0


@pytest.mark.parametrize("change", ["a value", "a gap", "a period", "the title", "the axis title", "the shape"])
def test_a_change_in_what_the_chart_shows_changes_its_key(change):
    plot = CASES["line"]
    first, *rest = plot.rows
    changed = {
        "a value": lambda: dataclasses.replace(plot, rows=((*first[:3], first[3] + 1), *rest)),
        "a gap": lambda: dataclasses.replace(plot, rows=((*first[:3], None), *rest)),
        "a period": lambda: dataclasses.replace(plot, rows=(("Month 99", *first[1:]), *rest)),
        "the title": lambda: dataclasses.replace(plot, title="Another title"),
        "the axis title": lambda: dataclasses.replace(plot, unit="days"),
        "the shape": lambda: dataclasses.replace(plot, shape="grouped bars"),
    }[change]()
    assert changed != plot and cache.key(changed) != cache.key(plot)


def test_the_style_version_and_the_libraries_versions_are_in_the_key(monkeypatch):
    plot = CASES["line"]
    before = cache.key(plot)
    monkeypatch.setattr(spec, "STYLE_VERSION", spec.STYLE_VERSION + "-next")
    restyled = cache.key(plot)
    monkeypatch.undo()
    altair, vl_convert = cache.library_versions()
    monkeypatch.setattr(cache, "library_versions", lambda: (altair + ".1", vl_convert))
    new_altair = cache.key(plot)
    monkeypatch.setattr(cache, "library_versions", lambda: (altair, vl_convert + ".1"))
    new_vl_convert = cache.key(plot)
    assert len({before, restyled, new_altair, new_vl_convert}) == 4


def test_the_versions_in_the_key_are_the_installed_ones():
    alt = pytest.importorskip("altair")
    vlc = pytest.importorskip("vl_convert")
    altair, vl_convert = cache.library_versions()
    assert altair == alt.__version__ and vl_convert.startswith(vlc.__version__)  # 1.9.0.post1 is 1.9.0 inside


# Drawing once, and only what is missing -----------------------------------------------------------------
def test_a_chart_is_drawn_once_and_again_only_when_its_inputs_change(tmp_path):
    pytest.importorskip("vl_convert")
    series, admissions = series_set()[0]
    maker = ChartMaker(tmp_path, 5)
    first = maker.chart(series, admissions)
    assert maker.chart(series, admissions) == first  # the same chart, queued to be drawn once
    assert maker.finish() == 1 and (tmp_path / f"{first.key}.svg").read_text(encoding="utf-8").startswith("<svg")
    assert first.title == "Admissions" and first.description.startswith("Line chart of Admissions, April 2016 to August 2016. ")
    again = ChartMaker(tmp_path, 5)
    assert again.chart(list(series), admissions).key == first.key and again.finish() == 0
    edited = [dataclasses.replace(o, value=o.value + 1) if o.kind == "actual" else o for o in series]
    assert again.chart(edited, admissions).key != first.key and again.finish() == 1
    assert again.chart(list(series), measure("Another name")).key != first.key and again.finish() == 1


def test_nothing_to_draw_is_no_chart(tmp_path):
    hidden = [obs("actual", month(2016, 4), 2.0, suppressed=True), obs("plan", month(2016, 4), None)]
    maker = ChartMaker(tmp_path, 5)
    assert maker.chart(hidden, measure()) is None and maker.finish() == 0 and not any(tmp_path.iterdir())


def _refuse(*args, **kwargs):
    raise AssertionError("an Altair chart was built")


def test_a_warm_build_builds_no_altair_chart(tmp_path, monkeypatch):
    pytest.importorskip("vl_convert")
    pytest.importorskip("altair")
    import altair

    cold = ChartMaker(tmp_path, 5, workers=1)
    monkeypatch.setattr(vega, "_form", functools.cache(vega._form.__wrapped__))  # no form compiled yet in this process
    monkeypatch.setattr(spec, "altair_chart", _refuse)
    for series, m in series_set():
        cold.chart(series, m)
    with pytest.raises(AssertionError, match="an Altair chart was built"):
        cold.finish()  # the refusal takes effect: a cold build builds charts with it
    monkeypatch.undo()
    drawn = ChartMaker(tmp_path, 5, workers=1)
    keys = [drawn.chart(series, m).key for series, m in series_set()]
    assert drawn.finish() == 3
    monkeypatch.setattr(spec, "altair_chart", _refuse)
    monkeypatch.setattr(spec, "vega_lite", _refuse)
    monkeypatch.setattr(altair.Chart, "__init__", _refuse)
    warm = ChartMaker(tmp_path, 5, workers=1)
    assert [warm.chart(series, m).key for series, m in series_set()] == keys and warm.finish() == 0


def test_a_warm_build_does_not_even_import_altair_or_vl_convert(tmp_path):
    pytest.importorskip("vl_convert")
    script = (
        "import sys\nfrom pathlib import Path\nfrom test_chart_cache import series_set\n"
        "from macros.presentation.charts import ChartMaker\n"
        f"maker = ChartMaker(Path({str(tmp_path)!r}), 5, workers=1)\n"
        "charts = [maker.chart(s, m) for s, m in series_set()]\n"
        "print(maker.finish(), sorted(m for m in ('altair', 'vl_convert', 'vega_datasets') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])}
    run = lambda: subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=True).stdout.split("\n")[
        0
    ]
    assert run() == "3 ['altair', 'vl_convert']"  # cold: drawn, so both were needed
    assert run() == "0 []"  # warm


def test_worker_processes_draw_the_same_svg_as_the_build_itself(tmp_path):
    pytest.importorskip("vl_convert")
    pooled = ChartMaker(tmp_path / "pooled", 5, workers=2, pool_from=1)
    here = ChartMaker(tmp_path / "here", 5, workers=1)
    keys = [pooled.chart(s, m).key for s, m in series_set()]
    assert [here.chart(s, m).key for s, m in series_set()] == keys
    assert pooled._drawer.pool is not None and here._drawer.pool is None
    assert pooled.finish() == 3 and here.finish() == 3
    for key in keys:
        assert (tmp_path / "pooled" / f"{key}.svg").read_bytes() == (tmp_path / "here" / f"{key}.svg").read_bytes()
    assert not list((tmp_path / "pooled").glob("*.tmp"))


# Pruning ------------------------------------------------------------------------------------------------
def test_prune_removes_what_no_build_used_for_a_month_and_marks_what_this_build_used(tmp_path):
    old = time.time() - 31 * 86400
    for name in ("used.svg", "unused.svg", "recent.svg", "leftover.123.tmp", "notes.txt"):
        (tmp_path / name).write_text("x")
        if name != "recent.svg":
            os.utime(tmp_path / name, (old, old))
    maker = ChartMaker(tmp_path, 5)
    assert maker.prune({"used"}) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "recent.svg", "used.svg"]
    assert time.time() - (tmp_path / "used.svg").stat().st_mtime < 60  # marked as used now
    assert maker.prune(set(), keep_days=0) == 2  # recent.svg and used.svg, both unused now
    assert ChartMaker(tmp_path / "missing", 5).prune(set()) == 0
