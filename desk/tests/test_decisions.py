"""Deciding a case's policies on the desk: checked dates, versions, transitions, one notice per sitting."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from cases.balances import balances_for_case
from cases.events import history as case_history
from cases.models import CaseEventKind, CaseKind, CaseReason
from cases.tests.factories import CaseFactory, LeavePeriodFactory, TimeEntryFactory
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START, make_specialist
from notices.models import Message
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db


def case_url(case):
    return reverse("desk:case", args=[case.case_number])


def row(decision, outcome, start=DESK_LEAVE_START, end=DESK_LEAVE_END, **extra):
    """The posted fields of one decision's row, at the version the page showed."""
    prefix = f"decision-{decision.pk}"
    fields = {"outcome": outcome, "start_date": start.isoformat(), "end_date": end.isoformat(),
              "version": decision.version, **extra}  # fmt: skip
    return {f"{prefix}-{name}": value for name, value in fields.items()}


def decide(client, case, *rows):
    data = {"action": "decide"}
    for fields in rows:
        data.update(fields)
    return client.post(case_url(case), data)


@pytest.fixture
def desk(client, specialist):
    return sign_in_to_desk(client, specialist)


@pytest.fixture
def three_policies(report_case):
    """The report's leave with FMLA, MA PFML Medical and Short Term Disability pending."""
    for code in ("pfml-medical", "std-1"):
        PolicyDecisionFactory.create(
            case=report_case, policy=policy(code), start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END
        )
    return report_case


def test_the_form_starts_with_the_requested_dates(desk, report_case):
    decision = report_case.decisions.get()
    decision.start_date, decision.end_date = date(2026, 12, 7), date(2026, 12, 18)
    decision.save()
    page = unescape(desk.get(case_url(report_case)).content.decode())
    assert f'name="decision-{decision.pk}-start_date" value="2026-11-30"' in page
    assert f'name="decision-{decision.pk}-end_date" value="2027-05-28"' in page


def test_approving_is_saved_audited_kept_in_the_history_and_summarised_to_the_employee(desk, report_case, specialist):
    decision = report_case.decisions.get()
    response = decide(desk, report_case, row(decision, "approved"))
    assert response.status_code == 302
    assert response["Location"] == case_url(report_case) + "#decisions"  # back at the form, its message there
    decision.refresh_from_db()
    assert (decision.status, decision.decided_by, decision.version) == (DecisionStatus.APPROVED, specialist, 2)
    assert AuditEvent.objects.filter(action=AuditAction.APPROVED, actor=specialist).count() == 1
    line = report_case.events.get(kind=CaseEventKind.DECISION)
    assert (
        line.summary
        == "Family Medical Leave Act: pending, Nov 30, 2026 – May 28, 2027 → approved, Nov 30, 2026 – May 28, 2027"
    )
    summary = Message.objects.get(template="desk_decisions_summary")
    assert summary.recipient == report_case.email
    assert "Family Medical Leave Act" in summary.body


def test_a_decision_outside_the_cases_dates_is_refused_beside_the_field_and_nothing_is_saved(desk, report_case):
    decision = report_case.decisions.get()
    response = decide(desk, report_case, row(decision, "approved", end=DESK_LEAVE_END + timedelta(days=1)))
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Choose dates within the case's own dates, Nov 30, 2026 to May 28, 2027." in page
    assert f'href="#id_decision-{decision.pk}-end_date"' in page  # the summary links to the field
    assert 'value="2027-05-29"' in page  # what was typed stays
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING
    assert not Message.objects.exists()


def test_deciding_three_policies_in_one_sitting_sends_one_summary_and_one_supervisor_notice(desk, three_policies):
    fmla, pfml, std = three_policies.decisions.order_by("pk")
    response = decide(
        desk,
        three_policies,
        row(fmla, "approved"),
        row(pfml, "approved", end=date(2027, 2, 26)),
        row(std, "denied", denial_reason="The plan's elimination period was not met."),
    )
    assert response.status_code == 302
    assert Message.objects.filter(template="desk_decisions_summary").count() == 1
    assert Message.objects.filter(template="supervisor_absence_status").count() == 1
    body = Message.objects.get(template="desk_decisions_summary").body
    assert "The plan's elimination period was not met." in body
    assert three_policies.events.filter(kind=CaseEventKind.DECISION).count() == 3


def test_saving_a_form_that_changes_nothing_sends_nothing(desk, report_case):
    decision = report_case.decisions.get()
    response = decide(desk, report_case, row(decision, "keep"))
    assert response.status_code == 302
    assert not Message.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.APPROVED).exists()
    follow = unescape(desk.get(case_url(report_case)).content.decode())
    assert "Nothing changed: no decision was saved and no notice was sent." in follow


