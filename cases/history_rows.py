"""The claims history's rows written from a template rendered once per language and shape, not once per case.

A history page writes up to forty rows (`cases/includes/history_case.html`), each with several translated strings
and URLs: rendered as an include per row, the rows were most of the page's time. The row template stays the one
source of the markup. It is rendered once per process, language and **shape** — the case's status, whether its
dates are none, one day or a span, whether someone filed it for the employee, whether it is unplanned, and its
decisions' statuses in order — with a placeholder wherever a case's own value goes (its number, reason, dates, who
filed it, each decision's policy and dates). That output is split at the placeholders once; a row is then the
pieces joined with its values, each escaped as the template would have escaped it. So a row costs a dictionary
look-up and a join, and reads exactly what the include wrote (`cases/tests/test_history_rows.py` compares them).

Nothing personal is cached: the shapes hold statuses and flags only, the values come in at the join. The cache
belongs to the process, keyed by language and shape, emptied when a setting changes (`uswds.fragments`), and
bounded: it is emptied when it holds `MAX_SHAPES` shapes (a few dozen occur in practice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cases.history import CaseSummary
from cases.models import Case
from cases.templatetags.case_display import spec_date
from uswds.fragments import forget_with_settings, placeholder

ROW_TEMPLATE = "cases/includes/history_case.html"
MAX_SHAPES = 2000
_PLACEHOLDER = re.compile(re.escape(placeholder("NAME")).replace("NAME", "([a-z0-9_]+)"))


@dataclass(frozen=True)
class _Pieces:
    """A rendered row split at its placeholders: text, name, text, name, ..., text."""

    texts: tuple[str, ...]
    names: tuple[str, ...]

    def join(self, values: dict[str, str]) -> str:
        out = [self.texts[0]]
        for name, text in zip(self.names, self.texts[1:], strict=True):
            out.append(conditional_escape(values[name]))
            out.append(text)
        return "".join(out)


# The case's status, its dates ("none", "one", "span"), filed for them, unplanned, its decisions' statuses.
Shape = tuple[str, str, bool, bool, tuple[str, ...]]
_shapes: dict[tuple[str | None, Shape], _Pieces] = {}
forget_with_settings(_shapes.clear)


def _shape(summary: CaseSummary) -> Shape:
    first, last = summary.first_day, summary.last_day
    dates = "none" if not first else ("one" if first == last else "span")
    return (
        str(summary.status),
        dates,
        bool(summary.case.filed_by_id),
        summary.is_unplanned,
        tuple(str(decision.status) for decision in summary.decisions),
    )


def _render_shape(summary: CaseSummary, shape: Shape) -> _Pieces:
    """The row template for this shape, its values placeholders (each decision's numbered in order)."""
    _, dates, filed, _, statuses = shape
    first = placeholder("first") if dates != "none" else None
    fake_case = SimpleNamespace(
        case_number=placeholder("number"),
        get_reason_display=placeholder("reason"),
        filed_by_id=1 if filed else None,
        get_filed_as_display=placeholder("filed_as"),
        filed_by=SimpleNamespace(get_full_name=placeholder("filed_by")),
    )
    fake = SimpleNamespace(
        case=fake_case,
        status=summary.status,
        is_unplanned=summary.is_unplanned,
        first_day=first,
        last_day=first if dates == "one" else placeholder("last"),
        decisions=[
            SimpleNamespace(
                status=status,
                policy=SimpleNamespace(name=placeholder(f"policy{n}")),
                start_date=placeholder(f"start{n}"),
                end_date=placeholder(f"end{n}"),
            )
            for n, status in enumerate(statuses)
        ],
    )
    html = get_template(ROW_TEMPLATE).render({"summary": fake, "administrator": settings.ADMINISTRATOR})
    parts = _PLACEHOLDER.split(html)
    return _Pieces(texts=tuple(parts[0::2]), names=tuple(parts[1::2]))


# A choice's label per language, field and value: get_FOO_display() builds its field's choices dict on every call.
_labels: dict[tuple[str | None, str, str], str] = {}
forget_with_settings(_labels.clear)


def _label(case: Case, field: str) -> str:
    key = (get_language(), field, getattr(case, field))
    label = _labels.get(key)
    if label is None:
        label = _labels[key] = str(getattr(case, f"get_{field}_display")())
    return label


def _values(summary: CaseSummary) -> dict[str, str]:
    case = summary.case
    values = {
        "number": case.case_number,
        "reason": _label(case, "reason"),
        "first": spec_date(summary.first_day),
        "last": spec_date(summary.last_day),
    }
    if case.filed_by is not None:
        values["filed_as"] = _label(case, "filed_as")
        values["filed_by"] = case.filed_by.get_full_name()
    for n, decision in enumerate(summary.decisions):
        values[f"policy{n}"] = decision.policy.name
        values[f"start{n}"] = spec_date(decision.start_date)
        values[f"end{n}"] = spec_date(decision.end_date)
    return values


def history_rows(summaries: list[CaseSummary]) -> SafeString:
    """The rows `{% include "cases/includes/history_case.html" %}` would write for these cases, in order."""
    language = get_language()
    rows = []
    for summary in summaries:
        shape = _shape(summary)
        pieces = _shapes.get((language, shape))
        if pieces is None:
            if len(_shapes) >= MAX_SHAPES:
                _shapes.clear()
            pieces = _shapes[(language, shape)] = _render_shape(summary, shape)
        rows.append(pieces.join(_values(summary)))
    return mark_safe("".join(rows))  # noqa: S308 - the row template's own output, each case's value escaped above
