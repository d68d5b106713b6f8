"""A specialist records the day PFML leave began on the decision's row (M.G.L. c.175M §1, 458 CMR 2.02: the
benefit year starts the Sunday before the first day of leave, earlier employer-paid leave included)."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest

from audit.models import AuditAction, AuditEvent
from cases.balances import balances_for_case
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START
from desk.tests.test_decisions import case_url, decide, row
from notices.models import Message
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, specialist):
    return sign_in_to_desk(client, specialist)


def with_fmla_kept(case, fields):
    """The PFML row's fields with the case's FMLA row left as it is (every row of the sitting is posted)."""
    return {**row(case.decisions.get(policy__code="fmla"), "keep"), **fields}


@pytest.fixture
def pfml(report_case):
    return PolicyDecisionFactory.create(
        case=report_case, policy=policy("pfml-medical"), start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END
    )


def test_the_leave_began_field_is_on_pfml_rows_only(desk, report_case, pfml):
    page = desk.get(case_url(report_case)).content.decode()
    assert f'name="decision-{pfml.pk}-leave_began"' in page
    fmla = report_case.decisions.get(policy__code="fmla")
    assert f'name="decision-{fmla.pk}-leave_began"' not in page


def test_setting_leave_began_alone_saves_it_in_the_history_and_audit_and_sends_no_notice(desk, report_case, pfml):
    began = DESK_LEAVE_START.replace(day=1) if DESK_LEAVE_START.day > 1 else DESK_LEAVE_START
    messages_before = Message.objects.count()
    response = decide(desk, report_case, with_fmla_kept(report_case, row(pfml, "keep", leave_began=began.isoformat())))
    assert response.status_code == 302
    pfml.refresh_from_db()
    assert (pfml.leave_began, pfml.status, pfml.version) == (began, "pending", 2)
    assert AuditEvent.objects.filter(action=AuditAction.SET_LEAVE_BEGAN).count() == 1
    assert Message.objects.count() == messages_before


def test_leave_began_after_the_start_date_is_refused_beside_the_field(desk, report_case, pfml):
    later = date.fromordinal(DESK_LEAVE_START.toordinal() + 1)
    response = decide(desk, report_case, with_fmla_kept(report_case, row(pfml, "keep", leave_began=later.isoformat())))
    assert response.status_code == 400
    assert "The day leave began must be on or before the start date" in unescape(response.content.decode())
    assert f'value="{later.isoformat()}"' in response.content.decode()
    pfml.refresh_from_db()
    assert pfml.leave_began is None


def test_a_typo_in_leave_began_gets_a_plain_message(desk, report_case, pfml):
    response = decide(desk, report_case, with_fmla_kept(report_case, row(pfml, "keep", leave_began="13/45/2026")))
    assert "Enter a real date, like 01/12/2027." in response.content.decode()


def test_an_approved_pfml_decision_counts_its_benefit_year_from_the_day_leave_began(desk, report_case, pfml):
    began = date.fromordinal(DESK_LEAVE_START.toordinal() - 10)
    decide(desk, report_case, with_fmla_kept(report_case, row(pfml, "approved", leave_began=began.isoformat())))
    pfml.refresh_from_db()
    assert (pfml.status, pfml.leave_began) == ("approved", began)
    [balance] = [b for b in balances_for_case(report_case) if b.policy_code == "pfml-medical"]
    sunday = date.fromordinal(began.toordinal() - (began.weekday() + 1) % 7)
    assert balance.period_start == sunday
