"""A printed figure, said once: how reports and editors write a number ("8,407", "21%", "£1.2m", "-3", "177*").

One grammar, used wherever the site asks "is this text a figure, and which":
- reading a cell (cells.parse_number, which adds the rules a figure must also keep: no £ with %, k or m only
  after a £), and saying what a cell the schema refuses would be (schema.py);
- finding the figures an editor typed into prose (site/fact_check.py): the same digits and scale words, with
  "per cent", a hedge word before and "days" after;
- keeping figures as they are in the downloads while text a spreadsheet would run is neutralised
  (site/downloads.py): a figure may start with a sign, and only with a sign.

The schema's own way of writing a number (Table Schema's lexical forms: 8407, -3, 1.5e3; never 8,407) is not
a printed figure; it is here too, so that every way of writing a number is in this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SIGNS = "-−+"  # a hyphen, a minus sign (U+2212), a plus
MINUS = ("-", "−")
WHOLE = r"\d{1,3}(?:,\d{3})+|\d+"  # 8,407 or 8407
DECIMALS = r"\.\d+"
SCALES = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))  # the longest first: "million" before "m"

# A whole text that is a figure: a sign, a £, the digits (8,407, 8407, 387.6 or .5), % or a scale word, footnote
# marks. Spaces may come between the parts, never before or after the whole.
FIGURE = re.compile(
    rf"""(?:(?P<sign>[{SIGNS}])\s*)?(?:(?P<pound>£)\s*)?
        (?P<digits>(?:{WHOLE})(?:{DECIMALS})?|{DECIMALS})
        (?:\s*(?P<suffix>%|{SCALE_WORDS}))?(?:\s*(?P<mark>\*+))?""",
    re.VERBOSE | re.IGNORECASE,
)

# Words before a figure in prose that say it is not exact ("about 8,000"); the fact check decides which side.
HEDGES = ("about", "around", "nearly", "almost", "over", "more than", "under", "fewer than", "less than", "roughly")
# Figures in running text: "£1.2 million", "21 per cent", "about 1,041 days". No sign ("-" is a dash in prose).
IN_PROSE = re.compile(
    rf"(?P<hedge>\b(?:{'|'.join(HEDGES)})\s+)?"
    rf"(?P<pound>£\s?)?(?P<digits>{WHOLE})(?P<decimals>{DECIMALS})?"
    rf"(?P<scale>\s?(?:{SCALE_WORDS})\b)?(?P<percent>\s?(?:%|per cent))?(?P<days>\s+days?\b)?",
    re.IGNORECASE,
)

# Table Schema's lexical forms (no groupChar, bareNumber true): 8407 and -3 are integers, 8,407 and 3* are not.
# Its NaN and INF are not accepted: no figure of this data is either.
SCHEMA_INTEGER = re.compile(r"[+-]?[0-9]+")
SCHEMA_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


@dataclass(frozen=True, slots=True)
class Printed:
    """The parts of a printed figure, as written: what they mean together is for the reader to decide."""

    value: float  # the digits, signed, not scaled: "-£1.2m" is -1.2
    pound: bool
    suffix: str  # "%", a scale word in lower case, or ""
    mark: bool  # a footnote mark (*) after it


def printed(text: str) -> Printed | None:
    """The parts of a text that is a figure as a whole ('8,407', '-£1.2m', '21%*'), else None."""
    match = FIGURE.fullmatch(text)
    if match is None:
        return None
    value = float(match["digits"].replace(",", ""))
    return Printed(-value if match["sign"] in MINUS else value, bool(match["pound"]), (match["suffix"] or "").lower(), bool(match["mark"]))


def is_figure(text: str) -> bool:
    """Whether the whole text is a printed figure."""
    return FIGURE.fullmatch(text) is not None


def scaled(value: float, scale: str | None) -> float:
    """A value times its scale word ('1.2', 'million' → 1,200,000); no scale word leaves it as it is."""
    return value * SCALES[scale.strip().lower()] if scale else value
