"""The history's rows (cases.history_rows) read exactly what the row template's include wrote, case by case.

The include per row is the reference: it renders `cases/includes/history_case.html` as the page did before the rows
were joined from pieces. Every shape a row can take is here: each status, no dates, one day and a span, filed by a
supervisor, unplanned, no decisions and several, a name that must be escaped, and another language.
"""

from datetime import date

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from cases.history import claims_history
from cases.history_rows import history_rows
from cases.models import CaseKind, CaseReason, FiledAs
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db

INCLUDE_PER_ROW = Template('{% for summary in summaries %}{% include "cases/includes/history_case.html" %}{% endfor %}')


def include_per_row(summaries):
    return INCLUDE_PER_ROW.render(Context({"summaries": summaries, "administrator": settings.ADMINISTRATOR}))


@pytest.fixture
def every_shape(employee, supervisor):
    supervisor.first_name, supervisor.last_name = "Ann <b>&", "O'Hara"
    supervisor.save()
    span = LeavePeriodFactory.create(
        case__employee=employee, start_date=date(2026, 5, 4), end_date=date(2026, 9, 18)
    ).case
    PolicyDecisionFactory.create(case=span, policy=policy("fmla"), status="approved")
    PolicyDecisionFactory.create(
        case=span, policy=policy("std-1"), status="denied", start_date=date(2026, 5, 4), end_date=date(2026, 5, 8)
    )
    PolicyDecisionFactory.create(case=span, policy=policy("pfml-medical"), status="pending")
    one_day = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.FAMILY_SICK, pattern="")
    TimeEntryFactory.create(case=one_day, date=date(2026, 1, 4))
    filed = CaseFactory.create(
        employee=employee,
        kind=CaseKind.UNPLANNED,
        reason=CaseReason.EMPLOYEE_SICK,
        pattern="",
        filed_by=supervisor,
        filed_as=FiledAs.SUPERVISOR,
    )
    TimeEntryFactory.create(case=filed, date=date(2026, 2, 2))
    TimeEntryFactory.create(case=filed, date=date(2026, 2, 5))
    cancelled = CaseFactory.create(employee=employee, cancelled_at="2026-03-01T10:00:00Z")
    PolicyDecisionFactory.create(case=cancelled, policy=policy("fmla"), status="cancelled")
    CaseFactory.create(employee=employee)  # no dates, no decisions
    return claims_history(employee)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_rows_are_the_includes_output_byte_for_byte(every_shape, language):
    with translation.override(language):
        expected = include_per_row(every_shape)
        assert str(history_rows(every_shape)) == expected
        assert str(history_rows(every_shape)) == expected  # again, from the cached pieces
    assert expected.count('class="cases-history__case"') == 5
    assert "Ann &lt;b&gt;&amp; O&#x27;Hara" in expected


def test_a_row_holds_nothing_of_another_case(employee):
    first, second = CaseFactory.create(employee=employee), CaseFactory.create(employee=employee)
    PolicyDecisionFactory.create(case=first, policy=policy("fmla"), status="approved")
    PolicyDecisionFactory.create(case=second, policy=policy("std-1"), status="approved")

    rows = str(history_rows(claims_history(employee))).split('<li class="cases-history__case"')[1:]

    by_number = {row.split('"')[1]: row for row in rows}
    assert "Family Medical Leave Act" in by_number[first.case_number]
    assert "Family Medical Leave Act" not in by_number[second.case_number]
    assert first.case_number not in by_number[second.case_number]
