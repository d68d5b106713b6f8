"""The geometry of the reports' bar charts: one row per group (a week, an age), one bar per series in it.

Plain values in, plain values out, like cases.timeline; templates/desk/includes/bar_chart.html turns a chart into
SVG. Each bar carries its figure and its series as words ("12 opened"), so neither colour nor length is the only
signal; the table beside each chart is the accessible record, and the SVG is one image with a title and a
description.

As the timeline does, a chart comes in two frames, each shown at about one CSS pixel per SVG unit so its 14-unit
text reads at 14 px: WIDE, the group's name left of its bars (from a tablet's width up), and NARROW, the name on a
line above its bars (on a phone). USWDS's display utilities show the one that suits the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

FONT_SIZE = 14
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 12
NAME_GAP = 8  # between a group's name and its bars
VALUE_ROOM = 100  # right of the longest bar, for its figure and series ("120 decided")
SERIES_FILLS = ("#005ea2", "#c05600", "#538200")  # USWDS blue-60v, orange-60v, green-cool-60v: 3:1 or more on white

Figure = int | Decimal  # a count, or hours as the engine gives them
Groups = Sequence[tuple[str, Sequence[Figure]]]


@dataclass(frozen=True)
class Frame:
    name: str
    width: int
    label_width: int  # the column left of the bars for the group's name (0: the name sits above its bars)

    @property
    def stacked(self) -> bool:
        return self.label_width == 0


WIDE = Frame("wide", width=640, label_width=170)
NARROW = Frame("narrow", width=300, label_width=0)


@dataclass(frozen=True)
class ChartBar:
    series: str
    value: Figure
    x: float
    y: float
    width: float
    fill: str
    text: str  # "12 opened"
    text_x: float
    text_y: float


@dataclass(frozen=True)
class ChartGroup:
    label: str
    label_x: float
    label_y: float
    label_anchor: str  # SVG text-anchor: "end" beside the bars, "start" above them
    bars: list[ChartBar]


@dataclass(frozen=True)
class BarChart:
    slug: str  # for the ids of its title and description, with the frame's name
    title: str
    description: str
    frame: Frame
    groups: list[ChartGroup]
    height: float
    font_size: int = FONT_SIZE
    bar_height: int = BAR_HEIGHT

    @property
    def id(self) -> str:
        return f"{self.slug}-{self.frame.name}"

    @property
    def width(self) -> int:
        return self.frame.width

    @property
    def axis_x(self) -> int:
        return self.frame.label_width


@dataclass(frozen=True)
class Charts:
    """The same chart in both frames."""

    wide: BarChart
    narrow: BarChart

    @property
    def frames(self) -> tuple[BarChart, BarChart]:
        return (self.wide, self.narrow)


def bar_charts(
    slug: str,
    title: str,
    description: str,
    series: Sequence[str],
    groups: Groups,
    *,
    figure: Callable[[Figure], str] = str,
) -> Charts:
    return Charts(
        wide=bar_chart(slug, title, description, series, groups, frame=WIDE, figure=figure),
        narrow=bar_chart(slug, title, description, series, groups, frame=NARROW, figure=figure),
    )


def bar_chart(
    slug: str,
    title: str,
    description: str,
    series: Sequence[str],
    groups: Groups,
    *,
    frame: Frame = WIDE,
    figure: Callable[[Figure], str] = str,
) -> BarChart:
    """Lay out `groups` (a label and one value per series) as rows of horizontal bars on one scale; a zero
    draws no bar but keeps its figure, written by `figure` (the engine's hours_text for hours)."""
    plot = frame.width - frame.label_width - VALUE_ROOM
    largest = max((float(value) for _label, values in groups for value in values), default=0.0)
    scale = plot / largest if largest else 0.0
    bars_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    laid_out = []
    top = float(GROUP_GAP / 2)
    for label, values in groups:
        if frame.stacked:
            name = (0.0, top + FONT_SIZE, "start")
            bars_top = top + FONT_SIZE + NAME_GAP
        else:
            name = (frame.label_width - NAME_GAP, top + bars_height / 2 + FONT_SIZE / 3, "end")
            bars_top = top
        bars = []
        for index, (series_name, value) in enumerate(zip(series, values, strict=True)):
            y = bars_top + index * (BAR_HEIGHT + BAR_GAP)
            width = round(float(value) * scale, 2)
            x = float(frame.label_width)
            fill = SERIES_FILLS[index % len(SERIES_FILLS)]
            text_y = y + BAR_HEIGHT / 2 + FONT_SIZE / 3
            text = f"{figure(value)} {series_name}"
            bars.append(ChartBar(series_name, value, x, y, width, fill, text, x + width + 6, text_y))
        laid_out.append(ChartGroup(label, *name, bars))
        top = bars_top + bars_height + GROUP_GAP
    return BarChart(slug, title, description, frame, laid_out, max(top - GROUP_GAP / 2, float(BAR_HEIGHT)))
