"""The history's first page and the timeline, kept rendered under the employee's balance stamp (cases.views.history,
ADR 0012): stored after the first view, and after every kind of change they show, the next view shows the change."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (dates read best short)
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from absence.days import DayEntry
from accounts.tests.factories import EmployeeFactory
from cases.models import Case, CaseKind, FiledAs, LeavePattern
from cases.tests.factories import CaseFactory
from cases.tests.test_history_view import count_queries, measured_queries
from cases.time_entries import add_time_entries
from desk import actions, returns
from policies.models import Policy
from policies.tests.factories import PolicyDecisionFactory, approve, leave_case, policy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("employee_client")]  # signed in as the employee
HISTORY = reverse("cases:history")


def timeline(case: Case) -> str:
    return reverse("cases:timeline", args=[case.case_number])


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def leave(employee):
    """Three weeks of continuous leave, Mar 2 to Mar 20, 2026, FMLA pending on the desk."""
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 20))
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), start_date=D(2026, 3, 2), end_date=D(2026, 3, 20))
    return case


def seen(client, case: Case) -> None:
    """Both pages viewed once, so both are stored."""
    page(client, HISTORY)
    page(client, timeline(case))


def test_a_second_view_reads_the_stored_parts_only(client, leave):
    seen(client, leave)
    # The session, the user and the stamp: nothing of the cases is read again.
    assert count_queries(client, HISTORY) == count_queries(client, reverse("cases:timeline", args=[leave.case_number]))
    assert 'data-status="pending"' in page(client, HISTORY)


def test_a_decision_approved_on_the_desk_shows_on_both(client, leave, specialist):
    seen(client, leave)
    decision = leave.decisions.get()
    actions.approve_decision(decision, start_date=D(2026, 3, 2), end_date=D(2026, 3, 13), by=specialist)

    assert 'data-status="approved"' in page(client, HISTORY)
    assert "Mar. 13, 2026" in page(client, HISTORY)
    assert ">APPROVED</text>" in page(client, timeline(leave))


def test_a_case_cancelled_on_the_desk_shows_cancelled_on_both(client, leave, specialist):
    seen(client, leave)
    actions.cancel_case(leave, reason="Entered twice.", by=specialist)

    assert 'data-status="cancelled"' in page(client, HISTORY)
    assert "CANCELLED" in page(client, timeline(leave)).split("<figure")[0]


def test_a_new_case_shows_in_the_history(client, employee, leave):
    seen(client, leave)
    newer = CaseFactory.create(employee=employee)

    assert f'data-case-number="{newer.case_number}"' in page(client, HISTORY)


def test_a_deleted_case_leaves_the_history_and_its_timeline_is_not_found(client, leave):
    seen(client, leave)
    number = leave.case_number
    url = timeline(leave)
    leave.delete()

    assert number not in page(client, HISTORY)
    assert client.get(url).status_code == 404


def test_a_leave_extended_on_the_desk_shows_its_new_end_and_pending_days(client, leave, specialist):
    decision = leave.decisions.get()
    actions.approve_decision(decision, start_date=D(2026, 3, 2), end_date=D(2026, 3, 20), by=specialist)
    seen(client, leave)
    returns.extend_leave(leave, new_end=D(2026, 3, 27), version=0, by=specialist)

    assert "Mar. 27, 2026" in page(client, HISTORY)
    assert ">PENDING</text>" in page(client, timeline(leave))


def test_an_early_return_to_work_shortens_the_decisions_shown(client, leave, specialist):
    decision = leave.decisions.get()
    actions.approve_decision(decision, start_date=D(2026, 3, 2), end_date=D(2026, 3, 20), by=specialist)
    seen(client, leave)
    returns.record_return(leave, returned_on=D(2026, 3, 16), version=0, by=specialist)

    assert "Mar. 15, 2026" in page(client, timeline(leave))  # the day before the return
    assert "Mar. 15, 2026" in page(client, HISTORY)


def test_days_reported_in_bulk_give_an_absence_its_dates(client, employee):
    absence = CaseFactory.create(employee=employee, kind=CaseKind.UNPLANNED, pattern="")
    add_time_entries(absence, [DayEntry(D(2026, 3, 4), full_day=True, minutes=480)])
    assert "Mar. 04, 2026" in page(client, HISTORY)
    add_time_entries(absence, [DayEntry(D(2026, 3, 6), full_day=True, minutes=480)])  # one statement, no signal

    assert 'Mar. 04, 2026 <span aria-hidden="true">• • •</span>' in page(client, HISTORY)
    assert "Mar. 06, 2026" in page(client, HISTORY)


def test_a_policy_renamed_in_the_admin_shows_its_new_name(client, leave):
    seen(client, leave)
    fmla = Policy.objects.get(code="fmla")
    fmla.name = "Family and Medical Leave"
    fmla.save()

    assert "Family and Medical Leave<" in page(client, HISTORY)
    assert "Family and Medical Leave<" in page(client, timeline(leave))


def test_the_name_of_who_filed_the_case_shows_as_it_is_now(client, employee):
    supervisor = EmployeeFactory.create(first_name="James", last_name="Walsh")
    CaseFactory.create(employee=employee, filed_by=supervisor, filed_as=FiledAs.SUPERVISOR)
    assert "Reported by your supervisor, James Walsh" in page(client, HISTORY)
    supervisor.last_name = "Walsh-Ortiz"
    supervisor.save()

    assert "Reported by your supervisor, James Walsh-Ortiz" in page(client, HISTORY)


def test_a_leave_that_ended_yesterday_is_no_longer_running_today(client, employee, monkeypatch):
    today = timezone.localdate()
    leave_case(employee, today - timedelta(days=9), today)
    assert "Leaves still running" in page(client, HISTORY)
    monkeypatch.setattr(timezone, "localdate", lambda *args: today + timedelta(days=1))

    assert "Leaves still running" not in page(client, HISTORY)


def test_each_case_has_its_own_timeline_and_another_employees_stays_not_found(client, employee, leave):
    other = leave_case(employee, D(2026, 5, 4), D(2026, 5, 8), pattern=LeavePattern.INTERMITTENT)
    approve(other, "std-1", D(2026, 5, 4), D(2026, 5, 8))
    seen(client, leave)
    seen(client, other)

    assert "Short Term Disability 1" in page(client, timeline(other))
    assert "Short Term Disability 1" not in page(client, timeline(leave))
    assert client.get(timeline(CaseFactory.create())).status_code == 404


def test_later_pages_and_years_are_never_stored(client, employee, leave):
    page(client, HISTORY + "?page=2")
    page(client, HISTORY + f"?year={leave.submitted_at.year}")
    page(client, HISTORY + "?page=123456")

    stored = [key for key in caches["default"]._cache if "part:" in key]  # type: ignore[attr-defined]
    assert stored == []


def test_parts_stored_by_another_run_of_the_code_are_not_read(client, leave, monkeypatch):
    """A deployment may change the templates: what the previous release stored is never served by the next."""
    seen(client, leave)
    stored = count_queries(client, HISTORY)
    monkeypatch.setattr("cases.balance_cache.RENDERED_BY", "nextrelease")
    assert measured_queries(client, HISTORY) > stored  # rendered again, from the cases
    assert measured_queries(client, HISTORY) == stored  # and stored for this run
