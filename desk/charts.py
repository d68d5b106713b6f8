"""The geometry of the reports' bar charts: one row per group (a week, an age), one bar per series in it.

Plain values in, plain values out, like cases.timeline; templates/desk/includes/bar_chart.html turns a chart into
SVG. Each bar carries its figure and its series as words ("12 opened"), so neither colour nor length is the only
signal; the table beside each chart is the accessible record, and the SVG is one image with a title and a
description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

FONT_SIZE = 14
CHAR_WIDTH = 0.5 * FONT_SIZE
WIDTH = 640
LABEL_WIDTH = 170  # the column left of the bars for the group's name
VALUE_ROOM = 110  # right of the longest bar, for its figure and series
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 12
SERIES_FILLS = ("#005ea2", "#c05600", "#538200")  # USWDS primary, orange-warm, green-cool: 4.5:1 on white


@dataclass(frozen=True)
class ChartBar:
    series: str
    value: int
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
    label_y: float
    bars: list[ChartBar]


@dataclass(frozen=True)
class BarChart:
    slug: str  # for the ids of its title and description
    title: str
    description: str
    groups: list[ChartGroup]
    width: int
    height: float
    font_size: int = FONT_SIZE
    bar_height: int = BAR_HEIGHT
    label_width: int = LABEL_WIDTH


def bar_chart(
    slug: str, title: str, description: str, series: Sequence[str], groups: Sequence[tuple[str, Sequence[int]]]
) -> BarChart:
    """Lay out `groups` (a label and one value per series) as rows of horizontal bars on one scale; a zero
    draws no bar but keeps its figure."""
    plot = WIDTH - LABEL_WIDTH - VALUE_ROOM
    largest = max((value for _label, values in groups for value in values), default=0)
    scale = plot / largest if largest else 0.0
    laid_out = []
    top = float(GROUP_GAP / 2)
    group_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    for label, values in groups:
        bars = []
        for index, (name, value) in enumerate(zip(series, values, strict=True)):
            y = top + index * (BAR_HEIGHT + BAR_GAP)
            width = round(value * scale, 2)
            text_y = y + BAR_HEIGHT / 2 + FONT_SIZE / 3
            fill = SERIES_FILLS[index % len(SERIES_FILLS)]
            text = f"{value} {name}"
            bars.append(ChartBar(name, value, LABEL_WIDTH, y, width, fill, text, LABEL_WIDTH + width + 6, text_y))
        laid_out.append(ChartGroup(label, top + group_height / 2 + FONT_SIZE / 3, bars))
        top += group_height + GROUP_GAP
    return BarChart(slug, title, description, laid_out, WIDTH, max(top - GROUP_GAP / 2, BAR_HEIGHT))