def test_other_dates_with_leave_pending_are_not_dropped_silently(desk, report_case):
    decision = report_case.decisions.get()
    response = decide(desk, report_case, row(decision, "keep", end=date(2027, 1, 29)))
    assert response.status_code == 400
    assert "To save other dates, choose how to decide this policy." in unescape(response.content.decode())


def test_a_stale_version_is_refused_with_the_colleagues_change_shown(report_case, specialist):
    decision = report_case.decisions.get()
    colleague = make_specialist("jlee")
    colleague.first_name, colleague.last_name = "Jordan", "Lee"
    colleague.save()
    mine, theirs = sign_in_to_desk(Client(), specialist), sign_in_to_desk(Client(), colleague)
    read_at = row(decision, "denied", denial_reason="Not eligible.")  # my tab, read at version 1
    assert decide(theirs, report_case, row(decision, "approved", end=date(2027, 2, 26))).status_code == 302
    response = decide(mine, report_case, read_at)
    assert response.status_code == 409
    page = unescape(response.content.decode())
    assert "Family Medical Leave Act was changed by Jordan Lee on" in page
    assert "it is now approved, Nov 30, 2026 to Feb 26, 2027." in page
    assert f'name="decision-{decision.pk}-version" value="2"' in page  # the form shows the current state
    decision.refresh_from_db()
    assert (decision.status, decision.end_date) == (DecisionStatus.APPROVED, date(2027, 2, 26))
    assert Message.objects.filter(template="desk_decisions_summary").count() == 1


def test_denying_needs_a_reason_and_a_reversal_needs_one_too(desk, report_case):
    decision = report_case.decisions.get()
    response = decide(desk, report_case, row(decision, "denied"))
    assert response.status_code == 400
    assert "Give the reason for the denial. The employee receives it." in unescape(response.content.decode())
    assert decide(desk, report_case, row(decision, "approved")).status_code == 302
    decision.refresh_from_db()
    refused = decide(desk, report_case, row(decision, "denied", denial_reason="Certification not received."))
    assert "Give the reason for changing a decision that was already made." in unescape(refused.content.decode())
    reversed_ = decide(
        desk, report_case,
        row(decision, "denied", denial_reason="Certification not received.", change_reason="Called the employee."),
    )  # fmt: skip
    assert reversed_.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DENIED
    assert report_case.events.filter(kind=CaseEventKind.DECISION).first().reason == "Called the employee."


def test_a_decided_policy_offers_no_way_back_to_pending(desk, report_case):
    decision = report_case.decisions.get()
    decide(desk, report_case, row(decision, "approved"))
    decision.refresh_from_db()
    response = decide(desk, report_case, row(decision, "pending", change_reason="Oops."))
    assert response.status_code == 400
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED


def test_the_departments_policies_are_shown_but_never_decided_on_the_desk(desk, team, hr_professional):
    _supervisor, report = team
    record = report.roster_record
    record.agency = "Department of Revenue"
    record.save()
    case = CaseFactory.create(employee=report, kind=CaseKind.UNPLANNED, reason=CaseReason.FAMILY_SICK, pattern="")
    TimeEntryFactory.create(case=case, date=date(2026, 12, 2), minutes=480, full_day=True)
    decision = PolicyDecisionFactory.create(
        case=case, policy=policy("family-sick"), start_date=date(2026, 12, 2), end_date=date(2026, 12, 2)
    )
    page = unescape(desk.get(case_url(case)).content.decode())
    assert "Decided by the employee's department (Department of Revenue), not on the desk." in page
    assert "Harper Reyes" in page
    assert f"decision-{decision.pk}-outcome" not in page
    decide(desk, case, row(decision, "approved", start=date(2026, 12, 2), end=date(2026, 12, 2)))
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING


def test_a_refused_save_shows_the_reasons_and_is_audited_as_a_view(desk, report_case, specialist):
    decision = report_case.decisions.get()
    before = AuditEvent.objects.filter(action=AuditAction.VIEWED_REASONS).count()
    response = decide(desk, report_case, row(decision, "denied"))
    assert response.status_code == 400
    assert b"Zygomatic-Quokka-Syndrome-7731" in response.content
    assert b'id="error-summary" tabindex="-1" autofocus' in response.content
    assert AuditEvent.objects.filter(action=AuditAction.VIEWED_REASONS).count() == before + 1


