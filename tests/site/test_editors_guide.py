"""The editors' guide (docs/editors.md) against the macros themselves: every macro written with all its
arguments as its signature has them, every argument explained, every example run on the built-in data, the
one-sentence rule for what is added after an editor's words naming every part a macro can place, and the
error messages it shows as the build really says them."""

from __future__ import annotations

import html
import inspect
import json
import re
from types import SimpleNamespace

import pytest
from conftest import REAL_DATA, ROOT, build
from jinja2 import Environment, StrictUndefined

import macros
from macros.data.loader import load
from macros.site import editor_macros
from macros.site.context import Context
from macros.site.html_blocks import expand_parts
from macros.site.macro_errors import usage
from macros.site.placed import Part
from macros.site.settings import Settings

GUIDE = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
# A row of the macros' table: | `name(arguments)` | what it gives | `{{ example }}` |
ROW = re.compile(r"^\| `(\w+)\((.*?)\)` \| .*? \| `(\{\{.*?\}\})` \|$", re.M)
ROWS = {name: (arguments, example) for name, arguments, example in ROW.findall(GUIDE)}
MACROS = editor_macros.macros()


def documented_arguments(written: str) -> list[tuple[str, bool, str | None]]:
    """`"area", "measure", kind="actual", scheme="..."` -> (name, required, default), read from the guide."""
    found = []
    for part in filter(None, (p.strip() for p in written.split(","))):
        required = re.fullmatch(r'"(\w+)"', part)
        optional = re.fullmatch(r'(\w+)="([^"]*)"', part)
        assert required or optional, f"the guide writes an argument as {part!r}"
        if required:
            found.append((required.group(1), True, None))
        else:
            found.append((optional.group(1), False, None if optional.group(2) == "..." else optional.group(2)))
    return found


def test_the_guide_has_a_row_for_every_macro_and_no_other():
    assert set(ROWS) == set(MACROS)


@pytest.mark.parametrize("name", sorted(MACROS))
def test_the_guide_writes_each_macro_with_all_its_arguments(name):
    """Adding, renaming or reordering an argument without the guide fails here."""
    params = list(inspect.signature(MACROS[name]).parameters.values())[1:]  # the first is the page's environment
    from_signature = [
        (p.name, p.default is inspect.Parameter.empty, None if p.default in (None, inspect.Parameter.empty) else p.default) for p in params
    ]
    assert documented_arguments(ROWS[name][0]) == from_signature
    # ...and the same words as the error messages use (macro_errors.usage).
    assert f"{name}({ROWS[name][0]})" == usage(name, MACROS[name])


def test_every_argument_is_explained():
    explained = set(re.findall(r"^- `(\w+)`: ", GUIDE.split("### What to give a macro")[1].split("\n## ")[0], re.M))
    used = {p for fn in MACROS.values() for p in list(inspect.signature(fn).parameters)[1:]}
    assert used == explained


def test_the_rule_for_what_is_added_is_one_sentence_that_names_every_part():
    [rule] = [p for p in GUIDE.split("\n\n") if p.startswith("After your words")]
    assert rule.count(". ") == 0 and rule.endswith(".") and "\n" not in rule.strip()
    listed = GUIDE.split(rule)[1].split("\n## ")[0]
    assert {p.value for p in Part} <= set(re.findall(r"`(\w+)`", listed))


@pytest.fixture(scope="module")
def run_on_built_in_data(tmp_path_factory):
    """Render markdown with the macros as mkdocs-macros would, on the built-in data, without a whole build."""
    tmp = tmp_path_factory.mktemp("guide")
    ctx = Context(load(REAL_DATA, 5), Settings(data_dir=REAL_DATA, chart_cache=tmp / "charts"))
    env = SimpleNamespace(
        conf=SimpleNamespace(plugins={"care": SimpleNamespace(context=lambda: ctx)}),
        page=SimpleNamespace(file=SimpleNamespace(src_uri="extra.md"), url="extra/"),
        registered={},
    )
    env.macro = lambda fn, name: env.registered.__setitem__(name, fn)
    macros.define_env(env)
    jinja = Environment(undefined=StrictUndefined)
    jinja.globals.update(env.registered)

    def run(markdown: str) -> str:
        made = jinja.from_string(markdown).render()
        return "\n".join(expand_parts(made.split("\n"), ctx.done_placing("extra.md").part))

    yield run
    ctx.finish_charts()
    ctx.charts.close()


