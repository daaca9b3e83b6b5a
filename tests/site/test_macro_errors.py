"""Macros written wrong (issue 13, item 4): one message each, with the page, the line in the file (front matter
counted), what was found and what to do; never a traceback. Exact texts: the builds check the page and line
end to end; the unit tests check every kind of mistake in words."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from conftest import TINY, build, data_dir

import macros
from macros.data.errors import PageProblem
from macros.data.loader import load
from macros.site.context import Context
from macros.site.macro_errors import call_problem, short, syntax_words, undefined_words
from macros.site.settings import Settings

FIGURE = 'Write it as {{ figure("area", "measure", period="...", kind="actual", scheme="...") }}; the arguments with = may be left out.'
LOOKS_LIKE = (
    'A macro looks like {{ figure("southampton", "soton-dtc-days") }}: two curly brackets each side, the name, then the arguments in round brackets.'
)
FRONT = "---\ntitle: T\n---\n\n# T\n\n"  # front matter: the macro below it is on line 7 of the file


@pytest.mark.slow
@pytest.mark.parametrize(
    "source, expected",
    [
        (FRONT + '{{ figure("testshire") }}\n', f"docs/extra.md, line 7: the macro figure is missing its measure. {FIGURE}"),
        (
            FRONT + 'Text {{ figure("testshire", "dtc-days" }}\n',
            f"docs/extra.md, line 7: a macro is not written right: a round bracket is not closed. Put ) before }}}}. {LOOKS_LIKE}",
        ),
        (
            FRONT + '{{ figure("testshire", "dtc-dayz") }}\n',
            "docs/extra.md, line 7: there is no measure 'dtc-dayz'. Did you mean 'dtc-days'? The ids are in the first column of data/measures.csv.",
        ),
        (
            '# T\n\n{{ chart("testshire", "carers-assessed") }}\n',
            'docs/extra.md, line 3: this measure belongs to a scheme: add scheme="<id>". The scheme in testshire that reports it is "test-carers", '
            'so write {{ chart("testshire", "carers-assessed", scheme="test-carers") }}.',
        ),
        (
            FRONT + "Words.\n\n{{ figure(testshire, dtc-days) }}\n",
            'docs/extra.md, line 9: dtc-days is not in quotes. Ids, periods and kinds go in quotes: write "dtc-days".',
        ),
        (
            FRONT + "{{ figure(“testshire”, “dtc-days”) }}\n",
            "docs/extra.md, line 7: a macro is not written right: it has curly quote marks (“ ” or ‘ ’), which word processors put in. "
            f'Type straight ones instead: " ". {LOOKS_LIKE}',
        ),
        (
            FRONT + '{{ figur("testshire", "dtc-days") }}\n',
            "docs/extra.md, line 7: there is no macro 'figur'. Did you mean 'figure'? The macros are: ",
        ),
        (
            '# T\n\n{{ table("testshire", "dtc-days", colour="red") }}\n',
            "docs/extra.md, line 3: the macro table has no argument 'colour'. Its arguments are area, measure and scheme. "
            'Write it as {{ table("area", "measure", scheme="...") }}; the arguments with = may be left out.',
        ),
        (
            '# T\n\n{{ money("testshire", scheme="nobody-s-scheme") }}\n',
            "docs/extra.md, line 3: there is no scheme 'nobody-s-scheme'. The ids are in the first column of data/schemes.csv.",
        ),
        (
            "# T\n\n" + '{{ figure("' + "x" * 300 + '", "dtc-days") }}\n',
            f"docs/extra.md, line 3: there is no area '{'x' * 40}… (300 characters)'. The ids are in the first column of data/areas.csv.",
        ),
    ],
    ids=[
        "missing argument",
        "syntax error",
        "unknown id",
        "scheme measure",
        "id without quotes",
        "curly quotes",
        "unknown macro",
        "unknown keyword",
        "unknown scheme",
        "a very long id",
    ],
)
def test_macro_mistakes_name_the_real_line_without_a_traceback(tmp_path, source, expected):
    result = build(tmp_path, data_dir(tmp_path), docs={"extra.md": source})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output
    assert "Traceback" not in output
    assert not (tmp_path / "project" / "site" / "index.html").exists()


@pytest.mark.slow
def test_a_macro_mistake_is_marked_on_its_line_on_github(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"extra.md": FRONT + '{{ figure("testshire") }}\n'}, env={"GITHUB_ACTIONS": "true"})
    assert f"::error file=docs/extra.md,line=7::the macro figure is missing its measure. {FIGURE}" in result.stdout


# Each kind of mistake in words ---------------------------------------------------------------------------------


def figure(env, area, measure, period=None, kind="actual", scheme=None):
    """A stand-in with the real figure macro's signature."""


