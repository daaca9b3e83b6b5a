"""What an editor reads when a macro is written wrong: one sentence with the page, the line in the file
(front matter counted) and what to do; never a Python traceback. On GitHub Actions, also an annotation on
that line of the pull request.

Three kinds of mistake: a call that does not fit the macro (`call_problem`: missing, extra, unknown or
unquoted arguments), a macro Jinja cannot read (`syntax_words`), and a name that is not a macro
(`undefined_words`). Ids the data does not have are reported by the macros themselves (PageProblem)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Sequence

from jinja2 import Undefined

from ..data.errors import PageProblem
from ..data.nearest import did_you_mean
from ..presentation import wording
from . import github

LONGEST_SHOWN = 60  # characters of a value quoted back in a message; the rest is counted, not printed


def arguments(fn: Callable) -> list[inspect.Parameter]:
    """The arguments an editor gives a macro: its parameters after the page's environment."""
    return list(inspect.signature(fn).parameters.values())[1:]


def usage(name: str, fn: Callable) -> str:
    """The macro as the editors' guide writes it: `figure("area", "measure", period="...", kind="actual")`.
    The ones with = may be left out; "..." stands for a value with no default."""
    shown = []
    for p in arguments(fn):
        if p.default is inspect.Parameter.empty:
            shown.append(f'"{p.name}"')
        else:
            shown.append(f'{p.name}="{"..." if p.default is None else p.default}"')
    return f"{name}({', '.join(shown)})"


def write_it_as(name: str, fn: Callable) -> str:
    optional = any(p.default is not inspect.Parameter.empty for p in arguments(fn))
    return f"Write it as {{{{ {usage(name, fn)} }}}}" + ("; the arguments with = may be left out." if optional else ".")


def short(value: object) -> str:
    """A value as a message quotes it, cut short when it is very long."""
    text = str(value)
    return text if len(text) <= LONGEST_SHOWN else f"{text[:40]}… ({len(text):,} characters)"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def call_problem(name: str, fn: Callable, args: tuple, kwargs: dict) -> str | None:
    """What is wrong with a call of macro `name`, in words, or None when the macro can be run with it."""
    params = arguments(fn)
    names = [p.name for p in params]
    tail = " " + write_it_as(name, fn)
    if len(args) > len(params):
        takes = f"at most {wording.plural(len(params), 'argument')} ({_and(names)})" if params else "no arguments"
        return f"the macro {name} takes {takes}, but was given {len(args)}.{tail}"
    for key in kwargs:
        if key not in names:
            hint = did_you_mean(key, names, n=1, cutoff=0.5)
            given = f"Its arguments are {_and(names)}." if names else "It takes no arguments."
            return f"the macro {name} has no argument '{short(key)}'. {hint}{given}{tail}"
    for given_in_order in names[: len(args)]:
        if given_in_order in kwargs:
            return f"the macro {name} was given its {given_in_order} twice: once in order and once as {given_in_order}=.{tail}"
    missing = [p.name for p in params[len(args) :] if p.default is inspect.Parameter.empty and p.name not in kwargs]
    if missing:
        return f"the macro {name} is missing its {_and(missing)}.{tail}"
    values = dict(zip(names, args, strict=False)) | kwargs
    for p in params:
        value = values.get(p.name)
        if isinstance(value, Undefined):  # a word without quotes: Jinja looked for a variable of that name
            word = short(value._undefined_name)
            return f'the macro {name} needs its {p.name} in quotes: write "{word}", not {word}.'
        if value is not None and not isinstance(value, str):
            found = short(value)
            return f'the macro {name} needs its {p.name} as text in quotes (found {found}): write "{found}" if that is what you meant.{tail}'
    return None


