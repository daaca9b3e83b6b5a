"""The chart as Altair builds it: what each shape draws, pinned, so a chart never changes look by accident.

The Altair chart replaced a hand-written spec; its `to_dict()` was checked equal to that spec for every
shape (and every chart of the built-in data) when it did, and the drawn SVGs were byte-identical."""

from __future__ import annotations

import pytest
from chart_fixtures import CASES

from macros.presentation.charts import spec

alt = pytest.importorskip("altair")

STYLE = {  # colour, dash, shape: each series differs in all three, so status never relies on colour
    "Plan": ("#505a5f", [6, 4], "square"),
    "Actual": ("#1d70b8", [1, 0], "circle"),
    "Same time last year": ("#6f3b8f", [2, 2], "triangle-up"),
}


def drawn(case: str) -> dict:
    return spec.vega_lite(CASES[case])


def scale(encoding: dict, channel: str) -> dict:
    s = encoding[channel]["scale"]
    return dict(zip(s["domain"], s["range"]))


@pytest.mark.parametrize("case", CASES)
def test_every_chart_is_a_valid_spec_of_the_size_the_page_reserves(case):
    chart = spec.altair_chart(CASES[case])
    assert isinstance(chart, alt.TopLevelMixin)
    vl = chart.to_dict()  # validated against the Vega-Lite schema
    assert (vl["width"], vl["height"], vl["autosize"]) == (640, 330, {"type": "fit", "contains": "padding"})
    assert vl["title"] == {"text": CASES[case].title, "anchor": "start", "fontSize": 15} and vl["background"] == "transparent"
    assert vl["config"]["axis"] == {
        "labelColor": "#0b0c0c",
        "labelFontSize": 12,
        "titleColor": "#0b0c0c",
        "titleFontSize": 12,
        "domainColor": "#888888",
        "tickColor": "#888888",
        "gridColor": "#b1b4b6",
    }
    assert vl["config"]["title"] == {"color": "#0b0c0c"}
    assert vl["config"]["view"]["stroke"] is None
    assert vl["encoding"]["y"] == {
        "axis": {"tickCount": 4, "ticks": False},
        "field": "value",
        "scale": {"zero": True},
        "title": spec.axis_title(CASES[case].unit),
        "type": "quantitative",
    }
    assert vl["data"]["values"][0] == dict(zip(("period", "order", "series", "value"), CASES[case].rows[0]))
    series = CASES[case].series
    assert scale(vl["encoding"], "color") == {s: STYLE[s][0] for s in series}
    assert vl["encoding"]["color"]["legend"] == {"orient": "bottom", "title": None}


def test_a_short_line_has_a_marker_of_its_own_shape_and_a_dash_of_its_own_for_each_series():
    vl = drawn("line, three series")
    assert vl["mark"] == {"type": "line", "point": {"filled": True, "size": 60}}
    enc = vl["encoding"]
    assert set(enc) == {"x", "y", "color", "strokeDash", "shape"}
    assert scale(enc, "strokeDash") == {s: STYLE[s][1] for s in STYLE} and scale(enc, "shape") == {s: STYLE[s][2] for s in STYLE}
    assert enc["strokeDash"]["legend"] is None and enc["shape"]["legend"] is None
    assert enc["x"] == {
        "axis": {"labelAngle": -40, "labelLimit": 220},
        "field": "period",
        "title": None,
        "type": "nominal",
        "sort": ["Month 0", "Month 1", "Month 2", "Month 3"],
    }
    assert "symbolType" not in vl["config"]["legend"]
    assert drawn("line")["encoding"]["x"]["axis"]["labelAngle"] == -40
    assert drawn("one series")["encoding"]["shape"]["scale"] == {"domain": ["Actual"], "range": ["circle"]}


def test_a_long_line_is_plain_dashed_in_the_legend_too_and_names_a_few_periods():
    vl = drawn("long line")
    assert vl["mark"] == {"type": "line", "strokeWidth": 2.5}
    enc = vl["encoding"]
    assert set(enc) == {"x", "y", "color", "strokeDash"} and "legend" not in enc["strokeDash"]
    assert scale(enc, "strokeDash") == {"Plan": [6, 4], "Actual": [1, 0]}
    assert enc["x"]["axis"] == {
        "labelAngle": 0,
        "labelLimit": 220,
        "ticks": False,
        "values": ["Month 0", "Month 6", "Month 12", "Month 18", "Month 24", "Month 30"],
    }
    assert len(enc["x"]["sort"]) == 36
    assert vl["config"]["legend"] == {"labelColor": "#0b0c0c", "labelFontSize": 12, "labelLimit": 0, "symbolStrokeWidth": 3, "symbolType": "stroke"}


def test_one_period_is_a_bar_for_each_series():
    vl = drawn("one period")
    assert vl["mark"] == {"type": "bar"}
    assert set(vl["encoding"]) == {"x", "y", "color"}
    assert vl["encoding"]["x"] == {"axis": {"labelAngle": 0}, "field": "series", "sort": ["Plan", "Actual"], "title": None, "type": "nominal"}


def test_uneven_periods_are_bars_side_by_side():
    vl = drawn("uneven periods")
    assert vl["mark"] == {"type": "bar"}
    assert set(vl["encoding"]) == {"x", "y", "color", "xOffset"}
    assert vl["encoding"]["xOffset"] == {"field": "series", "sort": ["Plan", "Actual"], "type": "nominal"}
    assert vl["encoding"]["x"]["axis"] == {"labelAngle": 0, "labelLimit": 220} and vl["encoding"]["x"]["field"] == "period"
    assert vl["encoding"]["y"]["title"] == "Pounds"


MONTHS = ["April", "May", "June", "July", "August", "September", "October", "November", "December", "January", "February", "March"]
QUARTERS = ["April to June", "July to September", "October to December", "January to March"]


def periods(names: list[str], count: int) -> list[str]:
    return [f"{names[i % len(names)]} {2019 + (i + 3) // 12 if names is MONTHS else 2019 + (i + 1) // 4}" for i in range(count)]


@pytest.mark.parametrize(
    "names, count, named",
    [
        (MONTHS, 7, ["April 2019", "June 2019", "August 2019", "October 2019"]),
        (MONTHS, 12, ["April 2019", "July 2019", "October 2019", "January 2020"]),  # every other month would not fit
        (MONTHS, 36, ["April 2019", "October 2019", "April 2020", "October 2020", "April 2021", "October 2021"]),
        (QUARTERS, 12, ["April to June 2019", "April to June 2020", "April to June 2021"]),  # long labels: fewer
    ],
)
def test_long_axes_name_every_few_periods_as_many_as_fit(names, count, named):
    labels = spec.axis_labels(periods(names, count))
    assert labels == named
    assert len(labels) * (max(map(len, labels)) * spec.CHAR_WIDTH + spec.LABEL_GAP) <= spec.AXIS_WIDTH


@pytest.mark.parametrize("case", CASES)
def test_the_spec_drawn_unchecked_is_the_checked_one(case):
    assert spec.vega_lite(CASES[case]) == spec.altair_chart(CASES[case]).to_dict()
