"""Balances cached per employee: read without counting while nothing changed, counted again after every kind of
change they are counted from, and counted as before when Redis is down."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 (worked examples read best with short dates)
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from absence.days import DayEntry
from accounts.tests.factories import EmployeeFactory
from cases.balance_cache import balances_changed, cached_balances_for_case
from cases.balances import balances_for_case
from cases.models import BalanceStamp, LeavePattern
from cases.tests.factories import CaseFactory
from cases.tests.test_history_view import count_queries
from cases.time_entries import add_time_entries
from config.cache import ForgivingRedisCache
from desk import actions, returns
from policies.models import DecisionStatus, OpeningBalance, Policy
from policies.tests.factories import PolicyDecisionFactory, add_time, approve, leave_case, past_leaves, policy
from roster.feed_import import import_roster
from roster.models import LocalHoliday
from roster.tests.test_import_roster import person

pytestmark = pytest.mark.django_db

AS_OF = D(2026, 4, 30)


@pytest.fixture(autouse=True)
def empty_cache():
    caches["default"].clear()


def fmla_of(case, as_of=AS_OF):
    [fmla] = [b for b in cached_balances_for_case(case, as_of) if b.policy_code == "fmla"]
    return fmla


@pytest.fixture
def leave(employee):
    """Three approved weeks of continuous FMLA leave, Mar 2 to Mar 20, 2026 (8 h Monday to Friday): 120 h."""
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 20))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 3, 20))
    return case


def test_the_second_reading_takes_one_query_and_counts_nothing(leave, django_assert_num_queries, monkeypatch):
    assert fmla_of(leave).used_hours == Decimal(120)
    monkeypatch.setattr("cases.balance_cache.balances_for_case", lambda *a, **k: pytest.fail("counted again"))
    with django_assert_num_queries(1):  # the employee's stamp
        assert fmla_of(leave).used_hours == Decimal(120)


def test_the_figures_are_the_engines_own(leave):
    assert cached_balances_for_case(leave, AS_OF) == balances_for_case(leave, AS_OF)
    assert cached_balances_for_case(leave, AS_OF) == balances_for_case(leave, AS_OF)  # from the cache


def test_another_day_is_counted_for_that_day(leave):
    assert fmla_of(leave, D(2026, 3, 6)).used_hours == Decimal(40)
    assert fmla_of(leave, D(2026, 3, 13)).used_hours == Decimal(80)


# --- Each change the balances are counted from: the figure shown changes --------------------------------


def test_a_decision_approved_on_the_desk(leave, employee, specialist):
    fmla_of(leave)
    later = leave_case(employee, D(2026, 4, 6), D(2026, 4, 10))
    pending = PolicyDecisionFactory.create(case=later, policy=policy("fmla"), start_date=D(2026, 4, 6),
                                           end_date=D(2026, 4, 10))  # fmt: skip
    actions.approve_decision(pending, start_date=D(2026, 4, 6), end_date=D(2026, 4, 10), by=specialist)
    assert fmla_of(leave).used_hours == Decimal(160)


def test_a_decision_changed_in_the_admin(leave):
    fmla_of(leave)
    decision = leave.decisions.get()
    decision.status = DecisionStatus.DENIED
    decision.save()
    assert cached_balances_for_case(leave, AS_OF) == balances_for_case(leave, AS_OF)
    assert not [b for b in cached_balances_for_case(leave, AS_OF) if b.used_hours]


def test_a_time_entry_saved_or_reported(employee):
    case = leave_case(employee, D(2026, 3, 2), D(2026, 8, 31), pattern=LeavePattern.INTERMITTENT)
    approve(case, "fmla", D(2026, 3, 2), D(2026, 8, 31))
    assert fmla_of(case).used_hours == 0
    add_time(case, D(2026, 3, 3), 240)
    assert fmla_of(case).used_hours == Decimal(4)
    add_time_entries(case, [DayEntry(D(2026, 3, 4), full_day=True, minutes=480)])  # one bulk statement
    assert fmla_of(case).used_hours == Decimal(12)
    case.time_entries.get(date=D(2026, 3, 3)).delete()
    assert fmla_of(case).used_hours == Decimal(8)


def test_a_case_cancelled_on_the_desk(leave, employee, specialist):
    other = leave_case(employee, D(2026, 4, 6), D(2026, 4, 10))
    approve(other, "fmla", D(2026, 4, 6), D(2026, 4, 10))
    assert fmla_of(leave).used_hours == Decimal(160)
    actions.cancel_case(other, reason="Entered twice.", by=specialist)
    assert fmla_of(leave).used_hours == Decimal(120)


def test_an_early_return_to_work_shortens_the_charge(leave, specialist):
    assert fmla_of(leave).used_hours == Decimal(120)
    returns.record_return(leave, returned_on=D(2026, 3, 16), version=0, by=specialist)
    assert fmla_of(leave).used_hours == Decimal(80)


def test_a_leave_extended_on_the_desk_is_counted_again(leave, specialist):
    before = BalanceStamp.objects.get(employee=leave.employee).stamp if fmla_of(leave) else None
    returns.extend_leave(leave, new_end=D(2026, 3, 27), version=0, by=specialist)
    assert BalanceStamp.objects.get(employee=leave.employee).stamp != before
    assert cached_balances_for_case(leave, AS_OF) == balances_for_case(leave, AS_OF)


def test_a_leave_period_changed(leave):
    fmla_of(leave)
    leave.leave_period.end_date = D(2026, 3, 13)
    leave.leave_period.save()
    leave.decisions.get().delete()
    approve(leave, "fmla", D(2026, 3, 2), D(2026, 3, 13))
    assert fmla_of(leave).used_hours == Decimal(80)


def test_an_opening_balance_recorded_or_removed(leave, employee):
    fmla_of(leave)
    opening = OpeningBalance.objects.create(
        employee=employee, policy=policy("fmla"), period_start=D(2026, 1, 5), hours=Decimal(32), note="paper file"
    )
    assert fmla_of(leave).used_hours == Decimal(152)
    opening.delete()
    assert fmla_of(leave).used_hours == Decimal(120)


def test_the_roster_schedule_changed_in_the_admin(leave, employee):
    assert fmla_of(leave).entitlement_hours == Decimal(480)
    record = employee.roster_record
    record.scheduled_hours_per_day = Decimal(6)
    record.save()
    assert fmla_of(leave).entitlement_hours == Decimal(360)


def test_the_roster_schedule_changed_by_the_roster_import(leave, employee):
    assert fmla_of(leave).entitlement_hours == Decimal(480)
    number = employee.roster_record.employee_number
    lines = [",".join(person(number).keys()), ",".join(person(number, work_days="Mon Tue Wed Thu Fri").values())]
    import_roster(lines, full=False, report=lambda problem: pytest.fail(str(problem)))
    leave.employee.refresh_from_db()
    leave.employee.roster_record.refresh_from_db()
    assert fmla_of(leave).entitlement_hours == Decimal("450")  # 7.5 h a day in the file


def test_a_policys_rules_changed_in_the_admin(leave):
    assert fmla_of(leave).entitlement_hours == Decimal(480)
    fmla = Policy.objects.get(code="fmla")
    fmla.rules = {**fmla.rules, "entitlement": {**fmla.rules["entitlement"], "weeks": 26}}
    fmla.save()
    assert fmla_of(leave).entitlement_hours == Decimal(26 * 40)


def test_a_local_holiday_added_in_a_partial_week(employee):
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 4))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 3, 4))
    assert fmla_of(case).used_hours == Decimal(24)
    LocalHoliday.objects.create(location=employee.roster_record.work_location, date=D(2026, 3, 3), name="Town day")
    assert fmla_of(case).used_hours == Decimal(16)


def test_a_spouses_decision_is_counted_again_for_both(employee):
    spouse = EmployeeFactory.create()
    record = spouse.roster_record
    assert record is not None
    record.spouse = employee.roster_record
    record.save()
    case = leave_case(employee, D(2026, 3, 2), D(2026, 3, 6))
    approve(case, "fmla", D(2026, 3, 2), D(2026, 3, 6))
    fmla_of(case)
    mine = BalanceStamp.objects.get(employee=employee).stamp
    theirs = leave_case(spouse, D(2026, 4, 6), D(2026, 4, 10))
    approve(theirs, "fmla", D(2026, 4, 6), D(2026, 4, 10))
    assert BalanceStamp.objects.get(employee=employee).stamp != mine


def test_either_spouses_change_is_counted_again_for_the_other_whichever_record_holds_the_link(employee):
    spouse = EmployeeFactory.create()
    record = spouse.roster_record
    assert record is not None
    record.spouse = employee.roster_record  # the link on the spouse's record only
    record.save()
    bystander = EmployeeFactory.create()
    for changed, other in ((employee, spouse), (spouse, employee)):
        stamps = dict(BalanceStamp.objects.values_list("employee_id", "stamp"))
        leave_case(changed, D(2026, 5, 4), D(2026, 5, 8))
        after = dict(BalanceStamp.objects.values_list("employee_id", "stamp"))
        assert after[other.pk] != stamps.get(other.pk)
        assert bystander.pk not in after  # no one else's


def test_marking_new_documents_seen_keeps_the_figures(leave, specialist):
    fmla_of(leave)
    stamp = BalanceStamp.objects.get(employee=leave.employee).stamp
    leave.has_new_documents = True
    leave.save(update_fields=["has_new_documents"])
    actions.mark_case_seen(leave)
    assert BalanceStamp.objects.get(employee=leave.employee).stamp == stamp


def test_a_pending_decision_attached_shows_its_policy(employee):
    case = CaseFactory.create(employee=employee, pattern=LeavePattern.CONTINUOUS)
    assert cached_balances_for_case(case, AS_OF) == []
    PolicyDecisionFactory.create(case=case, policy=policy("fmla"), status=DecisionStatus.PENDING)
    assert [b.policy_code for b in cached_balances_for_case(case, AS_OF)] == ["fmla"]


# --- Redis down: the page counts the figures itself ------------------------------------------------------

DEAD_REDIS = {
    "default": {
        "BACKEND": "config.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    },
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
}


def test_with_redis_down_the_case_page_shows_the_balance_counted_afresh(client, employee, leave, monkeypatch):
    monkeypatch.setattr(ForgivingRedisCache, "_paused_until", {})
    client.force_login(employee)
    with override_settings(CACHES=DEAD_REDIS, SESSION_ENGINE="django.contrib.sessions.backends.db"):
        page = client.get(reverse("cases:detail", args=[leave.case_number]))
        assert page.status_code == 200
        assert "FMLA: 120 of 480 hours used as of" in page.content.decode()
        again = client.get(reverse("cases:detail", args=[leave.case_number]))
        assert "FMLA: 120 of 480 hours used as of" in again.content.decode()


# --- The case page costs the same for a thousand past leaves as for one ------------------------------------


def test_the_case_page_costs_the_same_for_a_thousand_past_leaves_as_for_one(client, employee, monkeypatch):
    client.force_login(employee)
    case = leave_case(employee, D(2026, 11, 30), D(2026, 12, 31), pattern=LeavePattern.INTERMITTENT)
    approve(case, "fmla", D(2026, 11, 30), D(2026, 12, 31))
    add_time(case, D(2026, 12, 1), 240)
    past_leaves(employee, 1, before=D(2026, 11, 30))
    balances_changed(employees=[employee.pk])
    url = reverse("cases:detail", args=[case.case_number])
    one = count_queries(client, url)  # the first view counts the balances; the one counted reads them

    past_leaves(employee, 999, before=D(2026, 11, 16))
    balances_changed(employees=[employee.pk])
    assert count_queries(client, url) == one
    [fmla] = balances_for_case(case, timezone.localdate())  # the past year's leaves count too
    monkeypatch.setattr("cases.balance_cache.balances_for_case", lambda *a, **k: pytest.fail("counted again"))
    assert fmla.summary in client.get(url).content.decode()
