"""Which figures a chart plots, and the shape its periods give it."""

from __future__ import annotations

from chart_fixtures import measure, month, obs

from macros.presentation.charts import points


def test_a_chart_plots_the_finest_periods_not_the_totals_they_add_up_to():
    half = month(2016, 4, 6)
    series = [obs("actual", month(2016, m), 10.0 + m) for m in range(4, 10)] + [obs("actual", half, 99.0), obs("plan", half, 98.0)]
    plotted = points.plotted(series)
    assert [o.period for o in plotted] == [month(2016, m) for m in range(4, 10)]
    assert points._finest({half, month(2016, 4), month(2016, 10)}) == {month(2016, 4), month(2016, 10)}


def test_only_plan_actual_and_last_year_are_plotted_and_table_figures_come_first():
    series = [
        obs("plan", month(2016, 4), 5.0),
        obs("actual", month(2016, 4), 6.0),
        obs("change_vs_plan", month(2016, 4), 20.0),
        obs("actual", month(2016, 5), 7.0, printed_in="text"),
    ]
    assert [(o.kind, o.value) for o in points.plotted(series)] == [("actual", 6.0), ("plan", 5.0)]
    text_only = [obs("actual", month(2016, 5), 7.0, printed_in="text")]
    assert [o.value for o in points.plotted(text_only)] == [7.0]  # a figure only quoted in a sentence is still drawn


def test_last_year_lines_up_with_the_same_months_a_year_later():
    series = [
        obs("last_year", month(2015, 4), 40.0),
        obs("actual", month(2016, 4), 50.0),
        obs("plan", month(2016, 4), 45.0),
        obs("last_year", month(2015, 5), 41.0),
        obs("actual", month(2016, 5), 51.0),
    ]
    plotted = points.plotted(series)
    assert [(o.aligned, o.kind) for o in plotted] == [
        (month(2016, 4), "actual"),
        (month(2016, 4), "last_year"),
        (month(2016, 4), "plan"),
        (month(2016, 5), "actual"),
        (month(2016, 5), "last_year"),
    ]
    plot = points.plot(plotted, measure())
    assert plot.rows[1] == ("April 2016", 1, "Same time last year", 40.0)
    assert plot.periods == ["April 2016", "May 2016"] and plot.shape == points.LINE


def test_months_are_even_a_half_year_beside_a_year_is_not():
    assert points.even([month(2016, 2), month(2016, 3), month(2016, 4)])  # 28, 30 and 29 days apart
    assert not points.even([month(2016, 4, 6), month(2016, 4, 12)])


def test_the_shape_of_a_chart_follows_its_periods():
    months = [month(2016 + (m - 1) // 12, (m - 1) % 12 + 1) for m in range(4, 4 + 7)]
    assert points.shape(months[:1]) == points.BARS
    assert points.shape(months[:6]) == points.LINE
    assert points.shape(months) == points.LONG_LINE
    assert points.shape([month(2016, 4, 6), month(2016, 10, 3)]) == points.GROUPED_BARS


def test_a_hidden_or_missing_figure_is_a_gap_in_the_plot():
    series = [
        obs("actual", month(2016, 4), 3.0, suppressed=True),
        obs("actual", month(2016, 5), None, missing="Not reported"),
        obs("actual", month(2016, 6), 12.0),
    ]
    plot = points.plot(points.plotted(series), measure("Falls"))
    assert [r[3] for r in plot.rows] == [None, None, 12.0] and plot.title == "Falls" and plot.unit == "count"
