"""Balances from the database: load an employee's approved decisions and their cases' time in a fixed number of
queries, then let the pure engine (policies.engine) count. The desk and the portal case page call these, and the
desk asks `entitlement_check` before it saves an approval.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from absence.calendar import DEFAULT_LOCATION, BusinessCalendar
from accounts.models import User
from cases.models import AbsenceFor, Case, CaseKind, LeavePattern, LeavePeriod, OvertimeShift, TimeEntry
from policies.engine import (
    CaseTime,
    Coverage,
    EntitlementCheck,
    Entry,
    EntryFlag,
    Ledger,
    Pattern,
    PolicyBalance,
    RosterFacts,
    Schedule,
    check_approval,
    entry_flags,
)
from policies.engine.rules import PolicyRules
from policies.engine.service import EmploymentSpell, HoursReport
from policies.engine.spouses import SpouseUse, spouse_use
from policies.models import DecisionStatus, OpeningBalance, Policy, PolicyDecision
from roster.calendars import calendar_for_location, calendars_by_location
from roster.models import RosterRecord, spouse_of


def balances_for_employee(user: User, as_of: date | None = None) -> list[PolicyBalance]:
    """A balance for each policy the employee has an approved decision for (per case for a per-case plan).

    Five queries whatever the number of cases: the roster record, the approved decisions with their policy,
    case and leave period, the cases' time entries, the opening balances (time used before LeaveDesk), and the
    work location's local holidays and closures (three more when a spouse at the employer is linked: theirs, for
    the weeks spouses share).
    """
    as_of = as_of or timezone.localdate()
    decisions = _approved_decisions(user)
    openings = _opening_balances(user)
    ledger = _ledger(_roster_record(user), decisions, [decision.policy for decision in decisions], openings=openings)
    return ledger.balances(as_of)


def balances_for_case(
    case: Case, as_of: date | None = None, calendar: BusinessCalendar | None = None
) -> list[PolicyBalance]:
    """A balance for each pending or approved policy on this case, counting every approved decision of the
    employee (time is charged concurrently across cases), with the run-out date projected from this case.

    Five queries whatever the number of the employee's cases (four when the caller gives the work location's
    calendar, which it has read for the rest of its page).
    """
    as_of = as_of or timezone.localdate()
    decisions = _approved_decisions(case.employee)
    openings = _opening_balances(case.employee)
    case_policies = list(
        Policy.objects.filter(
            decisions__case=case, decisions__status__in=[DecisionStatus.PENDING, DecisionStatus.APPROVED]
        ).distinct()
    )
    policies = [*case_policies, *(d.policy for d in decisions)]
    ledger = _ledger(_roster_record(case.employee), decisions, policies, openings=openings, calendar=calendar)
    return [ledger.balance(policy.code, as_of, case_number=case.case_number) for policy in case_policies]


def approved_ledgers(employee_ids: Iterable[int]) -> dict[int, Ledger]:
    """The engine's ledger of each employee's approved decisions, as balances_for_employee builds it (its
    balances are `ledger.balances(as_of)`), by employee id, for many employees at once (the desk's reports).

    Six queries however many employees: the accounts with their roster records and spouse links, the approved
    decisions with their cases, the cases' time entries, the opening balances, the work locations' calendars;
    four more when a spouse at the employer is linked to any of them (the spouses' accounts, decisions, time and
    calendars, for the weeks spouses share).
    """
    users = list(
        User.objects.filter(pk__in=set(employee_ids)).select_related(
            "roster_record__spouse", "roster_record__spouse_of_record"
        )
    )
    decisions = _by_employee(_approved_decisions_of(int(user.pk) for user in users))
    openings: dict[int, list[OpeningBalance]] = defaultdict(list)
    for opening in OpeningBalance.objects.filter(employee__in=users).select_related("policy"):
        openings[opening.employee_id].append(opening)
    records = [user.roster_record for user in users]
    calendars = calendars_by_location(record.work_location if record is not None else None for record in records)
    spouse_time = _spouses_time([spouse for r in records if r is not None and (spouse := spouse_of(r)) is not None])
    return {
        int(user.pk): _ledger(
            record,
            decisions[int(user.pk)],
            [decision.policy for decision in decisions[int(user.pk)]],
            openings=openings[int(user.pk)],
            calendar=calendars[_calendar_key(record)],
            spouse_time=spouse_time,
        )
        for user, record in zip(users, records, strict=True)
    }


def _calendar_key(record: RosterRecord | None) -> str:
    """The key of the record's calendar in calendars_by_location."""
    return (record.work_location if record is not None else "") or DEFAULT_LOCATION


def _by_employee(decisions: Iterable[PolicyDecision]) -> dict[int, list[PolicyDecision]]:
    grouped: dict[int, list[PolicyDecision]] = defaultdict(list)
    for decision in decisions:
        grouped[decision.case.employee_id].append(decision)
    return grouped


def _spouses_time(spouses: list[RosterRecord]) -> SpouseTime:
    """_spouse_time for these spouses, loaded at once (four queries, none when there are none)."""
    if not spouses:
        return _spouse_time
    linked = User.objects.filter(roster_record__in=spouses).values_list("roster_record_id", "pk")
    accounts: dict[int, int] = dict(linked)
    decisions = _by_employee(_approved_decisions_of(accounts.values()))
    calendars = calendars_by_location(spouse.work_location for spouse in spouses)

    def loaded(spouse: RosterRecord) -> tuple[list[PolicyDecision] | None, BusinessCalendar | None]:
        account = accounts.get(spouse.pk)
        if account is None:
            return None, None
        return decisions[account], calendars[_calendar_key(spouse)]

    return loaded


def entitlement_check(decision: PolicyDecision, start: date, end: date) -> EntitlementCheck | None:
    """What approving `decision` for [start, end] would use of its policy, against what the policy has left.

    None for a policy with no counted entitlement. The decision itself is counted as if approved for [start, end]
    (replacing its own current approval, if any); every other approved decision of the employee as it stands.
    Five queries whatever the number of the employee's cases (six when decision.policy is not loaded yet): the
    case with its employee, roster record and leave period, its time entries, the approved decisions with
    their cases' time, as balances_for_employee loads them, the opening balances and the calendar's local data.
    """
    policy = decision.policy
    if policy.engine_rules().entitlement is None:
        return None
    case = (
        Case.objects.select_related(*SPOUSE_LINKS, "leave_period")
        .prefetch_related(Prefetch("time_entries", queryset=TimeEntry.objects.order_by("date")))
        .get(pk=decision.case_id)
    )
    others = [other for other in _approved_decisions(case.employee) if other.pk != decision.pk]
    openings = _opening_balances(case.employee)
    ledger = _ledger(
        _roster_record(case.employee), others, [policy, *(d.policy for d in others)], extra=[case], openings=openings
    )
    approval = Coverage(
        policy.code,
        case.case_number,
        start,
        end,
        leave_began=decision.leave_began,
        eligible_from=decision.eligible_from,
    )
    return check_approval(ledger, approval)


SPOUSE_LINKS = ("employee__roster_record__spouse", "employee__roster_record__spouse_of_record")


def entry_flags_for_case(case: Case, calendar: BusinessCalendar | None = None) -> list[EntryFlag]:
    """The case's time entries charged differently from what was entered, and why (29 CFR 825.205): judged
    against the employee's schedule and work-location holidays, with every other open case's entries of the day.

    Whatever the decisions say: the flags are about the time entered. An entry is judged with the entries of
    its own day only, so only the days this case has entries on are read, however long the employee's history.
    Two queries (one more for the work location's calendar when it is not given, one when case.employee's
    roster record is not loaded): the employee's open cases with an entry on one of those days, with their
    leave periods, and their entries of those days.
    """
    days = TimeEntry.objects.filter(case_id=case.pk).values("date")
    cases = (
        Case.objects.filter(employee_id=case.employee_id, cancelled_at__isnull=True, time_entries__date__in=days)
        .distinct()
        .select_related("leave_period")
        .prefetch_related(Prefetch("time_entries", queryset=TimeEntry.objects.filter(date__in=days).order_by("date")))
    )
    record = _roster_record(case.employee)
    schedule, holidays = schedule_of(record), (calendar or calendar_of(record)).holidays
    times = [time for other in cases if (time := case_time(other, schedule, holidays)) is not None]
    flags = entry_flags(times, schedule, holidays)
    return [flag for flag in flags if flag.case_number == case.case_number]


def roster_facts(record: RosterRecord) -> RosterFacts:
    """The roster record's hire date, hours worked and schedule, its earlier employments and the hours each
    feed import brought, as the engine reads them (two queries)."""
    return RosterFacts(
        hire_date=record.hire_date,
        hours_worked_last_12_months=record.hours_worked_last_12_months,
        schedule=schedule_of(record),
        spells=tuple(
            EmploymentSpell(start, end)
            for start, end in record.employment_spells.values_list("hire_date", "separation_date")
        ),
        hours_reports=tuple(
            HoursReport(day, hours) for day, hours in record.hours_reports.values_list("as_of", "hours")
        ),
    )


def schedule_of(record: RosterRecord | None) -> Schedule:
    """The employee's schedule; 8 hours Monday to Friday when there is no roster record. Hours per weekday, and
    the 12-month average of a variable schedule, when the roster record gives them."""
    if record is None:
        return Schedule()
    average = record.average_weekly_hours_last_12_months
    if record.weekday_hours:
        return Schedule.by_weekday(record.weekday_hours, average_weekly_hours=average)
    return Schedule(
        hours_per_day=record.scheduled_hours_per_day, work_days=record.weekday_numbers, average_weekly_hours=average
    )


def calendar_of(record: RosterRecord | None) -> BusinessCalendar:
    """The business calendar of the employee's work location, its local holidays and the employer's closures
    included; Massachusetts when there is no roster record. One query."""
    return calendar_for_location(record.work_location if record is not None else None)


def case_time(
    case: Case, schedule: Schedule | None = None, holidays: Mapping[date, str] | None = None
) -> CaseTime | None:
    """The time a case takes (its leave period and time entries); None for a case with neither.

    To charge the entries, give the employee's schedule and work-location holidays: an entry of a mandatory
    overtime shift then carries its overtime (mandatory_overtime_minutes). Without them (for the dates alone)
    no entry carries any. Reads case.leave_period and case.time_entries.all(): select or prefetch them to avoid
    a query per case. An entry the desk decided is not covered (beyond the certified frequency,
    desk.certification) is left out: it is not leave, so nothing charges it.
    """
    entries = tuple(
        Entry(
            entry.date,
            entry.minutes,
            full_day=entry.full_day,
            start=entry.start_time,
            end=entry.end_time,
            mandatory_overtime_minutes=(
                mandatory_overtime_minutes(case, entry, schedule, holidays or {}) if schedule is not None else 0
            ),
        )
        for entry in case.time_entries.all()
        if not entry.not_covered  # beyond the certified frequency, decided not covered on the desk
    )
    try:
        period: LeavePeriod | None = case.leave_period
    except LeavePeriod.DoesNotExist:
        period = None
    continuous = case.kind == CaseKind.LEAVE and case.pattern == LeavePattern.CONTINUOUS
    if period is not None:
        start, end = period.start_date, period.end_date
    elif entries:
        start, end = min(e.day for e in entries), max(e.day for e in entries)
    else:
        return None
    pattern = Pattern.CONTINUOUS if continuous and period is not None else Pattern.INTERMITTENT
    care_for = case.absence_for if case.absence_for != AbsenceFor.MYSELF else ""
    return CaseTime(
        case.case_number,
        pattern,
        start,
        end,
        entries,
        reason=case.reason,
        child_event_date=case.child_event_date,
        care_for=care_for,
    )


def mandatory_overtime_minutes(case: Case, entry: TimeEntry, schedule: Schedule, holidays: Mapping[date, str]) -> int:
    """The minutes of a time entry that are overtime the employee was required to work (29 CFR 825.205(c)).

    Mandatory overtime the employee would have worked counts against the entitlement; voluntary overtime does
    not. The case says which (the unplanned absence's "Overtime shift" answer): for a mandatory overtime shift,
    the minutes beyond the day's scheduled hours (every minute on a day off or a work-location holiday, when
    none are scheduled) are mandatory overtime, so they are charged; for a voluntary one, or none, there is no
    mandatory overtime and the engine charges at most the scheduled day, with a flag saying why.
    """
    if case.overtime_shift != OvertimeShift.MANDATORY:
        return 0
    scheduled = Decimal(0) if entry.date in holidays else schedule.hours_on(entry.date)
    return max(entry.minutes - int(scheduled * 60), 0)


def _approved_decisions(user: User) -> list[PolicyDecision]:
    return list(_approved_decisions_of([int(user.pk)]))


def _approved_decisions_of(employee_ids: Iterable[int]) -> QuerySet[PolicyDecision]:
    """The approved decisions of live cases of these employees, with what the ledger reads (two queries)."""
    return (
        PolicyDecision.objects.filter(
            case__employee_id__in=list(employee_ids),
            status=DecisionStatus.APPROVED,
            case__cancelled_at__isnull=True,
        )
        .select_related("policy", "case", "case__leave_period")
        .prefetch_related(Prefetch("case__time_entries", queryset=TimeEntry.objects.order_by("date")))
    )


def _opening_balances(user: User) -> list[OpeningBalance]:
    return list(OpeningBalance.objects.filter(employee=user).select_related("policy"))


def _roster_record(user: User) -> RosterRecord | None:
    """The user's roster record with its spouse link either way (one query, or none when already loaded)."""
    if user.roster_record_id is None:
        return None
    if User.roster_record.is_cached(user):
        return user.roster_record
    return RosterRecord.objects.select_related("spouse", "spouse_of_record").get(pk=user.roster_record_id)


# The approved decisions of a spouse at the employer, and their work location's calendar (None: read it), or
# (None, None) when the spouse has no account.
SpouseTime = Callable[[RosterRecord], tuple[list[PolicyDecision] | None, BusinessCalendar | None]]


def _spouse_time(spouse: RosterRecord) -> tuple[list[PolicyDecision] | None, BusinessCalendar | None]:
    account = User.objects.filter(roster_record=spouse).first()
    return (_approved_decisions(account), None) if account is not None else (None, None)


def _spouse_use(
    record: RosterRecord | None, rules: dict[str, PolicyRules], spouse_time: SpouseTime = _spouse_time
) -> tuple[SpouseUse, ...]:
    """What the employee's spouse at the employer took of the policies spouses share (29 CFR 825.120(a)(3)):
    from the spouse's own approved decisions (three queries, only when a spouse is linked; none when
    `spouse_time` has them loaded)."""
    shared = [code for code, r in rules.items() if r.entitlement and r.entitlement.spouses_share_weeks is not None]
    spouse = spouse_of(record) if shared and record is not None else None
    if spouse is None:
        return ()
    spouse_decisions, spouse_calendar = spouse_time(spouse)
    if spouse_decisions is None:
        return ()
    decisions = [d for d in spouse_decisions if d.policy.code in shared]
    ledger = _ledger(spouse, decisions, [d.policy for d in decisions], with_spouse=False, calendar=spouse_calendar)
    weekly = ledger.schedule.weekly_hours
    return tuple(
        use for code in shared if code in ledger.rules for use in spouse_use(ledger.charges(code), ledger.cases, weekly)
    )


def _ledger(
    record: RosterRecord | None,
    decisions: list[PolicyDecision],
    policies: Iterable[Policy],
    extra: Iterable[Case] = (),
    openings: Iterable[OpeningBalance] = (),
    *,
    with_spouse: bool = True,
    calendar: BusinessCalendar | None = None,
    spouse_time: SpouseTime = _spouse_time,
) -> Ledger:
    """The engine's ledger of these approved decisions; `extra` adds cases whose time no decision covers yet,
    and `openings` the time used before LeaveDesk. `calendar` is the work location's (one query when not given)."""
    openings = list(openings)
    every_policy = [*policies, *(opening.policy for opening in openings)]
    rules: dict[str, PolicyRules] = {policy.code: policy.engine_rules() for policy in every_policy}
    schedule, calendar = schedule_of(record), calendar or calendar_of(record)
    times = [case_time(case, schedule, calendar.holidays) for case in [*extra, *(d.case for d in decisions)]]
    cases = {time.case_number: time for time in times if time is not None}
    coverages = [
        Coverage(
            d.policy.code,
            d.case.case_number,
            d.start_date,
            d.end_date,
            leave_began=d.leave_began,
            eligible_from=d.eligible_from,
        )
        for d in decisions
    ]
    return Ledger(
        schedule,
        cases.values(),
        coverages,
        rules,
        holidays=calendar.holidays,
        closures=calendar.closures,
        openings=[opening.engine_value() for opening in openings],
        used_by_spouse=_spouse_use(record, rules, spouse_time) if with_spouse else (),
    )
