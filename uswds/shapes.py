"""Markup rendered once per language and shape, then joined with each item's values: for the rows of long tables.

A table row written by an include costs a template render per row (its tags, translations, URL reversals); at
fifty rows a page that was most of the page's time. Here the row's template stays the one source of its markup,
but it is rendered once per process, language and **shape** — whatever decides which parts of the markup appear
(statuses, flags, how many badges) — with a placeholder (`uswds.fragments.placeholder`) wherever a row's own value
goes. The output is split at the placeholders once; a row is then the pieces joined with its values, each escaped
as the template would have escaped it. A shape holds statuses and flags only, never a person's data: the values
come in at the join. The cache belongs to the process, is emptied when a setting changes and when it holds
`max_shapes` shapes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.utils.html import conditional_escape
from django.utils.translation import get_language

from uswds.fragments import forget_with_settings, placeholder

Shape = TypeVar("Shape", bound=Hashable)
_PLACEHOLDER = re.compile(re.escape(placeholder("NAME")).replace("NAME", "([a-z0-9_]+)"))


@dataclass(frozen=True)
class Pieces:
    """Rendered markup split at its placeholders: text, name, text, name, ..., text."""

    texts: tuple[str, ...]
    names: tuple[str, ...]

    @classmethod
    def of(cls, html: str) -> Pieces:
        parts = _PLACEHOLDER.split(html)
        return cls(texts=tuple(parts[0::2]), names=tuple(parts[1::2]))

    def join(self, values: Mapping[str, str]) -> str:
        """The markup with each placeholder's value put in, escaped (a value the shape did not use is ignored)."""
        out = [self.texts[0]]
        for name, text in zip(self.names, self.texts[1:], strict=True):
            out.append(conditional_escape(values[name]))
            out.append(text)
        return "".join(out)


class Shapes(Generic[Shape]):
    """The pieces of one template, by language and shape, rendered on first use by `render(shape)`."""

    def __init__(self, render: Callable[[Shape], str], *, max_shapes: int = 2000) -> None:
        self._render = render
        self._max_shapes = max_shapes
        self._pieces: dict[tuple[str | None, Shape], Pieces] = {}
        forget_with_settings(self._pieces.clear)

    def __call__(self, shape: Shape) -> Pieces:
        key = (get_language(), shape)
        pieces = self._pieces.get(key)
        if pieces is None:
            if len(self._pieces) >= self._max_shapes:
                self._pieces.clear()
            pieces = self._pieces[key] = Pieces.of(self._render(shape))
        return pieces
