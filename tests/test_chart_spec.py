"""Charts are specified as plain data (fast) and slimmed after drawing; both must leave the picture unchanged."""
from __future__ import annotations

import pytest

from macros import charts


def rows(periods: int, series=("Plan", "Actual")):
    out = []
    for i in range(periods):
        for k, name in enumerate(series):
            out.append({"period": f"Month {i}", "order": len(out), "series": name,
                        "value": None if (i, k) == (1, 1) else 100 + 7 * i + 3 * k})
    return out


CASES = {
    "line": (rows(12), "Emergency hospital admissions", "count", True),
    "line, three series": (rows(4, ("Plan", "Actual", "Same time last year")), "Days", "days", True),
    "one period": (rows(1), "Share", "percent", True),
    "uneven periods": (rows(3), "Money", "gbp", False),
    "one series": (rows(6, ("Actual",)), "Rate", "rate_per_100k", True),
}


@pytest.mark.parametrize("case", CASES)
def test_the_plain_spec_is_the_one_altair_builds(case):
    pytest.importorskip("altair")
    assert charts.spec(*CASES[case]) == charts.altair_spec(*CASES[case])


def test_slimming_leaves_every_pixel_as_it_was():
    vl_convert = pytest.importorskip("vl_convert")
    drawn = vl_convert.vegalite_to_svg(charts.spec(*CASES["line"]))
    slim = charts.slim(drawn)
    assert len(slim) < 0.8 * len(drawn)
    assert "aria-" not in slim and "class=" not in slim
    assert vl_convert.svg_to_png(slim) == vl_convert.svg_to_png(drawn)
