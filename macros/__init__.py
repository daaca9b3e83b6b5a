"""Macros editors call from markdown pages, registered with mkdocs-macros (`module_name: macros`).

Each macro pulls figures from the data so no number is typed twice. A wrong id or period stops the
build with the page, the line and the nearest valid choices. The editors' page documents every one;
a test checks that it does. The macros are in site/editor_macros.py, what an editor reads when one is
written wrong in site/macro_errors.py; this only registers them.
"""

from __future__ import annotations

from .data.errors import PageProblem


def macro(fn):
    """Mark a function of site/editor_macros.py as a macro editors can call."""
    fn.is_macro = True
    return fn


def define_env(env):
    """Register the macros and the error messages mkdocs-macros shows when one fails."""
    from .site import editor_macros, macro_errors

    found = editor_macros.macros()
    care = env.conf.plugins.get("care")
    macro_errors.register(sorted(found), getattr(care, "page_problem", None))
    for name, fn in found.items():
        env.macro(_checked(env, name, fn), name)


def _checked(env, name, fn):
    """The macro, checking first that it was given what it takes (a message for the editor, not a TypeError)."""
    from .site.macro_errors import call_problem

    def call(*args, **kwargs):
        problem = call_problem(name, fn, args, kwargs)
        if problem:
            raise PageProblem(f"docs/{env.page.file.src_uri}", None, problem)
        return fn(env, *args, **kwargs)

    call.__name__, call.__doc__ = fn.__name__, fn.__doc__
    return call
