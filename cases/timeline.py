"""The geometry of "View Timeline": one bar per policy decision on a shared, labelled date axis.

Plain values in, plain values out, so the drawing is tested without a browser. cases.timeline_chart
turns a layout into SVG; colours come from CSS classes and every
bar also carries its status as a word and a fill pattern, so colour is never the only signal.

The page draws the same decisions in two frames and CSS shows the one that suits the room (a container query on
the figure): WIDE, policy names left of the bars and status words right of them, and NARROW, each policy name
and status word on a line above its bar. Each frame is shown at close to one CSS pixel per SVG unit, so the
15-unit text reads at 14 px or more wherever it is shown.

The axis always names its first and last day (on its own row, held to the chart's edges), and between them
marks weeks (Sundays, as workweeks run) for spans up to six weeks, else the first of each month, thinned until
no two labels touch: "Nov 15", "Dec", "Jan 2027" (a label carries the year when it differs from the one before).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from django.utils import timezone
from django.utils.formats import date_format

from cases.status import CaseStatus

FONT_SIZE = 15  # SVG units; each frame is shown at about one CSS pixel per unit
# Average advances of the portal's font, rounded up (Source Sans Pro measures 0.41-0.47 em a character in words,
# 0.55-0.60 em in bold capitals), so a label estimated to fit does fit.
CHAR_WIDTH = 0.48 * FONT_SIZE
BOLD_CAPS_CHAR_WIDTH = 0.6 * FONT_SIZE
LABEL_GAP = 10  # the least room between two labels, or a label and the edge of its column
MIN_BAR_WIDTH = 3.0
MAX_TICKS = 12  # at most this many ticks between the first and the last day
WEEKLY_UP_TO_DAYS = 42  # spans up to six weeks are marked by week, longer ones by month
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)
END_LABEL_BASELINE = 16  # the row naming the first and last day
TICK_LABEL_BASELINE = 36  # the row under it, naming the weeks or months between
ELLIPSIS = "…"


@dataclass(frozen=True)
class Frame:
    """The proportions of one drawing, in SVG units."""

    name: str
    width: int
    stacked: bool  # the policy name and status on a line above the bar, rather than beside it
    label_width: int  # the column left of the plot for policy names (0 when stacked)
    status_width: int  # the column right of the plot for status words (0 when stacked)
    row_height: int
    bar_height: int

    @property
    def plot_left(self) -> int:
        return self.label_width

    @property
    def plot_right(self) -> int:
        return self.width - self.status_width


WIDE = Frame("wide", width=700, stacked=False, label_width=225, status_width=95, row_height=40, bar_height=22)
NARROW = Frame("narrow", width=288, stacked=True, label_width=0, status_width=0, row_height=50, bar_height=20)


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
    policy_text: str  # the policy name, shortened with "…" only if it would not fit its room
    policy_y: float
    status_text: str  # "PENDING"
    status_x: float
    status_y: float
    status_anchor: str  # "start" (beside the bar) or "end" (at the right edge, when stacked)


@dataclass(frozen=True)
class Tick:
    """A labelled day on the axis. x is where the label is anchored: its start, middle or end."""

    day: date
    x: float
    label: str
    anchor: str  # "start", "middle" or "end", as SVG's text-anchor

    @property
    def label_width(self) -> float:
        return len(self.label) * CHAR_WIDTH

    @property
    def left(self) -> float:
        return self.x - {"start": 0, "middle": self.label_width / 2, "end": self.label_width}[self.anchor]

    @property
    def right(self) -> float:
        return self.left + self.label_width

    def fits(self, width: float) -> bool:
        """Whether the label lies wholly within a chart this wide."""
        return self.left >= 0 and self.right <= width


@dataclass(frozen=True)
class TimelineLayout:
    frame: Frame
    height: int
    axis_y: int
    first_day: date
    last_day: date
    bars: list[Bar]
    ends: list[Tick]  # the first and last day (one tick when they are the same day), on the upper row
    ticks: list[Tick]  # the weeks or months between, on the lower row
    end_label_y: int
    tick_label_y: int
    font_size: int = FONT_SIZE

    @property
    def width(self) -> int:
        return self.frame.width

    @property
    def plot_left(self) -> int:
        return self.frame.plot_left

    @property
    def plot_right(self) -> int:
        return self.frame.plot_right


class _Axis:
    """Days to x: a day covers [x_of(day), x_of(day + 1)), so the last day ends at the plot's right edge."""

    def __init__(self, first: date, last: date, frame: Frame) -> None:
        self.first, self.last, self.frame = first, last, frame
        self.scale = (frame.plot_right - frame.plot_left) / ((last - first).days + 1)

    def x_of(self, day: date) -> float:
        return round(self.frame.plot_left + (day - self.first).days * self.scale, 2)


