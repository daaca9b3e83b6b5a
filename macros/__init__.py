"""Macros editors call from markdown pages, registered with mkdocs-macros (`module_name: macros`).

Each macro pulls figures from the data so no number is typed twice. A wrong id or period stops the
build with the page, the line and the nearest valid choices. The editors' page documents every one;
a test checks that it does. The macros are in site/editor_macros.py; this only registers them.
"""

from __future__ import annotations

from .data.errors import PageProblem
from .data.nearest import did_you_mean


def macro(fn):
    """Mark a function of site/editor_macros.py as a macro editors can call."""
    fn.is_macro = True
    return fn


def define_env(env):
    """Register the macros and the error messages mkdocs-macros shows when one fails."""
    from .site import editor_macros

    found = editor_macros.macros()
    _register_error_formats(sorted(found))
    for name, fn in found.items():
        env.macro(_bound(env, fn), name)


def _bound(env, fn):
    def call(*args, **kwargs):
        return fn(env, *args, **kwargs)

    call.__name__, call.__doc__ = fn.__name__, fn.__doc__
    return call


def _register_error_formats(names: list[str]) -> None:
    """Editors see one sentence with the page and line, not a Python traceback."""
    from jinja2.exceptions import UndefinedError
    from mkdocs_macros.errors import format_error

    def template_line(error):
        tb, line = error.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                line = tb.tb_lineno
            tb = tb.tb_next
        return line

    def where(page, line):
        return f"docs/{page.file.src_uri}" + (f", line {line}" if line else "")

    @format_error.register(PageProblem)
    def _(error, markdown, page):
        return f"{where(page, template_line(error))}: {error.args[0].split(': ', 1)[-1]}"

    @format_error.register(UndefinedError)
    def _(error, markdown, page):
        name = error.message.split("'")[1] if "'" in (error.message or "") else ""
        hint = did_you_mean(name, names, n=1, cutoff=0.6)
        return f"{where(page, template_line(error))}: {error.message}. {hint}The macros are: {', '.join(names)} (see the 'For editors' page)."