# What Jinja (which reads the macros) says, and the same in plain words: first match wins.
_SYNTAX: list[tuple[str, str]] = [
    (r"unexpected char '[“”‘’]'", 'it has curly quote marks (“ ” or ‘ ’), which word processors put in. Type straight ones instead: " ".'),
    (r"unexpected char '[\"']'", "a quote mark is not closed. Each id needs a quote mark before it and after it."),
    (r"unexpected char '(.)'", "it has a character a macro cannot have: {0}. Only letters, numbers, quotes, commas and brackets go in a macro."),
    (r"unexpected '}', expected '\)'", "a round bracket is not closed. Put ) before }}."),
    (r"unexpected '}'", "it ends with one curly bracket. End it with two: }}."),
    (r"unexpected '?end of template'?", "it is not closed. End it with }}."),
    (r"expected token ',', got", "something is missing between two arguments: a comma, or a quote mark."),
    (r"unexpected ','", "it has a comma too many."),
    (r"unexpected '\)'", "it has a round bracket ) too many."),
    (r"Encountered unknown tag 'endraw'", "{% endraw %} has no {% raw %} before it."),
    (r"Encountered unknown tag '(\w+)'", "macros go between {{{{ and }}}}, not between {{% and %}}: write {{{{ {0}(...) }}}}."),
    (
        r"Missing end of comment tag",
        "{# starts a comment that is never closed with #}. To show {# as it is, put it between {% raw %} and {% endraw %}.",
    ),
    (r"Missing end of raw directive", "{% raw %} is never closed with {% endraw %}."),
    (r"Expected an expression, got 'end of print statement'", "there is nothing between {{ and }}."),
    (r"expected token 'end of print statement'", "something comes after the macro's name that is not in round brackets."),
    (r"invalid syntax for function call expression", 'an argument with a name, such as kind="plan", must come after the ones without.'),
]
_EXAMPLE = (
    'A macro looks like {{ figure("southampton", "soton-dtc-days") }}: two curly brackets each side, the name, then the arguments in round brackets.'
)


def syntax_words(message: str) -> str:
    """A Jinja syntax error in plain words, with what a macro looks like."""
    for pattern, words in _SYNTAX:
        found = re.search(pattern, message or "")
        if found:
            said = words.format(*found.groups()) if found.groups() else words
            return f"a macro is not written right: {said} {_EXAMPLE}"
    return f"a macro is not written right ({message}). {_EXAMPLE}"


def undefined_words(message: str, line: str, macros: Sequence[str]) -> str:
    """A name Jinja does not know: a macro misspelt ({{ figur(...) }}), or an id without its quotes."""
    found = re.fullmatch(r"'([^']*)' is undefined", message or "")
    if not found:
        return f"a macro on this page uses something that does not exist ({message}). The macros are: {', '.join(macros)}."
    name = found.group(1)
    if re.search(r"\{\{-?\s*" + re.escape(name) + r"\s*\(", line) or not line:
        hint = did_you_mean(name, macros, n=1, cutoff=0.6)
        return f"there is no macro '{short(name)}'. {hint}The macros are: {', '.join(macros)} (see the 'For editors' page)."
    # An id written without quotes: Jinja reads soton-dtc-days as soton minus dtc minus days.
    word = re.search(r"(?<![\w\"'-])" + re.escape(name) + r"[\w-]*", line)
    written = short(word.group(0) if word else name)
    return f'{written} is not in quotes. Ids, periods and kinds go in quotes: write "{written}".'


def front_matter_lines(page) -> int:
    """Lines before the markdown mkdocs-macros renders: its line numbers start after the front matter, an
    editor's editor counts from the top of the file."""
    from mkdocs.utils.meta import YAML_RE

    source = page.file.content_string
    match = YAML_RE.match(source)
    if not match:
        return 0
    rest = source[match.end() :]
    return match.group(0).count("\n") + (len(rest) - len(rest.lstrip("\n")))


def _template_line(error: BaseException) -> int | None:
    """The line of the page's template where the error happened (the innermost frame of it)."""
    tb, line = error.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def register(macros: Sequence[str], tell: Callable[[str, str], None] | None = None) -> None:
    """Tell mkdocs-macros how to say each kind of error: one sentence with the page and line. `tell` (the care
    plugin's page_problem) hears each one too: the preview shows it in the browser."""
    from jinja2.exceptions import TemplateSyntaxError, UndefinedError
    from mkdocs_macros.errors import format_error

    def say(page, line, message):
        line = line + front_matter_lines(page) if line else None
        file = f"docs/{page.file.src_uri}"
        github.emit([github.annotation("error", message, file, line)])
        text = f"{file}" + (f", line {line}" if line else "") + f": {message}"
        if tell is not None:
            tell(page.file.src_uri, text)
        return text

    @format_error.register(PageProblem)
    def _(error, markdown, page):
        return say(page, _template_line(error), error.args[0].split(": ", 1)[-1])

    @format_error.register(UndefinedError)
    def _(error, markdown, page):
        line = _template_line(error)
        lines = markdown.splitlines()
        text = lines[line - 1] if line and line <= len(lines) else ""
        return say(page, line, undefined_words(error.message or "", text, macros))

    @format_error.register(TemplateSyntaxError)
    def _(error, markdown, page):
        return say(page, error.lineno, syntax_words(error.message or ""))

    @format_error.register(Exception)
    def _(error, markdown, page):
        return say(
            page,
            _template_line(error),
            f"a macro on this page could not be run ({type(error).__name__}: {short(error)}). "
            "Check its name and arguments against the 'For editors' page.",
        )
