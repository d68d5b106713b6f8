"""Worked examples of eligibility at a date, each named by its rule and source."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from policies.engine import RosterFacts, check_eligibility
from policies.tests.examples import catalogue_rules

RULES = catalogue_rules()


@dataclass(frozen=True)
class Example:
    id: str
    policy: str
    hire_date: date
    hours: str
    leave_start: date
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    reason: str = "employee_health"
    bonding_event_date: date | None = None


EXAMPLES = [
    Example(
        "29 CFR 825.110(a): 12 months of service and 1,300 hours make an employee FMLA-eligible",
        "fmla", date(2024, 1, 15), "1300", date(2026, 3, 2), eligible=True,
    ),
    Example(
        "29 CFR 825.110(c): 1,020 hours in the 12 months before leave fall short of 1,250",
        "fmla", date(2020, 5, 1), "1020", date(2026, 3, 2), eligible=False,
        reasons=["1,020 of 1,250 hours worked in the last 12 months"],
    ),
    Example(
        "29 CFR 825.110(b): 11 months of service fall short of 12",
        "fmla", date(2025, 4, 10), "1400", date(2026, 3, 20), eligible=False,
        reasons=["11 of 12 months of service"],
    ),
    Example(
        "29 CFR 825.110(d): eligibility is judged on the day leave starts, so the first anniversary counts",
        "fmla", date(2025, 3, 2), "1400", date(2026, 3, 2), eligible=True,
    ),
    Example(
        "29 CFR 825.110(d): a leave starting the day before the first anniversary has 11 months of service",
        "fmla", date(2025, 3, 2), "1400", date(2026, 3, 1), eligible=False,
        reasons=["11 of 12 months of service"],
    ),
    Example(
        "29 CFR 825.110(a)(2): exactly 1,250 hours is enough",
        "fmla", date(2020, 5, 1), "1250.00", date(2026, 3, 2), eligible=True,
    ),
    Example(
        "29 CFR 825.110: a new part-timer falls short on both service and hours, and both are said",
        "fmla", date(2025, 9, 1), "512.5", date(2026, 3, 2), eligible=False,
        reasons=["6 of 12 months of service", "512.5 of 1,250 hours worked in the last 12 months"],
    ),
    Example(
        "M.G.L. c.175M: the employer checks no service or hours for MA PFML medical (DFML decides)",
        "pfml-medical", date(2026, 2, 1), "100", date(2026, 3, 2), eligible=True,
    ),
    Example(
        "29 CFR 825.120(a)(2): bonding leave starting on the last day of the 12 months after birth is FMLA leave",
        "fmla", date(2020, 5, 1), "1800", date(2026, 6, 9), eligible=True,
        reason="bonding", bonding_event_date=date(2025, 6, 10),
    ),
    Example(
        "29 CFR 825.120(a)(2): bonding leave starting 12 months after the birth is not FMLA-bonding eligible",
        "fmla", date(2020, 5, 1), "1800", date(2026, 6, 10), eligible=False,
        reasons=[
            "bonding leave must be taken by Jun 9, 2026, within 12 months of the birth or placement on Jun 10, 2025"
        ],
        reason="bonding", bonding_event_date=date(2025, 6, 10),
    ),
    Example(
        "M.G.L. c.175M §2(b): MA PFML family bonding also ends 12 months after the placement",
        "pfml-family", date(2020, 5, 1), "1800", date(2026, 9, 1), eligible=False,
        reasons=[
            "bonding leave must be taken by Jul 31, 2026, within 12 months of the birth or placement on Aug 1, 2025"
        ],
        reason="bonding", bonding_event_date=date(2025, 8, 1),
    ),
    Example(
        "29 CFR 825.120: the 12-month bonding window does not apply to the employee's own health condition",
        "fmla", date(2020, 5, 1), "1800", date(2026, 9, 1), eligible=True,
        reason="employee_health", bonding_event_date=date(2024, 1, 1),
    ),
    Example(
        "Catalogue: Employee Sick is decided by the department, with no eligibility thresholds",
        "employee-sick", date(2026, 3, 1), "0", date(2026, 3, 2), eligible=True,
    ),
]  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_eligibility_worked_example(example: Example) -> None:
    facts = RosterFacts(hire_date=example.hire_date, hours_worked_last_12_months=Decimal(example.hours))
    result = check_eligibility(
        RULES[example.policy],
        facts,
        example.leave_start,
        reason=example.reason,
        bonding_event_date=example.bonding_event_date,
    )
    assert result.eligible is example.eligible
    assert result.reasons == example.reasons


def test_the_thresholds_met_are_listed_for_the_desk() -> None:
    facts = RosterFacts(hire_date=date(2024, 1, 15), hours_worked_last_12_months=Decimal("1300"))
    result = check_eligibility(RULES["fmla"], facts, date(2026, 3, 2))
    assert result.met == ["25 of 12 months of service", "1,300 of 1,250 hours worked in the last 12 months"]
    assert result.note == ""


def test_the_note_joins_every_reason_on_one_line() -> None:
    facts = RosterFacts(hire_date=date(2025, 9, 1), hours_worked_last_12_months=Decimal("1020"))
    result = check_eligibility(RULES["fmla"], facts, date(2026, 3, 2))
    assert result.note == "6 of 12 months of service; 1,020 of 1,250 hours worked in the last 12 months"
