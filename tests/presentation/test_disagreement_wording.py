"""The wording layer writes each kind of disagreement as one sentence with both figures."""

from __future__ import annotations

import dataclasses
from datetime import date
from types import SimpleNamespace

import pytest

from macros.analysis.disagreements import (
    KINDS,
    Check,
    MoneyTotal,
    Nature,
    PartsOfWhole,
    PeriodsTotal,
    PrintedChange,
    RiskScore,
    Shares,
    StaffCost,
    StaffTotal,
    StatedVsFigures,
    TableAndText,
)
from macros.analysis.status import Status
from macros.data.model import Explanation, Measure, Period
from macros.data.vocab import FigureKind, StatedJudgement
from macros.presentation import wording

FALLS = Measure("falls", "Older people in hospital after a fall", "", "count", "lower", True, "")
PARTS = [Measure(f"part-{i}", f"Part {i}", "", "count", "lower", True, "", "falls") for i in (1, 2)]
DATA = SimpleNamespace(measures={m.id: m for m in [FALLS, *PARTS]})
HALF = Period(date(2016, 4, 1), date(2016, 9, 30))


def fact(kind, **fields):
    return kind(area_id="area", scheme_id=None, source_id="report", where="Table 1", **fields)


@pytest.mark.parametrize(
    "d, sentence",
    [
        (
            fact(PeriodsTotal, printed=458, expected=457, measure_id="falls", figure_kind=FigureKind.PLAN, period=HALF, count=6),
            "Older people in hospital after a fall: the printed plan total for April to September 2016 is 458. Its 6 parts add up to 457.",
        ),
        (
            fact(PeriodsTotal, printed=458, expected=None, measure_id="falls", figure_kind=FigureKind.PLAN, period=HALF, count=6),
            "Older people in hospital after a fall: the printed plan total for April to September 2016 is 458.",
        ),
        (
            fact(
                PartsOfWhole,
                printed=100,
                expected=90,
                measure_id="falls",
                figure_kind=FigureKind.ACTUAL,
                period=HALF,
                parts=("part-1", "part-2"),
                compared=3,
                differing=2,
            ),
            "Older people in hospital after a fall: the printed actual for April to September 2016 is 100. But its 2 parts add up to 90: "
            "Part 1; Part 2. They differ in 2 of the 3 periods compared.",
        ),
        (
            fact(
                PrintedChange,
                printed=19,
                expected=-0.2,
                measure_id="falls",
                figure_kind=FigureKind.CHANGE_VS_PLAN,
                period=HALF,
                actual=457,
                base=458,
            ),
            "Older people in hospital after a fall, April to September 2016: the report says the actual figure is +19% against the plan, "
            "but its own figures (457 against 458) give -0.2%.",
        ),
        (
            fact(TableAndText, printed=9, expected=19, measure_id="falls", figure_kind=FigureKind.CHANGE_VS_PLAN, period=HALF),
            "Older people in hospital after a fall, difference from plan for April to September 2016: the table gives 19% but the text says 9%.",
        ),
        (
            fact(MoneyTotal, printed=1185180, expected=1173474, period=Period(date(2018, 4, 1), date(2019, 3, 31)), item="Total", count=2),
            "Total (2018 to 2019): the printed total is £1,185,180 but the 2 parts add up to £1,173,474.",
        ),
        (
            fact(StaffTotal, printed=3, expected=2.5, period=HALF, item="Posts", count=2),
            "Posts: the printed total is 3 full-time posts but the rows add up to 2.5.",
        ),
        (
            fact(Shares, total=97, period=HALF, item="Pooled fund", count=2),
            "Pooled fund (April to September 2016): the shares add up to 97%, not 100%.",
        ),
        (
            fact(StaffCost, printed=11706, expected=23412, period=HALF, item="Officer", posts=1, cost_of_one=23412),
            "Officer: 1 full-time post at £23,412 each would cost £23,412, but the printed cost is £11,706.",
        ),
        (
            fact(StaffCost, printed=11706, expected=23412, period=HALF, item="Officer", posts=1, cost_of_one=23412, nature=Nature.PART_YEAR),
            "Officer: the printed cost is £11,706 for 1 full-time post at £23,412 a year. This may be the cost for part of the year.",
        ),
        (
            fact(StaffCost, printed=30000, expected=46824, period=HALF, item="Officers", posts=2, cost_of_one=23412, nature=Nature.PART_YEAR),
            "Officers: the printed cost is £30,000 for 2 full-time posts at £23,412 a year (£46,824 a year for all of them). "
            "This may be the cost for part of the year.",
        ),
        (
            fact(
                PartsOfWhole,
                printed=13885,
                expected=14867,
                measure_id="falls",
                figure_kind=FigureKind.ACTUAL,
                period=HALF,
                parts=("part-1", "part-2"),
                compared=7,
                differing=7,
                nature=Nature.DEFINITION,
            ),
            "Older people in hospital after a fall: the printed actual for April to September 2016 is 13,885. Its 2 parts add up to 14,867: "
            "Part 1; Part 2. They differ in all 7 periods compared. These count in different ways; the report does not say why.",
        ),
        (
            fact(
                StatedVsFigures,
                actual=470,
                plan=458,
                measure_id="falls",
                period=HALF,
                stated=StatedJudgement.ON_PLAN,
                quote="performance is on target",
                worked_out=Status.WORSE,
            ),
            "Older people in hospital after a fall, April to September 2016: the report says \u201cperformance is on target\u201d (on plan), "
            "but its own figures give 470 against a plan of 458, which is worse than plan.",
        ),
        (
            fact(RiskScore, printed=12, expected=15, risk="Staff leave", number=4, impact=3, probability=5),
            "Risk 4 (Staff leave): the printed score is 12 but impact 3 times probability 5 is 15.",
        ),
    ],
)
def test_each_check_has_its_sentence(d, sentence):
    assert wording.disagreement(d, DATA) == sentence