def glossary(env):
    """A stand-in for a macro with no arguments."""


@pytest.mark.parametrize(
    "args, kwargs, expected",
    [
        (("a",), {}, f"the macro figure is missing its measure. {FIGURE}"),
        ((), {}, f"the macro figure is missing its area and measure. {FIGURE}"),
        (
            ("a", "m", "p", "k", "s", "x"),
            {},
            f"the macro figure takes at most 5 arguments (area, measure, period, kind and scheme), but was given 6. {FIGURE}",
        ),
        (
            ("a", "m"),
            {"knd": "plan"},
            f"the macro figure has no argument 'knd'. Did you mean 'kind'? Its arguments are area, measure, period, kind and scheme. {FIGURE}",
        ),
        (("a", "m"), {"area": "b"}, f"the macro figure was given its area twice: once in order and once as area=. {FIGURE}"),
        (("a", 12), {}, f'the macro figure needs its measure as text in quotes (found 12): write "12" if that is what you meant. {FIGURE}'),
        (("a", "m"), {"scheme": None}, None),  # none is the same as leaving it out
    ],
)
def test_a_call_that_does_not_fit_the_macro(args, kwargs, expected):
    assert call_problem("figure", figure, args, kwargs) == expected


def test_a_word_without_quotes_is_named_with_its_quotes():
    from jinja2 import StrictUndefined

    assert call_problem("figure", figure, (StrictUndefined(name="southampton"), "m"), {}) == (
        'the macro figure needs its area in quotes: write "southampton", not southampton.'
    )


def test_a_macro_with_no_arguments_given_one():
    assert call_problem("glossary", glossary, ("x",), {}) == "the macro glossary takes no arguments, but was given 1. Write it as {{ glossary() }}."


@pytest.mark.parametrize(
    "jinja_says, plain",
    [
        ("unexpected '}'", "it ends with one curly bracket. End it with two: }}."),
        ("unexpected end of template, expected 'end of print statement'.", "it is not closed. End it with }}."),
        ("expected token ',', got 'dtc'", "something is missing between two arguments: a comma, or a quote mark."),
        ("unexpected char '\"' at 5", "a quote mark is not closed. Each id needs a quote mark before it and after it."),
        ("Encountered unknown tag 'figure'.", "macros go between {{ and }}, not between {% and %}: write {{ figure(...) }}."),
        (
            "Missing end of comment tag",
            "{# starts a comment that is never closed with #}. To show {# as it is, put it between {% raw %} and {% endraw %}.",
        ),
        ("Expected an expression, got 'end of print statement'", "there is nothing between {{ and }}."),
        ("invalid syntax for function call expression", 'an argument with a name, such as kind="plan", must come after the ones without.'),
    ],
)
def test_jinja_syntax_errors_in_plain_words(jinja_says, plain):
    assert syntax_words(jinja_says) == f"a macro is not written right: {plain} {LOOKS_LIKE}"


def test_an_unknown_syntax_error_still_says_what_a_macro_looks_like():
    assert syntax_words("something new") == f"a macro is not written right (something new). {LOOKS_LIKE}"


def test_a_misspelt_macro_and_an_id_without_quotes_are_told_apart():
    names = ["chart", "figure"]
    assert undefined_words("'figur' is undefined", '{{ figur("a", "b") }}', names) == (
        "there is no macro 'figur'. Did you mean 'figure'? The macros are: chart, figure (see the 'For editors' page)."
    )
    assert undefined_words("'soton' is undefined", '{{ chart("southampton", soton-dtc-days) }}', names) == (
        'soton-dtc-days is not in quotes. Ids, periods and kinds go in quotes: write "soton-dtc-days".'
    )


