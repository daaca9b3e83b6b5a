"""Macros editors call from markdown pages, registered with mkdocs-macros (`module_name: macros`).

Each macro pulls figures from the data so no number is typed twice. A wrong id or period stops the
build with the page, the line and the nearest valid choices. The editors' page documents every one;
a test checks that it does. The macros are in site/editor_macros.py; this only registers them.
"""

from __future__ import annotations

import inspect

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
    care = env.conf.plugins.get("care")
    _register_error_formats(sorted(found), getattr(care, "page_problem", None))
    for name, fn in found.items():
        env.macro(_bound(env, fn), name)


def _bound(env, fn):
    signature = inspect.signature(fn)

    def call(*args, **kwargs):
        try:
            signature.bind(env, *args, **kwargs)
        except TypeError as error:
            raise PageProblem(f"docs/{env.page.file.src_uri}", None, _arguments_problem(fn, signature, error)) from None
        return fn(env, *args, **kwargs)

    call.__name__, call.__doc__ = fn.__name__, fn.__doc__
    return call


def _arguments_problem(fn, signature, error: TypeError) -> str:
    """'figure' needs an area and a measure: the macro's arguments in words, from its own signature."""
    params = list(signature.parameters.values())[1:]  # the first is the page's environment, not the editor's
    needed = [p.name for p in params if p.default is inspect.Parameter.empty]
    optional = [p.name for p in params if p.default is not inspect.Parameter.empty]
    shape = ", ".join([f'"{name}"' for name in needed] + [f"{name}=..." for name in optional])
    detail = str(error).replace("call()", fn.__name__ + "()")
    return (
        f"the macro {fn.__name__} was not given the right arguments ({detail}). Write it as "
        f"{{{{ {fn.__name__}({shape}) }}}}, with the quoted ones in that order"
        + (f"; {', '.join(optional)} may be left out" if optional else "")
        + ". The 'For editors' page has an example of each macro."
    )


def _front_matter_lines(page) -> int:
    """Lines before the markdown mkdocs-macros renders: its line numbers start after the front matter, an
    editor's editor counts from the top of the file."""
    from mkdocs.utils.meta import YAML_RE

    source = page.file.content_string
    match = YAML_RE.match(source)
    if not match:
        return 0
    rest = source[match.end() :]
    return match.group(0).count("\n") + (len(rest) - len(rest.lstrip("\n")))


def _register_error_formats(names: list[str], tell=None) -> None:
    """Editors see one sentence with the page and line, not a Python traceback; on GitHub Actions, also an
    annotation on that line of the pull request; in the preview, also in the browser (`tell`: the care
    plugin's page_problem)."""
    from jinja2.exceptions import TemplateSyntaxError, UndefinedError
    from mkdocs_macros.errors import format_error

    from .site import github

    def template_line(error):
        tb, line = error.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                line = tb.tb_lineno
            tb = tb.tb_next
        return line

    def say(page, line, message):
        line = line + _front_matter_lines(page) if line else None
        file = f"docs/{page.file.src_uri}"
        github.emit([github.annotation("error", message, file, line)])
        text = f"{file}" + (f", line {line}" if line else "") + f": {message}"
        if tell is not None:
            tell(page.file.src_uri, text)
        return text

    @format_error.register(PageProblem)
    def _(error, markdown, page):
        return say(page, template_line(error), error.args[0].split(": ", 1)[-1])

    @format_error.register(UndefinedError)
    def _(error, markdown, page):
        name = error.message.split("'")[1] if "'" in (error.message or "") else ""
        hint = did_you_mean(name, names, n=1, cutoff=0.6)
        return say(page, template_line(error), f"{error.message}. {hint}The macros are: {', '.join(names)} (see the 'For editors' page).")

    @format_error.register(TemplateSyntaxError)
    def _(error, markdown, page):
        return say(
            page,
            error.lineno,
            f"a macro is not written right ({error.message}). A macro looks like "
            '{{ figure("area-id", "measure-id") }}: two curly brackets on each side, the name, then the '
            "arguments in round brackets, each in quotes.",
        )

    @format_error.register(Exception)
    def _(error, markdown, page):
        return say(
            page,
            template_line(error),
            f"a macro on this page could not be run ({type(error).__name__}: {error}). Check its name and arguments against the 'For editors' page.",
        )
