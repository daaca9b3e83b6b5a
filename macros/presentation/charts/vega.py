"""The Vega spec of a plot: its Vega-Lite spec (`spec`) compiled by vl-convert once for every chart of the same
form, the title and the figures then put in.

Building the Altair chart and compiling it to Vega cost about 13 ms a chart, more than half of drawing
it. But what Altair and Vega-Lite make of a plot depends on its shape, unit, periods and series only
(the form); its title and figures go into the compiled spec as they are: the title as the title's
text, the rows as the inline data. A cold national build has about 7,100 charts of a few dozen forms.
Each process keeps the forms it has compiled (`_form`, a cache keyed by the form); a form is checked when it
is compiled: a title or rows that turned up anywhere else in the compiled spec (another Altair or Vega-Lite
might put them elsewhere) stop the build rather than draw a wrong chart. tests/presentation/test_chart_vega.py checks
that the spec is the one compiling the plot's own Vega-Lite spec gives, for every shape.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, replace

from . import drawing, spec
from .points import Plot

# A title no chart has, to find where the compiled spec puts the title.
_TITLE = "\x00title of the form\x00"


@dataclass(frozen=True)
class Form:
    """A compiled spec with the place of its title and of its rows."""

    compiled: dict
    data: int  # the index in compiled["data"] of the inline rows


@dataclass(frozen=True)
class _Sample:
    """A plot as the key of its form: equal to, and hashed as, any other plot of the same form."""

    form: tuple
    plot: Plot = field(compare=False)


def form_of(plot: Plot) -> tuple:
    """Everything the compiled spec depends on: all `spec.altair_chart` reads of a plot but its title and figures."""
    return (plot.shape, plot.unit, tuple(plot.periods), tuple(plot.series))


def vega(plot: Plot) -> dict:
    """The Vega spec vl-convert draws for a plot (`drawing.compile_vega_lite(spec.vega_lite(plot))`)."""
    form = _form(_Sample(form_of(plot), plot))
    out = dict(form.compiled)  # the parts not replaced are shared with the form: vl-convert only reads them
    out["title"] = {**form.compiled["title"], "text": plot.title}
    data = list(form.compiled["data"])
    data[form.data] = {**data[form.data], "values": spec.rows(plot)}
    out["data"] = data
    return out


@functools.cache
def _form(sample: _Sample) -> Form:
    """The form compiled from the first plot of it this process drew (`_compile`), kept for the process."""
    return _compile(sample.plot)


def _compile(plot: Plot) -> Form:
    """Compile the plot's form, from the plot with a title no chart has, and find its title and rows."""
    marked = replace(plot, title=_TITLE)
    compiled = drawing.compile_vega_lite(spec.vega_lite(marked))
    inline = [i for i, d in enumerate(compiled["data"]) if "values" in d]
    text = json.dumps(compiled)
    if (
        compiled.get("title", {}).get("text") != _TITLE
        or text.count(json.dumps(_TITLE)[1:-1]) != 1
        or len(inline) != 1
        or compiled["data"][inline[0]]["values"] != spec.rows(marked)
    ):
        raise RuntimeError(
            "Vega-Lite compiled a chart's title or figures somewhere other than its title text and its inline data "
            f"(Altair or vl-convert changed?): macros/presentation/charts/vega.py cannot fill in a compiled form. Form: {form_of(plot)}"
        )
    return Form(compiled, inline[0])
