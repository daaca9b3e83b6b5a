"""The Jinja environment that makes every HTML fragment and generated page, and its filters.

Templates live in `macros/site/templates/`: `*.html` for fragments, `*.md` for whole pages and for
markdown parts (a heading and an HTML block). Autoescaping is on for both, so a string from the data is
escaped wherever a template prints it, whoever wrote the template; only what a template or a filter made
(`markupsafe.Markup`) is printed as it is. Python hands templates plain data: strings, numbers, lists,
dicts and the data's own dataclasses. Anything already rendered that it passes on came from here.

One environment per process: `environment()` is cached and never changed after it is made (the filters
are registered when it is created). It holds no build state; what differs between builds (the glossary)
is passed to the templates as data.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..presentation import statuses
from . import html_blocks

TEMPLATES = Path(__file__).resolve().parent / "templates"


def abbreviate(value, abbreviations=None) -> Markup:
    """Escape a cell, then wrap each glossary term in it in <abbr title="meaning"> (see render.Abbreviations)."""
    escaped = escape("" if value is None else value)
    return abbreviations.apply(escaped) if abbreviations else escaped


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~-])")


def md_heading(title, level: int, anchor: str | None = None) -> Markup:
    """A markdown heading (so it reaches the table of contents) whose text cannot be read as markup:
    escaped for HTML, then every character markdown gives a meaning backslash-escaped."""
    escaped = str(escape(title)).replace("&#34;", '"').replace("&#39;", "'")
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", escaped)
    anchor_part = f" {{ #{anchor} }}" if anchor else ""
    return Markup(f"{'#' * int(level)} {escaped}{anchor_part}")


_MARKDOWN_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def md_text(value) -> Markup:
    """Text an editor's macro puts into the markdown of a page (not inside an HTML block): every character
    Python-Markdown can backslash-escape escaped, then escaped for HTML (in that order, so the `#` of an
    entity is left alone), so `[x](javascript:...)`,
    `*[HTML]: x` or `{: onclick=... }` in a cell stay words."""
    return escape(_MARKDOWN_ESCAPABLE.sub(r"\\\1", "" if value is None else str(value)))


def yaml_string(value) -> Markup:
    """A front-matter value. The theme puts title and description into <title> and a meta attribute without
    escaping them, so escape for HTML; then quote for YAML so a cell cannot end the string."""
    escaped = str(escape(value or "")).replace("\\", "\\\\").replace("\n", " ").replace("\r", " ")
    return Markup(f'"{escaped}"')


_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def web_address(url) -> str | None:
    """The address if it is an http(s) one, else None: a `javascript:` or `data:` address in a cell must
    never become a link. Browsers ignore spaces and control characters in a scheme, so they are dropped first."""
    cleaned = _CONTROL.sub("", str(url or ""))
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    return cleaned if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def block(value) -> Markup:
    """An HTML block markdown leaves alone: a blank line before and after, none inside, no line indented
    (an indented line after a closed element could be read as code). Whitespace between tags shows as
    at most one space, so the page reads the same. Marked so that Markdown keeps it from its HTML parser
    (html_blocks.py); a block inside a block is marked only once, by the outer one."""
    lines = (line.strip() for line in str(value).splitlines())
    body = "\n".join(line for line in lines if line and line not in (html_blocks.START, html_blocks.END))
    return Markup(f"\n\n{html_blocks.START}\n{body}\n{html_blocks.END}\n\n")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, .html and .md: text from the data is never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are code: never changed during a build, and checking cost 115,000 stat calls
    )
    env.filters.update(
        abbr=abbreviate,
        md_heading=md_heading,
        md_text=md_text,
        yaml_string=yaml_string,
        web_address=web_address,
        block=block,
        status_word=statuses.WORDS.__getitem__,
    )
    return env


def render(name: str, /, **data) -> Markup:
    """A template rendered with plain data, as markup other templates print as it is."""
    return Markup(environment().get_template(name).render(**data))


def macro(name: str):
    """A macro of `macros.html` (table, link, status_badge, ...), callable from Python with plain data."""
    return getattr(environment().get_template("macros.html").module, name)