def test_the_history_lists_every_change_newest_first_in_one_query(desk, report_case, django_assert_max_num_queries):
    decision = report_case.decisions.get()
    decide(desk, report_case, row(decision, "approved"))
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    call = {"action": "record_call", "call-purpose": "verification", "call-outcome": "reached", "call-called_at": now}
    desk.post(case_url(report_case), {**call, "call-text": "Verified the dates."})
    page = unescape(desk.get(case_url(report_case)).content.decode())
    history = page[page.index('id="history"') :]
    assert history.index("Call") < history.index("Decision")
    with django_assert_max_num_queries(1):
        assert len(list(case_history(report_case))) >= 3


def test_a_continuous_leave_is_decided_within_its_period(desk, team):
    _supervisor, report = team
    case = CaseFactory.create(employee=report, kind=CaseKind.LEAVE, pattern="continuous")
    LeavePeriodFactory.create(case=case, start_date=date(2026, 12, 7), end_date=date(2026, 12, 11))
    decision = PolicyDecisionFactory.create(case=case, start_date=date(2026, 12, 7), end_date=date(2026, 12, 11))
    response = decide(desk, case, row(decision, "approved", start=date(2026, 12, 4), end=date(2026, 12, 11)))
    assert "Choose dates within the case's own dates, Dec 07, 2026 to Dec 11, 2026." in unescape(
        response.content.decode()
    )


@pytest.fixture
def nearly_spent_fmla(team):
    """Riley used 10 of FMLA's 12 workweeks (400 of 480 hours) this autumn, and asks for six more weeks."""
    _supervisor, report = team
    earlier = CaseFactory.create(employee=report, pattern="continuous")
    LeavePeriodFactory.create(case=earlier, start_date=date(2026, 9, 7), end_date=date(2026, 11, 13))
    PolicyDecisionFactory.create(case=earlier, status="approved", start_date=date(2026, 9, 7),
                                 end_date=date(2026, 11, 13))  # fmt: skip
    case = CaseFactory.create(employee=report, pattern="continuous", email=report.email)
    LeavePeriodFactory.create(case=case, start_date=date(2026, 11, 30), end_date=date(2027, 1, 8))
    PolicyDecisionFactory.create(case=case, start_date=date(2026, 11, 30), end_date=date(2027, 1, 8))
    return case


def test_an_approval_past_the_entitlement_is_offered_up_to_the_day_the_hours_run_out(desk, nearly_spent_fmla):
    case = nearly_spent_fmla
    decision = case.decisions.get()
    fields = row(decision, "approved", start=date(2026, 11, 30), end=date(2027, 1, 8))
    response = decide(desk, case, fields)
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "These dates use more than FMLA has left" in page
    assert "FMLA has 80 hours left on Nov 30, 2026; approving Nov 30, 2026 to Jan 8, 2027 would use 240 hours." in page
    assert "The hours run out on Dec 11, 2026." in page
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING
    assert not Message.objects.exists()

    response = desk.post(case_url(case), {"action": "decide", **fields, "approve_up_to": f"{decision.pk}|2026-12-11"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.end_date, decision.beyond_entitlement_reason) == (
        "approved",
        date(2026, 12, 11),
        "",
    )


def test_an_override_is_audited_and_the_time_beyond_is_not_covered_by_fmla(desk, nearly_spent_fmla):
    case = nearly_spent_fmla
    decision = case.decisions.get()
    reason = "The agency extends protection for this surgery by its own policy."
    fields = row(decision, "approved", start=date(2026, 11, 30), end=date(2027, 1, 8), beyond_entitlement="on")
    assert "Say why you approve beyond what the policy has left." in unescape(
        decide(desk, case, fields).content.decode()
    )
    response = decide(desk, case, {**fields, f"decision-{decision.pk}-beyond_entitlement_reason": reason})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.beyond_entitlement_reason) == ("approved", reason)
    audit = AuditEvent.objects.get(action=AuditAction.APPROVED_BEYOND_ENTITLEMENT)
    assert reason in audit.detail
    assert "160 hours not covered" in case.events.get(kind=CaseEventKind.DECISION).summary
    # When the leave has ended: the 12 workweeks are all used, the rest is not covered, nothing is negative.
    (fmla,) = balances_for_case(case, date(2027, 1, 8))
    assert (fmla.used_hours, fmla.remaining_hours, fmla.not_covered_hours) == (480, 0, 160)
    assert fmla.summary == "FMLA: all 480 hours used as of Jan 8, 2027; 160 hours not covered by FMLA"
