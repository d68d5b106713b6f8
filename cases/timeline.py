"""The geometry of "View Timeline": one bar per policy decision on a shared date axis.

Plain values in, plain values out, so the drawing is tested without a browser. The template
(templates/cases/timeline.html) turns the layout into SVG; colours come from CSS classes and every
bar also carries its status as a word and a fill pattern, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format

LABEL_WIDTH = 210  # room for the policy name on the left of each row
STATUS_WIDTH = 100  # room for the status word on the right of each row
AXIS_HEIGHT = 40
ROW_HEIGHT = 40
BAR_HEIGHT = 22
MIN_BAR_WIDTH = 3.0
MAX_TICKS = 12


@dataclass(frozen=True)
class DecisionSpan:
    """What the timeline needs from a decision."""

    policy: str
    status: str
    start: date
    end: date


@dataclass(frozen=True)
class Bar:
    span: DecisionSpan
    x: float
    y: float
    width: float
    height: float
    label_y: float


@dataclass(frozen=True)
class Tick:
    day: date
    x: float
    label: str


@dataclass(frozen=True)
class TimelineLayout:
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: int
    first_day: date
    last_day: date
    bars: list[Bar]
    ticks: list[Tick]


def _month_starts(first: date, last: date) -> list[date]:
    """The first of every month that falls within [first, last], thinned to at most MAX_TICKS."""
    months = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        if date(year, month, 1) >= first:
            months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = -(-len(months) // MAX_TICKS)  # ceiling division
    return months[::step] if step > 1 else months


def layout_timeline(spans: Sequence[DecisionSpan], width: int = 760) -> TimelineLayout:
    """Place one bar per span, in the order given, on an axis from the earliest start to the latest end.

    A bar covers whole days: from the start of its first day to the end of its last, so a one-day
    decision still shows. The axis spans at least one day.
    """
    first = min((span.start for span in spans), default=timezone.localdate())
    last = max((span.end for span in spans), default=first)
    plot_left, plot_right = LABEL_WIDTH, width - STATUS_WIDTH
    days = (last - first).days + 1
    scale = (plot_right - plot_left) / days

    def x_of(day: date) -> float:
        return round(plot_left + (day - first).days * scale, 2)

    bars = []
    for row, span in enumerate(spans):
        x = x_of(span.start)
        bar_width = max(MIN_BAR_WIDTH, round(x_of(span.end + timedelta(days=1)) - x, 2))
        y = AXIS_HEIGHT + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bars.append(Bar(span=span, x=x, y=y, width=bar_width, height=BAR_HEIGHT, label_y=y + BAR_HEIGHT * 0.7))
    ticks = [Tick(day=day, x=x_of(day), label=date_format(day, "M Y")) for day in _month_starts(first, last)]
    height = AXIS_HEIGHT + max(len(spans), 1) * ROW_HEIGHT + 8
    return TimelineLayout(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        axis_y=AXIS_HEIGHT - 6,
        first_day=first,
        last_day=last,
        bars=bars,
        ticks=ticks,
    )
