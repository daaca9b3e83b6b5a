"""Disagreements are facts (which check, where, the printed figure and the worked-out one), not prose."""

from __future__ import annotations

import dataclasses

from conftest import TINY

from macros.analysis.disagreements import Check, Disagreement, find_disagreements
from macros.data.loader import load


def test_each_disagreement_carries_its_figures_not_a_sentence():
    found = find_disagreements(load(TINY))
    assert found, "the tiny fixture is made to have disagreements"
    for d in found:
        assert isinstance(d, Disagreement) and isinstance(d.check, Check)
        assert isinstance(d.printed, (int, float))
        assert d.expected is None or d.printed != d.expected
        texts = [v for f in dataclasses.fields(d) if isinstance(v := getattr(d, f.name), str)]
        assert not any(text.endswith(".") and " is " in text for text in texts), texts


def test_a_total_against_its_months_records_both_figures():
    """The tiny fixture prints a total that its months do not add up to: both figures are kept, and the count of parts."""
    data = load(TINY)
    totals = [d for d in find_disagreements(data) if d.check == Check.PERIODS_TOTAL]
    assert totals
    for d in totals:
        series = data.series[(d.area_id, d.scheme_id, d.measure_id)]
        total = next(o for o in series if o.period == d.period and o.kind == d.figure_kind and o.value == d.printed)
        inside = [o for o in series if o.kind == d.figure_kind and total.period.contains(o.period) and o.printed_in == total.printed_in]
        assert d.count == len(inside) and d.expected == sum(o.value for o in inside)
