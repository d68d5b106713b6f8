"""One frame of "View Timeline" as SVG (the geometry: cases.timeline), written in Python.

The chart was a template include per frame, two per page, whose loops over the ticks and bars with a filter on
every number were a third of the page's time. The markup is the template's, byte for byte
(`cases/tests/test_timeline_chart.py` holds it to the template's captured output). Every text is escaped; the
numbers are written as the template wrote them (two decimals where it used `stringformat:'.2f'`).
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cases.templatetags.case_display import spec_date, status_label
from cases.timeline import Bar, Tick, TimelineLayout

# The fill patterns, the same in every chart but for the frame's name in their ids.
_DEFS = (
    "  <defs>\n"
    '    <pattern id="cases-pattern-pending-{frame}" width="8" height="8" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="8" class="cases-timeline__hatch"'
    ' stroke-width="3"/></pattern>\n'
    '    <pattern id="cases-pattern-denied-{frame}" width="8" height="8" patternUnits="userSpaceOnUse">'
    '<path d="M0 0L8 8M8 0L0 8" class="cases-timeline__hatch" stroke-width="1.5"/></pattern>\n'
    '    <pattern id="cases-pattern-cancelled-{frame}" width="8" height="8" patternUnits="userSpaceOnUse">'
    '<circle cx="4" cy="4" r="1.5" class="cases-timeline__dot"/></pattern>\n'
    "  </defs>\n"
)


def _gridline(x: str, layout: TimelineLayout, extra: str = "") -> str:
    return (
        f'<line x1="{x}" y1="{layout.axis_y - 6}" x2="{x}" y2="{layout.height}"'
        f' class="cases-timeline__gridline{extra}"/>'
    )


def _end(tick: Tick, layout: TimelineLayout) -> str:
    x = f"{tick.x:.2f}"
    line = _gridline(x, layout, " cases-timeline__gridline--end") if tick.anchor != "middle" else ""
    return (
        f'\n    <text x="{x}" y="{layout.end_label_y}" class="cases-timeline__end" text-anchor="{escape(tick.anchor)}"'
        f' data-day="{tick.day.isoformat()}">{escape(tick.label)}</text>\n    {line}\n    '
    )


def _tick(tick: Tick, layout: TimelineLayout) -> str:
    x = f"{tick.x:.2f}"
    return (
        f'\n    <text x="{x}" y="{layout.tick_label_y}" class="cases-timeline__tick" text-anchor="middle"'
        f' data-day="{tick.day.isoformat()}">{escape(tick.label)}</text>\n    {_gridline(x, layout)}\n    '
    )


def _bar(bar: Bar, frame: str) -> str:
    status = escape(bar.span.status)
    x, y, width = f"{bar.x:.2f}", f"{bar.y:.2f}", f"{bar.width:.2f}"
    pattern = (
        f'<rect x="{x}" y="{y}" width="{width}" height="{bar.height}" rx="3"'
        f' fill="url(#cases-pattern-{status}-{frame})"/>'
        if bar.span.status != "approved"
        else ""
    )
    return (
        f'\n  <g class="cases-timeline__bar cases-timeline__bar--{status}" data-status="{status}">\n'
        f'    <text x="0" y="{bar.policy_y:.2f}" class="cases-timeline__policy">{escape(bar.policy_text)}</text>\n'
        f'    <rect x="{x}" y="{y}" width="{width}" height="{bar.height}" rx="3" class="cases-timeline__fill"/>\n'
        f"    {pattern}\n"
        f'    <text x="{bar.status_x:.2f}" y="{bar.status_y:.2f}" class="cases-timeline__status"'
        f' text-anchor="{escape(bar.status_anchor)}" font-weight="bold">{escape(bar.status_text)}</text>\n'
        "  </g>\n  "
    )


def timeline_chart(layout: TimelineLayout, case_number: str) -> SafeString:
    """One frame of the chart: `layout` drawn, its ids suffixed by the frame's name."""
    frame = escape(layout.frame.name)
    title = gettext("Timeline of the policies on case #%(number)s") % {"number": escape(case_number)}
    to = escape(gettext("to"))
    desc = " ".join(
        f"{escape(bar.span.policy)}: {escape(status_label(bar.span.status))},"
        f" {escape(spec_date(bar.span.start))} {to} {escape(spec_date(bar.span.end))}."
        for bar in layout.bars
    )
    parts = [
        f'\n<svg class="cases-timeline__chart cases-timeline__chart--{frame}" role="img"'
        f' aria-labelledby="timeline-title-{frame}" aria-describedby="timeline-desc-{frame}"'
        f' viewBox="0 0 {layout.width} {layout.height}" preserveAspectRatio="xMinYMin meet"'
        f' font-size="{layout.font_size}" xmlns="http://www.w3.org/2000/svg">\n'
        f'  <title id="timeline-title-{frame}">{title}</title>\n'
        f'  <desc id="timeline-desc-{frame}">{desc}</desc>\n',
        _DEFS.format(frame=frame),
        '  <g class="cases-timeline__axis">\n    ',
        *(_end(tick, layout) for tick in layout.ends),
        "\n    ",
        *(_tick(tick, layout) for tick in layout.ticks),
        f'\n    <line x1="{layout.plot_left}" y1="{layout.axis_y}" x2="{layout.plot_right}" y2="{layout.axis_y}"'
        ' class="cases-timeline__axis-line"/>\n  </g>\n  ',
        *(_bar(bar, frame) for bar in layout.bars),
        "\n</svg>\n",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - our own markup, every text escaped above
