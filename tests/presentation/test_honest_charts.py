"""Issue "Honest judgements": figures for periods of different lengths are never set side by side without
saying so; "hidden" only where a figure was hidden; no chart of a single figure."""

from __future__ import annotations

from datetime import date

from chart_fixtures import measure, month, obs

from macros.data.model import Period
from macros.presentation import wording
from macros.presentation.charts import ChartMaker, points
from macros.presentation.charts.description import describe

# Southampton's carers table in miniature: 7, 12 and 6 months side by side.
UNEVEN = [obs("actual", month(2014, 9, 7), 200.0), obs("actual", month(2015, 4, 12), 842.0), obs("actual", month(2016, 4, 6), 931.0)]


def test_a_period_says_its_length():
    assert wording.length(month(2016, 4, 6)) == "6 months"
    assert wording.length(month(2015, 4, 12)) == "12 months"
    assert wording.length(month(2010, 4, 84)) == "7 years"
    assert wording.length(Period(date(2016, 4, 1), date(2016, 4, 10))) == "10 days"
    assert wording.with_length(month(2016, 4, 6)) == "April to September 2016 (6 months)"
    assert wording.with_length(month(2016, 10)) == "October 2016"  # a calendar month says its length already


def test_chart_labels_give_each_period_its_length_when_lengths_differ():
    plot = points.plot(points.plotted(UNEVEN), measure())
    assert plot.periods == ["September 2014 to March 2015 (7 months)", "2015 to 2016 (12 months)", "April to September 2016 (6 months)"]


def test_chart_labels_of_even_periods_stay_short():
    even = [obs("actual", month(2016, m), 10.0 + m) for m in (4, 5, 6)]
    assert points.plot(points.plotted(even), measure()).periods == ["April 2016", "May 2016", "June 2016"]


def test_uneven_bars_are_not_described_as_if_they_could_be_compared():
    words = describe(points.plotted(UNEVEN), measure("Carers who contacted the service"), 5)
    assert "from 200 to 931" not in words
    assert "The periods are of different lengths. So the bars cannot be compared by their heights." in words
    assert (
        "Actual: 200 from September 2014 to March 2015 (7 months). 842 from 2015 to 2016 (12 months). 931 from April to September 2016 (6 months)."
    ) in words


def test_a_missing_figure_is_called_missing_and_not_hidden():
    series = UNEVEN[1:] + [obs("actual", month(2014, 9, 7), None, missing="Not recorded")]
    words = describe(points.plotted(series), measure(), 5)
    assert words.endswith(" 1 figure is missing.")
    assert "hidden" not in words and "fewer than" not in words and "not shown" not in words


def test_a_hidden_figure_is_called_hidden_and_not_missing():
    even = [obs("actual", month(2016, 4), 12.0), obs("actual", month(2016, 5), 3.0, suppressed=True), obs("actual", month(2016, 6), 9.0)]
    words = describe(points.plotted(even), measure(), 5)
    assert words.endswith(" 1 figure is hidden because it is fewer than 5.")
    assert "missing" not in words


def test_a_single_figure_makes_no_chart(tmp_path):
    maker = ChartMaker(tmp_path, 5, workers=1)
    one = [obs("actual", month(2016, 4, 6), 931.0), obs("actual", month(2015, 4, 12), None, missing="Not recorded")]
    assert maker.chart(one, measure()) is None
    hidden_second = one[:1] + [obs("actual", month(2016, 10, 6), 3.0, suppressed=True)]
    assert maker.chart(hidden_second, measure()) is None  # one figure shown: nothing to compare
    two = one[:1] + [obs("plan", month(2016, 4, 6), 900.0)]
    drawn = maker.chart(two, measure())
    assert drawn is not None and drawn.description.startswith("Bar chart of")
    maker.close()