def test_every_check_has_wording():
    """A new Check without a sentence would publish nothing, or crash a build: each has one above."""
    covered = {
        Check.PERIODS_TOTAL,
        Check.PARTS_OF_WHOLE,
        Check.PRINTED_CHANGE,
        Check.TABLE_AND_TEXT,
        Check.MONEY_TOTAL,
        Check.STAFF_TOTAL,
        Check.SHARES,
        Check.STAFF_COST,
        Check.RISK_SCORE,
        Check.STATED_VS_FIGURES,
    }
    assert covered == set(Check)
    assert [kind.check for kind in KINDS] == list(Check)  # one kind of disagreement for each check
    assert set(wording.DISAGREEMENT_WORDS) == set(KINDS)  # and a sentence for each kind


@pytest.mark.parametrize("nature", [Nature.DEFINITION, Nature.PART_YEAR])
def test_differences_of_definition_and_part_year_costs_are_not_told_as_contradictions(nature):
    """Neither says "but" (the word of a contradiction); each says what the difference may mean."""
    if nature == Nature.DEFINITION:
        d = fact(
            PartsOfWhole,
            printed=100,
            expected=110,
            measure_id="falls",
            figure_kind=FigureKind.ACTUAL,
            period=HALF,
            parts=("part-1",),
            compared=3,
            differing=3,
            nature=nature,
        )
        meaning = "These count in different ways; the report does not say why."
    else:
        d = fact(StaffCost, printed=500, expected=1000, period=HALF, item="Officer", posts=1, cost_of_one=1000, nature=nature)
        meaning = "This may be the cost for part of the year."
    said = wording.disagreement(d, DATA)
    assert " but " not in said.lower() and said.endswith(meaning)
    assert " but " in wording.disagreement(dataclasses.replace(d, nature=Nature.SLIP), DATA).lower()  # a slip is told as one


def test_each_nature_has_a_heading_and_what_it_means():
    assert list(wording.NATURES) == list(Nature)
    headings = [heading for heading, _ in wording.NATURES.values()]
    assert len(set(headings)) == len(headings) and not any("problem" in h.lower() for h in headings)


def test_an_explanation_says_who_explains_it():
    e = Explanation(
        "area", None, "falls", "parts_of_whole", "All ages counts people, the age groups count stays", "the council, asked on 1 May 2017", 2
    )
    assert wording.explanation(e) == (
        "Why they differ, according to the council, asked on 1 May 2017: All ages counts people, the age groups count stays."
    )
