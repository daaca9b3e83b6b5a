"""The chart in words: the caption a reader sees and a screen reader reads."""

from __future__ import annotations

from chart_fixtures import measure, month, obs

from macros.presentation.charts import points
from macros.presentation.charts.description import describe


def words(series, unit="count", threshold=5):
    return describe(points.plotted(series), measure("Emergency admissions", unit), threshold)


def test_a_line_chart_says_where_each_line_starts_and_ends():
    series = [obs("plan", month(2016, m), 100.0 + m) for m in (4, 5, 6)] + [obs("actual", month(2016, m), 1200.0 + m) for m in (4, 5, 6)]
    assert words(series) == ("Line chart of Emergency admissions, April 2016 to June 2016. Plan: from 104 to 106. Actual: from 1,204 to 1,206.")


def test_one_period_is_a_bar_chart_with_one_figure_a_series_in_its_unit():
    series = [obs("plan", month(2016, 4, 6), 21.0), obs("actual", month(2016, 4, 6), 19.5)]
    assert words(series, "percent") == "Bar chart of Emergency admissions, April to September 2016. Plan: 21%. Actual: 19.5%."


def test_uneven_periods_are_a_bar_chart_and_gaps_are_counted():
    series = [
        obs("actual", month(2016, 4, 6), 50.0),
        obs("actual", month(2016, 10, 3), 2.0, suppressed=True),
        obs("plan", month(2016, 10, 3), None, missing="Not reported"),
    ]
    assert words(series) == (
        "Bar chart of Emergency admissions, April to December 2016. The periods are of different lengths. So the bars cannot be "
        "compared by their heights. Actual: 50 from April to September 2016 (6 months). 1 figure is missing. "
        "1 figure is hidden because it is fewer than 5."
    )
    one_gap = series[:2]
    assert words(one_gap, threshold=3).endswith(" 1 figure is hidden because it is fewer than 3.")
