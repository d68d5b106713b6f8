"""How the engine writes hours and dates in its reasons and explanations ("118.5", "1,250", "Mar 3, 2026")."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import dateformat

HUNDREDTH = Decimal("0.01")
# A rule's source as the engine writes it, at the end of a reason: " [29 CFR 825.205(b)]", " [M.G.L. c.175M §2(a)]".
CITATION = re.compile(r"\s*\[[^\[\]]*(?:CFR|M\.G\.L\.|CMR)[^\[\]]*\]")


def hours_text(hours: Decimal) -> str:
    """Hours to at most two decimals, thousands separated, no trailing zeros: 1,250 / 118.5 / 0.33."""
    rounded = hours.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def date_text(day: date) -> str:
    """A date as the portal writes it: Mar 3, 2026."""
    return dateformat.format(day, "M j, Y")


def without_sources(text: str) -> str:
    """A reason or line in the employee's words: the rules' sources, which a specialist checks, left out."""
    return CITATION.sub("", text)