def test_long_values_are_cut_short():
    assert short("x" * 61) == "x" * 40 + "… (61 characters)"
    assert short("x" * 60) == "x" * 60


# Ids the data does not have: the macros' own messages, on data made for the purpose -----------------------------


@pytest.fixture
def call(tmp_path):
    """Call a macro as a page would (argument checks included), on the tiny data with two more schemes in
    Testshire that report carers-assessed, from a page named by `page`."""
    data = tmp_path / "data"
    shutil.copytree(TINY, data)
    with open(data / "areas.csv", "a", encoding="utf-8") as out:
        out.write("elsewhere,Elsewhere,Elsewhere Council,Another place.,rep-2016\n")
    with open(data / "schemes.csv", "a", encoding="utf-8") as out:
        out.write("elsewhere-falls,elsewhere,Falls,Fewer falls.,Older people.,running,rep-2016,Paragraph 10\n")
        out.write("test-respite,testshire,Respite breaks,Breaks for carers.,Carers.,running,rep-2016,Paragraph 10\n")
        out.write("test-young-carers,testshire,Young carers,Help for young carers.,Young carers.,running,rep-2016,Paragraph 10\n")
    with open(data / "observations.csv", "a", encoding="utf-8") as out:
        for scheme in ("test-respite", "test-young-carers"):
            out.write(f"testshire,{scheme},carers-assessed,2016-04-01,2016-09-30,Year 3,actual,30,,table,,rep-2016,Table in paragraph 10,,,\n")
    ctx = Context(load(data, 5), Settings(data_dir=data, chart_cache=tmp_path / "charts"))

    def run(page: str, name: str, *args, **kwargs) -> str:
        env = SimpleNamespace(
            conf=SimpleNamespace(plugins={"care": SimpleNamespace(context=lambda: ctx)}),
            page=SimpleNamespace(file=SimpleNamespace(src_uri=page), url=page.removesuffix(".md") + "/"),
            registered={},
        )
        env.macro = lambda fn, macro_name: env.registered.__setitem__(macro_name, fn)
        macros.define_env(env)
        with pytest.raises(PageProblem) as raised:
            env.registered[name](*args, **kwargs)
        return str(raised.value)

    yield run
    ctx.charts.close()


def test_a_schemes_measure_without_its_scheme_names_the_pages_own_scheme_first(call):
    assert call("schemes/test-respite.md", "status", "testshire", "carers-assessed") == (
        'docs/schemes/test-respite.md: this measure belongs to a scheme: add scheme="<id>". Schemes in testshire that report it: '
        '"test-respite", "test-carers" and "test-young-carers". For example {{ status("testshire", "carers-assessed", scheme="test-respite") }}.'
    )


def test_a_whole_area_measure_given_a_scheme(call):
    assert call("extra.md", "chart", "testshire", "dtc-days", scheme="test-carers") == (
        "docs/extra.md: the figures for 'dtc-days' in testshire are for the whole area, not for a scheme: leave out scheme=\"test-carers\", "
        'as in {{ chart("testshire", "dtc-days") }}.'
    )


def test_a_scheme_given_with_another_area(call):
    assert call("extra.md", "money", "testshire", scheme="elsewhere-falls") == (
        "docs/extra.md: the scheme 'elsewhere-falls' is in the area 'elsewhere', not 'testshire'. Give the scheme's own area, "
        'as in {{ money("elsewhere", scheme="elsewhere-falls") }}.'
    )
    assert call("extra.md", "table", "testshire", "carers-assessed", scheme="elsewhere-falls") == (
        "docs/extra.md: the scheme 'elsewhere-falls' is in the area 'elsewhere', not 'testshire'. Give the scheme's own area, "
        'as in {{ table("elsewhere", "carers-assessed", scheme="elsewhere-falls") }}.'
    )


def test_a_period_with_no_figure_lists_the_periods_there_are(call):
    assert call("extra.md", "figure", "testshire", "dtc-days", "June 2016") == (
        "docs/extra.md: there is no actual figure for 'dtc-days' in 'testshire' for the period 'June 2016'. "
        "Did you mean 'May 2016' or 'April 2016'? Periods with an actual figure: April 2016; April to May 2016; May 2016."
    )
