"""Macros editors call from markdown pages, registered with mkdocs-macros (`module_name: macros`).

Each macro pulls figures from the data so no number is typed twice. A wrong id or period stops the
build with the page, the line and the nearest valid choices. The editors' page documents every one;
a test checks that it does.
"""
from __future__ import annotations

import difflib

from .data.errors import PageProblem

MACROS = {}


def macro(fn):
    MACROS[fn.__name__] = fn
    return fn


def define_env(env):
    """Register the macros and the error messages mkdocs-macros shows when one fails."""
    from .site import editor_macros  # noqa: F401  (fills MACROS)

    _register_error_formats()
    for name, fn in MACROS.items():
        env.macro(_bound(env, fn), name)


def _bound(env, fn):
    def call(*args, **kwargs):
        return fn(env, *args, **kwargs)

    call.__name__, call.__doc__ = fn.__name__, fn.__doc__
    return call


def _register_error_formats():
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
        near = difflib.get_close_matches(name, list(MACROS), n=1)
        hint = f" Did you mean '{near[0]}'?" if near else ""
        return (f"{where(page, template_line(error))}: {error.message}.{hint} "
                f"The macros are: {', '.join(sorted(MACROS))} (see the 'For editors' page).")
