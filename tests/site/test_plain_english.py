"""Plain English, measured on every generated page: each sentence at most 25 words, 15 on average, and a
Flesch reading ease of 60 or more (textstat, with the packaged CMU dictionary: nothing is downloaded).

What is read is what the site writes in running text: paragraphs, list items and figure captions. Quotes
from the reports (<q>), tables, code, headings and source citations (class care-source) are not: a quote is
the report's words, and a citation is a reference, not a sentence."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import page

from macros.site.advice import readability, sentences, words

SKIPPED = re.compile(r"<(script|style|table|pre|code|q|nav|details)\b.*?</\1>|<([a-z]+)[^>]*class=\"[^\"]*care-source[^\"]*\"[^>]*>.*?</\2>", re.S)
RUNNING = re.compile(r"<(p|li|figcaption)\b[^>]*>(.*?)</\1>", re.S)


def page_sentences(markup: str) -> list[str]:
    article = markup.split("<article", 1)[-1].split("</article>", 1)[0]
    article = SKIPPED.sub(" ", article)
    found = []
    for _, block in RUNNING.findall(article):
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", block))).strip()
        found += [s for s in sentences(text) if words(s)]
    return found


@pytest.fixture(scope="module")
def generated(real_site) -> dict[str, list[str]]:
    site = Path(real_site) / "project" / "site"
    pages = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return {url: page_sentences(page(real_site, "" if url == "." else url)) for url in pages}


def test_page_sentences_reads_running_text_only():
    markup = (
        "<article><h1>A heading of many words that is not a sentence at all</h1><p>One short sentence. Another one.</p>"
        '<p class="care-source">Source: a report.</p><p>It says <q>a quote.</q></p><table><tr><td>12</td></tr></table></article>'
    )
    assert page_sentences(markup) == ["One short sentence.", "Another one.", "It says"]


def test_every_generated_sentence_has_at_most_25_words(generated):
    long = [(url, len(words(s)), s) for url, found in generated.items() for s in found if len(words(s)) > 25]
    assert not long, f"{len(long)} sentences over 25 words, e.g. " + "; ".join(f"{u} ({n}): {s[:120]}" for u, n, s in long[:5])


def test_sentences_are_short_on_average_and_easy_to_read(generated):
    textstat = readability()  # as the build's advice scores pages: the packaged dictionary, not a download
    every = [s for found in generated.values() for s in found]
    assert sum(len(words(s)) for s in every) / len(every) <= 15
    assert textstat.flesch_reading_ease(" ".join(every)) >= 60
