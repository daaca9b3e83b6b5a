"""Charts are specified as plain data (fast) and slimmed after drawing; both must leave the picture unchanged."""
from __future__ import annotations

import re

import pytest

from macros.presentation import charts


def rows(periods: int, series=("Plan", "Actual")):
    out = []
    for i in range(periods):
        for k, name in enumerate(series):
            out.append({"period": f"Month {i}", "order": len(out), "series": name,
                        "value": None if (i, k) == (1, 1) else 100 + 7 * i + 3 * k})
    return out


CASES = {
    "line": (rows(6), "Emergency hospital admissions", "count", True),
    "a year of months": (rows(12), "Emergency hospital admissions", "count", True),
    "long line": (rows(36), "Emergency hospital admissions", "count", True),
    "line, three series": (rows(4, ("Plan", "Actual", "Same time last year")), "Days", "days", True),
    "one period": (rows(1), "Share", "percent", True),
    "uneven periods": (rows(3), "Money", "gbp", False),
    "one series": (rows(6, ("Actual",)), "Rate", "rate_per_100k", True),
}


@pytest.mark.parametrize("case", CASES)
def test_the_plain_spec_is_the_one_altair_builds(case):
    pytest.importorskip("altair")
    assert charts.spec(*CASES[case]) == charts.altair_spec(*CASES[case])


@pytest.mark.parametrize("case", CASES)
def test_dropping_what_nobody_sees_leaves_every_pixel_as_it_was(case):
    vl_convert = pytest.importorskip("vl_convert")
    drawn = vl_convert.vegalite_to_svg(charts.spec(*CASES[case]))
    slim = charts.drop_unseen(drawn)
    assert len(slim) < 0.7 * len(drawn) and slim.count("<g") < drawn.count("<g") and slim.count("<g") == slim.count("</g>")
    assert "aria-" not in slim and "class=" not in slim
    assert vl_convert.svg_to_png(slim) == vl_convert.svg_to_png(drawn)


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def test_rounding_moves_nothing_by_more_than_a_tenth_of_a_pixel_and_keeps_the_labels():
    vl_convert = pytest.importorskip("vl_convert")
    drawn = charts.drop_unseen(vl_convert.vegalite_to_svg(charts.spec(*CASES["long line"])))
    rounded = charts.round_coordinates(drawn)
    assert len(rounded) < 0.95 * len(drawn)
    attributes = lambda svg: [float(n) for value in re.findall(r'="([^"]*)"', svg) for n in NUMBER.findall(value)]
    before, after = attributes(drawn), attributes(rounded)
    assert len(before) == len(after) and max(abs(a - b) for a, b in zip(before, after)) < 0.1
    labels = lambda svg: re.findall(r">([^<]+)</text>", svg)
    assert labels(rounded) == labels(drawn) and "Month 6" in labels(drawn)


def test_a_long_series_is_a_plain_line_labelled_every_few_periods():
    vl_convert = pytest.importorskip("vl_convert")
    svg = charts.render_svg(charts.spec(*CASES["long line"]))
    labels = re.findall(r">([^<]+)</text>", svg)
    assert [l for l in labels if l.startswith("Month ")] == ["Month 0", "Month 6", "Month 12", "Month 18", "Month 24", "Month 30"]
    assert len(svg) < 10_000  # 27 KB with a marker on every point and every month named
    short = charts.render_svg(charts.spec(*CASES["line"]))
    assert len([l for l in re.findall(r">([^<]+)</text>", short) if l.startswith("Month ")]) == 6  # each named


def test_charts_are_cached_by_what_they_show(tmp_path):
    """Drawn once; drawn again only when the figures, or the spec, change (the file is named by its spec)."""
    pytest.importorskip("vl_convert")
    import dataclasses

    from conftest import TINY
    from macros.data.loader import load

    data = load(TINY)
    series, measure = data.series[("testshire", None, "dtc-days")], data.measures["dtc-days"]
    first = charts.chart_for(series, measure, 5, tmp_path)
    assert charts.finish() == 1 and (tmp_path / f"{first.key}.svg").read_text(encoding="utf-8").startswith("<svg")
    assert charts.chart_for(series, measure, 5, tmp_path).key == first.key and charts.finish() == 0
    edited = [dataclasses.replace(o, value=o.value + 1) if o.kind == "actual" and o.value is not None else o for o in series]
    assert charts.chart_for(edited, measure, 5, tmp_path).key != first.key and charts.finish() == 1
    renamed = dataclasses.replace(measure, name="Another name")
    assert charts.chart_for(series, renamed, 5, tmp_path).key != first.key
    charts.finish()


MONTHS = ["April", "May", "June", "July", "August", "September", "October", "November", "December", "January",
          "February", "March"]
QUARTERS = ["April to June", "July to September", "October to December", "January to March"]


def periods(names: list[str], count: int) -> list[str]:
    return [f"{names[i % len(names)]} {2019 + (i + 3) // 12 if names is MONTHS else 2019 + (i + 1) // 4}" for i in range(count)]


@pytest.mark.parametrize("names, count, named", [
    (MONTHS, 7, ["April 2019", "June 2019", "August 2019", "October 2019"]),
    (MONTHS, 12, ["April 2019", "July 2019", "October 2019", "January 2020"]),  # every other month would not fit
    (MONTHS, 36, ["April 2019", "October 2019", "April 2020", "October 2020", "April 2021", "October 2021"]),
    (QUARTERS, 12, ["April to June 2019", "April to June 2020", "April to June 2021"]),  # long labels: fewer
])
def test_long_axes_name_every_few_periods_as_many_as_fit(names, count, named):
    labels = charts.axis_labels(periods(names, count))
    assert labels == named
    assert len(labels) * (max(map(len, labels)) * charts.CHAR_WIDTH + charts.LABEL_GAP) <= charts.AXIS_WIDTH
