"""Compact, read-only storage for the condition search index: many strings in one object.

Why: gunicorn's workers share the index with the master, copy-on-write (config/gunicorn.conf.py builds it
before the fork). Reading a Python object writes its reference count, which copies the memory page holding it
into the reading process: a search that read the index's 75,000 label strings, one object each, made those
pages each worker's own, ~30 MB per worker after 100 searches (docs/performance.md). Stored end to end in one
str with their offsets in one array, the strings cost a search a reference to two shared objects, whatever it
reads; what it reads it gets as a new, short-lived string of its own (a slice).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator


class PackedStrings:
    """An immutable sequence of strings kept in one str; `packed[i]` is a new str equal to the i-th one.

    Indexable and sized, so `bisect` searches it when the strings are sorted.
    """

    __slots__ = ("_ends", "_text")

    def __init__(self, strings: Iterable[str]) -> None:
        parts = list(strings)
        self._text = "".join(parts)
        self._ends = array("q", [0])
        total = 0
        for part in parts:
            total += len(part)
            self._ends.append(total)

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, index: int) -> str:
        if not 0 <= index < len(self._ends) - 1:
            raise IndexError(index)
        return self._text[self._ends[index] : self._ends[index + 1]]

    def __iter__(self) -> Iterator[str]:
        text, ends = self._text, self._ends
        return (text[ends[index] : ends[index + 1]] for index in range(len(ends) - 1))

    def parts(self) -> tuple[str, array[int]]:
        """The one str and the offsets (the i-th string is text[ends[i]:ends[i + 1]]), for a hot loop that
        reads many strings without a method call per string."""
        return self._text, self._ends
