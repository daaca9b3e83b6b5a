"""The read-only view of the data that pages see (`Query`), which records what each page reads, so the engine
knows which pages an edit can change (engine/).

The build's Context is made with a Query and holds no other reference to the Dataset: it is the only way a
page reaches the data. Every lookup a page makes (`data.series[key]`, `data.areas.get(id)`, a loop over
`data.schemes`) adds a read `(name, key)` to the page being made, or `(name, WHOLE)` when the page looked at a
whole table. A page is made again only when something it read changed (changes.py). The view has no way to
change the data (no item assignment), and what the Context works out from the data and keeps (a series'
headline) is kept with the reads it took, which every page that uses it takes too (`Reads.remembered`).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

from ..data.model import Dataset

Read = tuple[str, Any]  # (the Dataset attribute or Context table, the key looked up, or WHOLE)


class Whole(Enum):
    """The key of a read that looked at a whole table (a loop, its length, a list of rows)."""

    TABLE = "whole table"


WHOLE = Whole.TABLE


class Reads:
    """The reads of the page being made (none between pages: what the build itself reads is not a page's).
    `recording` is False in a build that makes each page once (`mkdocs build`): nobody asks what a page read, so
    the view gives pages the tables themselves, read-only, at no cost (see `view`)."""

    def __init__(self, recording: bool = True) -> None:
        self.recording = recording
        self.current: set[Read] | None = None

    def add(self, name: str, key: Any) -> None:
        if self.current is not None:
            self.current.add((name, key))

    def remembered(self, memo: dict, key: Any, work_out: Callable[[], Any]) -> Any:
        """`memo[key]`, worked out once with `work_out()`: whatever page asks for it takes the reads it took
        to work out, so a value kept between pages can never hide a read."""
        if not self.recording:
            if key not in memo:
                memo[key] = (work_out(), frozenset())
            return memo[key][0]
        if key not in memo:
            outer, self.current = self.current, set()
            try:
                memo[key] = (work_out(), frozenset(self.current))
            finally:
                self.current = outer
        value, reads = memo[key]
        if self.current is not None:
            self.current |= reads
        return value


class _Recorded:
    """A table of the data set that records WHOLE when a page loops over it, counts it or tests it."""

    __slots__ = ("_name", "_table", "_reads")

    def __init__(self, name: str, table, reads: Reads):
        self._name, self._table, self._reads = name, table, reads

    def _whole(self):
        self._reads.add(self._name, WHOLE)
        return self._table

    def __iter__(self) -> Iterator:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())


class RecordedMapping(_Recorded):
    """A dict of the data set that records each key looked up, and WHOLE when it is looped over."""

    __slots__ = ()

    def __getitem__(self, key):
        self._reads.add(self._name, key)
        return self._table[key]

    def get(self, key, default=None):
        self._reads.add(self._name, key)
        return self._table.get(key, default)

    def __contains__(self, key) -> bool:
        self._reads.add(self._name, key)
        return key in self._table

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


class RecordedSequence(_Recorded):
    """A list the build worked out (the disagreements) that records WHOLE when a page looks at it."""

    __slots__ = ()

    def __getitem__(self, index):
        return self._whole()[index]


def view(name: str, table: Any, reads: Reads) -> Any:
    """A table as pages see it: recorded while reads are recorded, else read-only as it is (a mapping proxy,
    which looks a key up as fast as the dict itself)."""
    if isinstance(table, dict):
        return RecordedMapping(name, table, reads) if reads.recording else types.MappingProxyType(table)
    if isinstance(table, list):
        return RecordedSequence(name, table, reads) if reads.recording else table
    return table


class Query:
    """The Dataset as pages see it: every dict a read-only view (`view`), a list of rows or a plain value a read
    of WHOLE, and the Dataset's methods run against this view so that what they read is recorded too."""

    def __init__(self, dataset: Dataset, reads: Reads):
        self._dataset, self._reads = dataset, reads
        for field in dataclasses.fields(dataset):
            table = getattr(dataset, field.name, None)
            if isinstance(table, dict):  # set on the instance: looked up as fast as any attribute
                setattr(self, field.name, view(field.name, table, reads))

    @property
    def unwrapped(self) -> Dataset:
        return self._dataset

    def __getattr__(self, name: str):
        """Anything not set in __init__: a list of rows, a setting such as small_number_threshold, a method."""
        value = getattr(self._dataset, name)
        if isinstance(value, types.MethodType):
            return types.MethodType(value.__func__, self)
        self._reads.add(name, WHOLE)
        return value
