"""The Vega spec a chart is drawn from: compiled once for every chart of the same form, the title and figures
filled in; the same spec, and so the same SVG, as compiling each chart's own Vega-Lite spec. And the fonts
vl-convert measures text in: its own, never the system's."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from chart_fixtures import CASES

from macros.presentation.charts import cache, drawing, spec, vega

vl_convert = pytest.importorskip("vl_convert")
pytest.importorskip("altair")

ROOT = Path(__file__).resolve().parents[2]


def refigured(plot, step: float):
    """The same form of chart with other figures (one hidden) and another title."""
    rows = tuple((p, i, s, None if i == 2 else (v or 50.0) * step + i) for p, i, s, v in plot.rows)
    return replace(plot, rows=rows, title=f"{plot.title}, again")


@pytest.fixture(autouse=True)
def no_forms_yet(monkeypatch):
    """Each test starts with no form compiled in this process, and leaves the process's cache as it was."""
    monkeypatch.setattr(vega, "_form", functools.cache(vega._form.__wrapped__))


@pytest.mark.parametrize("case", CASES)
def test_the_spec_filled_in_is_the_one_compiling_the_chart_itself_gives(case):
    for plot in (CASES[case], refigured(CASES[case], 3.5), refigured(CASES[case], 0.01)):
        assert vega.vega(plot) == drawing.compile_vega_lite(spec.vega_lite(plot))


@pytest.mark.parametrize("case", CASES)
def test_the_svg_is_the_one_vl_convert_draws_from_the_vega_lite_spec(case):
    """The route a chart took before forms were kept and mark descriptions dropped: the same bytes."""
    for plot in (CASES[case], refigured(CASES[case], 7.0)):
        assert cache.draw(plot) == drawing.slim(vl_convert.vegalite_to_svg(spec.vega_lite(plot)))


def test_a_form_is_compiled_once_however_many_charts_have_it(monkeypatch):
    compiled = []
    compile_vega_lite = drawing.compile_vega_lite
    monkeypatch.setattr(drawing, "compile_vega_lite", lambda vl: compiled.append(vl) or compile_vega_lite(vl))
    plots = [refigured(CASES["long line"], step) for step in (1, 2, 3)] + [CASES["line"], refigured(CASES["line"], 2)]
    specs = [vega.vega(p) for p in plots]
    assert len(compiled) == 2  # two forms
    assert [s["title"]["text"] for s in specs] == [p.title for p in plots]
    assert specs[0]["data"] != specs[1]["data"] and specs[3]["data"] != specs[4]["data"]
    assert vega.vega(plots[0]) == specs[0]  # filling in a form leaves the form as it was


def test_a_chart_of_other_periods_series_unit_or_shape_is_another_form():
    plot = CASES["line"]
    others = [
        replace(plot, rows=tuple((f"{p}!", i, s, v) for p, i, s, v in plot.rows)),
        replace(plot, rows=tuple(r for r in plot.rows if r[2] == "Plan")),
        replace(plot, unit="percent"),
        replace(plot, shape="grouped bars"),
    ]
    assert len({vega.form_of(p) for p in [plot, *others]}) == 5
    assert vega.form_of(replace(plot, title="Other")) == vega.form_of(refigured(plot, 2)) == vega.form_of(plot)


def test_a_title_compiled_anywhere_but_the_title_stops_the_build(monkeypatch):
    vega_lite = spec.vega_lite

    def title_in_the_axis_too(plot):
        vl = vega_lite(plot)
        vl["encoding"]["y"]["title"] = plot.title
        return vl

    monkeypatch.setattr(spec, "vega_lite", title_in_the_axis_too)
    with pytest.raises(RuntimeError, match="cannot fill in a compiled form"):
        vega.vega(CASES["line"])


def test_no_mark_carries_a_description_for_the_aria_label_slimming_drops():
    compiled = vega.vega(CASES["line, three series"])
    assert "description" not in str(compiled["marks"])
    assert "description" in str(vl_convert.vegalite_to_vega(spec.vega_lite(CASES["line, three series"]))["marks"])


def test_the_legend_names_fit_vega_s_limit_so_leaving_the_limit_out_changes_nothing():
    """The legend has no label limit (measuring against it cost time): each series name is narrower than
    the 160 px Vega would cut it at, and the chart with the limit is the chart without."""
    for name in spec.SERIES_STYLE:
        label = {"text": {"value": name}, "fontSize": {"value": 12}, "limit": {"value": 160}}
        probe = {"autosize": "pad", "width": 0, "height": 0, "marks": [{"type": "text", "encode": {"enter": label}}]}
        assert f">{name}</text>" in drawing.converter().vega_to_svg(probe)  # Vega writes a cut label with "…"
    plot = CASES["line, three series"]
    limited = spec.vega_lite(plot)
    assert limited["config"]["legend"].pop("labelLimit") == 0
    assert cache.draw(plot) == drawing.slim(vl_convert.vegalite_to_svg(limited))


# Fonts ----------------------------------------------------------------------------------------------------

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# A text in DejaVu Sans and nothing around it: the drawing is as wide as vl-convert measures the text.
WIDTH_OF_TEXT = (
    "import sys\nfrom macros.presentation.charts import drawing\n"
    "text = {'type': 'text', 'encode': {'enter': {'text': {'value': 'Wide text'}, 'font': {'value': 'DejaVu Sans'}, 'fontSize': {'value': 40}}}}\n"
    "convert = drawing.converter() if sys.argv[1] == 'builtin' else __import__('vl_convert')\n"
    "svg = convert.vega_to_svg({'autosize': 'pad', 'padding': 0, 'width': 0, 'height': 0, 'marks': [text]})\n"
    "print(svg.split('width=\"')[1].split('\"')[0], __import__('os').environ.get('FONTCONFIG_FILE'))\n"
)


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs a system font vl-convert does not carry: DejaVu Sans")
def test_text_is_measured_in_vl_convert_s_own_fonts_not_the_system_s(tmp_path):
    """Reading a system font file for every text measured made drawing three times slower; and a machine
    with other fonts would lay the same chart out differently. Here a fontconfig file names a folder with
    DejaVu Sans: plain vl-convert measures a DejaVu Sans text in it, the build's converter cannot see it."""
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / DEJAVU.name).write_bytes(DEJAVU.read_bytes())
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{tmp_path / "fonts"}</dir></fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FONTCONFIG_FILE": str(conf)}
    width = lambda which: subprocess.run(
        [sys.executable, "-c", WIDTH_OF_TEXT, which], env=env, capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    system, builtin = width("system"), width("builtin")
    assert system[1] == builtin[1] == str(conf)  # the variable is put back for the rest of the build
    assert float(system[0]) != float(builtin[0])  # DejaVu Sans measured only where the system's fonts are read
