""" "Did you mean …?": the nearest valid choices to a mistyped id, column, period or macro name.

The one place this is worked out, so every error message suggests the same way."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(value: object, choices: Iterable[str], n: int = 3, cutoff: float = 0.5) -> list[str]:
    """Up to `n` choices that look like `value`, closest first; none when nothing is close."""
    return difflib.get_close_matches(str(value), [str(c) for c in choices], n=n, cutoff=cutoff)


def did_you_mean(value: object, choices: Iterable[str], n: int = 3, cutoff: float = 0.5, *, suffix: str = "") -> str:
    """ "Did you mean 'a' or 'b'? " (with a trailing space), or "" when nothing is close.

    `suffix` is added to each choice as shown, e.g. ".md" for a page file named after an id."""
    near = nearest(value, choices, n, cutoff)
    return f"Did you mean {' or '.join(repr(c + suffix) for c in near)}? " if near else ""
