"""The preview's page of problems counts each mistake in the data (issue 21, item 9): it said "1 problem" above
one block listing 3, because the data's mistakes came as one message."""

from __future__ import annotations

import re

from macros.data.errors import DataProblems, Problem
from macros.site.engine import Engine
from macros.site.engine.browser import problem_html


def test_three_mistakes_in_the_data_are_three_problems_on_the_preview_page():
    engine = Engine(serving=True)
    mistakes = [
        Problem(file="data/observations.csv", line=n, column="value", value="x", message="this is not a number", fix="Fix it.") for n in (2, 3, 4)
    ]
    engine.stopped(DataProblems(mistakes))
    page = problem_html(engine.problems)
    assert "<title>The preview has 3 problems to fix</title>" in page
    assert [p for p in re.findall(r'<pre class="problem">(.*?)</pre>', page, re.S)] == [str(m).replace("'", "&#39;") for m in mistakes]