@pytest.mark.parametrize("name", sorted(MACROS))
def test_every_example_in_the_guide_runs(run_on_built_in_data, name):
    assert run_on_built_in_data(ROWS[name][1]).strip()


def test_the_guide_shows_how_to_ask_for_a_schemes_measure(run_on_built_in_data):
    [example] = re.findall(r"^\{\{ chart\(.*scheme=.*\) \}\}$", GUIDE, re.M)
    shown = run_on_built_in_data(example)
    # The scheme's chart itself, not the sentence saying a measure has too few figures for one: an example that
    # drew no chart would show editors nothing (pick a measure with two figures or more in docs/editors.md).
    assert shown.count("<img ") == 1 and "no chart" not in shown, shown


def guide_messages() -> list[str]:
    """The macro errors the guide shows, each as one line."""
    part = GUIDE.split("A macro written wrong stops the build too.")[1].split("{% endraw %}")[0]
    return [" ".join(block.split()) for block in re.findall(r"```text\n(.*?)```", part, re.S)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "shown, mistake",
    [
        (0, lambda source: source.replace('"soton-dtc-days"', '"soton-dtc-day"', 1)),
        (1, lambda source: re.sub(r'figure\("southampton", "soton-dtc-days", [^)]*\)', 'figure("southampton")', source, count=1)),
    ],
    ids=["unknown id", "missing argument"],
)
def test_the_guides_error_messages_are_what_the_build_says(tmp_path, shown, mistake):
    """The example page with the guide's mistake in it: the build says what the guide says, on that line."""
    page = (ROOT / "docs" / "areas" / "southampton.md").read_text(encoding="utf-8")
    assert mistake(page) != page
    result = build(tmp_path, ROOT / "data", docs={"areas/southampton.md": mistake(page)})
    assert result.returncode != 0
    said = " ".join((result.stdout + result.stderr).split())
    assert guide_messages()[shown] in said, said[-2000:]
    assert "Traceback" not in said


# Issue 21, item 10: a guide that cannot drift. Every column of every CSV file is explained in datapackage.json,
# and the guide shows those explanations with data_columns() when it is built.
PACKAGE = json.loads((REAL_DATA / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [r for r in PACKAGE["resources"] if "schema" in r]


@pytest.mark.parametrize("resource", TABLES, ids=[r["name"] for r in TABLES])
def test_every_file_and_column_has_a_description(resource):
    assert resource.get("description", "").strip(), f"{resource['name']} has no description in data/datapackage.json"
    missing = [f["name"] for f in resource["schema"]["fields"] if not f.get("description", "").strip()]
    assert not missing, f"columns of {resource['path']} with no description in data/datapackage.json: {missing}"


def test_the_guide_lists_every_column_of_every_file_from_the_data_package(run_on_built_in_data):
    assert "{{ data_columns() }}" in GUIDE.split("## Every column of every file")[1].split("\n## ")[0]
    shown = html.unescape(run_on_built_in_data("{{ data_columns() }}"))
    for resource in TABLES:
        assert f"<strong>data/{resource['path']}</strong>: {resource['description']}" in shown
        for spec in resource["schema"]["fields"]:
            assert f"<code>{spec['name']}</code>" in shown and spec["description"].strip() in shown, (resource["name"], spec["name"])


def test_a_column_with_a_list_of_values_shows_them(run_on_built_in_data):
    shown = run_on_built_in_data("{{ data_columns() }}")
    unit = next(f for r in TABLES if r["name"] == "measures" for f in r["schema"]["fields"] if f["name"] == "unit")
    assert all(value in shown for value in unit["constraints"]["enum"])


def test_what_figure_prints_is_made_by_figure_itself(run_on_built_in_data):
    """The guide's examples of what figure() prints are the macro written out, then run: they cannot drift."""
    assert "{{ figure_examples() }}" in GUIDE.split("### What `figure()` prints")[1].split("\n### ")[0]
    shown = html.unescape(run_on_built_in_data("{{ figure_examples() }}"))
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td><code>(.*?)</code></td><td>(.*?)</td></tr>', shown)
    assert {unit for unit, _, _ in rows} >= {"days", "a count", "pounds", "a rate per 100,000"}
    for unit, written, printed in rows:
        assert html.unescape(run_on_built_in_data(written)).strip() == printed
        assert {"days": printed.endswith(" days"), "a rate per 100,000": " per 100,000 " in printed, "pounds": printed.startswith("£")}.get(
            unit, True
        )