def layout_timeline(spans: Sequence[DecisionSpan], frame: Frame = WIDE) -> TimelineLayout:
    """Place one bar per span, in the order given, on an axis from the earliest start to the latest end.

    A bar covers whole days: from the start of its first day to the end of its last, so a one-day
    decision still shows. The axis spans at least one day.
    """
    first = min((span.start for span in spans), default=timezone.localdate())
    last = max((span.end for span in spans), default=first)
    axis = _Axis(first, last, frame)
    ticks = inner_ticks(axis)
    axis_y = (TICK_LABEL_BASELINE if ticks else END_LABEL_BASELINE) + 10
    rows_top = axis_y + 4
    bars = [_bar(span, axis, rows_top + row * frame.row_height) for row, span in enumerate(spans)]
    return TimelineLayout(
        frame=frame,
        height=rows_top + max(len(spans), 1) * frame.row_height + 4,
        axis_y=axis_y,
        first_day=first,
        last_day=last,
        bars=bars,
        ends=end_ticks(axis),
        ticks=ticks,
        end_label_y=END_LABEL_BASELINE,
        tick_label_y=TICK_LABEL_BASELINE,
    )


def _bar(span: DecisionSpan, axis: _Axis, top: float) -> Bar:
    frame = axis.frame
    x = axis.x_of(span.start)
    width = max(MIN_BAR_WIDTH, round(axis.x_of(span.end + timedelta(days=1)) - x, 2))
    status = str(CaseStatus(span.status).label).upper()
    status_room = len(status) * BOLD_CAPS_CHAR_WIDTH
    if frame.stacked:
        y = top + 22
        policy = _fit(span.policy, frame.width - status_room - LABEL_GAP)
        return Bar(span, x, y, width, frame.bar_height, policy, top + 16, status, frame.width, top + 16, "end")
    y = top + (frame.row_height - frame.bar_height) / 2
    baseline = y + frame.bar_height / 2 + FONT_SIZE / 3
    policy = _fit(span.policy, frame.label_width - LABEL_GAP)
    status_x = frame.plot_right + LABEL_GAP / 2
    return Bar(span, x, y, width, frame.bar_height, policy, baseline, status, status_x, baseline, "start")


def _fit(text: str, room: float) -> str:
    """The text, or as much of it as fits the room followed by "…"."""
    if len(text) * CHAR_WIDTH <= room:
        return text
    return text[: max(int(room // CHAR_WIDTH) - 1, 1)].rstrip() + ELLIPSIS


def end_ticks(axis: _Axis) -> list[Tick]:
    """The first and last day, held inside the chart: the first starts at the plot's left edge and the last
    ends at its right edge. A one-day axis has one label, centred."""
    frame = axis.frame
    if axis.first == axis.last:
        return [Tick(axis.first, (frame.plot_left + frame.plot_right) / 2, _full_date(axis.first), "middle")]
    return [
        Tick(axis.first, frame.plot_left, _full_date(axis.first), "start"),
        Tick(axis.last, frame.plot_right, _full_date(axis.last), "end"),
    ]


def inner_ticks(axis: _Axis) -> list[Tick]:
    """The weeks or months between the first and last day: the densest set whose labels all fit the chart
    without touching, at most MAX_TICKS; none when no set fits."""
    monthly = (axis.last - axis.first).days + 1 > WEEKLY_UP_TO_DAYS
    short = "M" if monthly else "M j"  # "Dec" or "Nov 15"
    for days in _candidate_days(axis.first, axis.last, monthly=monthly):
        if len(days) > MAX_TICKS:
            continue
        ticks = [tick for tick in _labelled(days, axis, short) if tick.fits(axis.frame.width)]
        ticks = _labelled([tick.day for tick in ticks], axis, short)  # a dropped tick may pass its year on
        inside = all(tick.fits(axis.frame.width) for tick in ticks)
        if ticks and inside and all(a.right + LABEL_GAP <= b.left for a, b in pairwise(ticks)):
            return ticks
    return []


def _candidate_days(first: date, last: date, *, monthly: bool) -> Iterator[list[date]]:
    """Sets of days to mark, densest first: every Sunday, every other Sunday, then months by MONTH_STEPS."""
    if not monthly:
        sundays = [day for day in _days_after(first, last) if day.isoweekday() == 7]
        yield sundays
        yield sundays[1::2]
    months = [day for day in _days_after(first, last) if day.day == 1]
    for step in MONTH_STEPS:
        # Steps fall on round months (Jan, Apr, Jul, Oct for 3), so the marks read like a calendar.
        yield [day for day in months if (day.year * 12 + day.month - 1) % step == 0]


def _days_after(first: date, last: date) -> Iterator[date]:
    day = first + timedelta(days=1)
    while day <= last:
        yield day
        day += timedelta(days=1)


def _labelled(days: Sequence[date], axis: _Axis, short: str) -> list[Tick]:
    """Centred ticks labelled in the short format, with the year added when it differs from the label before:
    "Dec", "Jan 2027", "Feb" or "Dec 27", "Jan 3, 2027"."""
    with_year = {"M": "M Y", "M j": "M j, Y"}[short]
    ticks = []
    year = axis.first.year
    for day in days:
        ticks.append(Tick(day, axis.x_of(day), date_format(day, short if day.year == year else with_year), "middle"))
        year = day.year
    return ticks


def _full_date(day: date) -> str:
    return date_format(day, "M j, Y")
