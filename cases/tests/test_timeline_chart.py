"""The timeline's chart written in Python (cases.timeline_chart) is the SVG its template wrote, byte for byte.

`timeline_chart_expected.html` was captured from main's template (templates/cases/includes/timeline_chart.html,
an include per frame) for the layouts below: one day, a week, months and years, every status, a name too long
for its room and one to escape, in both frames.
"""

from datetime import date
from pathlib import Path

from django.utils import timezone, translation

from cases.timeline import NARROW, WIDE, DecisionSpan, layout_timeline
from cases.timeline_chart import timeline_chart

EXPECTED = Path(__file__).with_name("timeline_chart_expected.html")
CASE_NUMBER = "4000000123"

SPANS = {
    "one day": [DecisionSpan("Family Medical Leave Act", "approved", date(2026, 3, 4), date(2026, 3, 4))],
    "a week, every status": [
        DecisionSpan("Family Medical Leave Act", "approved", date(2026, 11, 2), date(2026, 11, 6)),
        DecisionSpan("Short Term Disability 1", "pending", date(2026, 11, 3), date(2026, 11, 9)),
        DecisionSpan("Paid Family & Medical <Leave>", "denied", date(2026, 11, 1), date(2026, 11, 4)),
        DecisionSpan(
            "A policy whose name is far too long to fit in its column",
            "cancelled",
            date(2026, 11, 5),
            date(2026, 11, 5),
        ),
    ],
    "months": [
        DecisionSpan("Family Medical Leave Act", "approved", date(2026, 9, 14), date(2026, 12, 4)),
        DecisionSpan("Short Term Disability 1", "denied", date(2026, 10, 1), date(2027, 1, 20)),
    ],
    "years": [DecisionSpan("Family Medical Leave Act", "pending", date(2024, 5, 2), date(2027, 2, 1))],
    "none": [],
}


def render_all(render) -> str:
    out = []
    for name, spans in SPANS.items():
        for frame in (WIDE, NARROW):
            out.append(f"=== {name}, {frame.name}\n{render(layout_timeline(spans, frame), CASE_NUMBER)}\n")
    return "".join(out)


# The day the expected file was captured on: a chart with no decisions draws today's date alone.
CAPTURED_ON = date(2026, 12, 2)


def test_the_chart_is_the_templates_svg_byte_for_byte(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: CAPTURED_ON)
    with translation.override("en"):
        assert render_all(timeline_chart) == EXPECTED.read_text()


def test_every_text_in_the_chart_is_escaped():
    spans = [DecisionSpan("<script>&", "denied", date(2026, 1, 5), date(2026, 1, 9))]

    svg = timeline_chart(layout_timeline(spans, WIDE), '"><x')

    assert "<script>" not in svg
    assert "&lt;script&gt;&amp;" in svg
    assert "case #&quot;&gt;&lt;x" in svg
