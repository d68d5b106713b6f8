"""The desk's reports, as plain functions of a scope of cases and a period.

- cases opened and decided per week by agency: opened in the week of submission; decided in the week of the last
  decision made, once no desk-decided policy is pending (a live leave; the department's unplanned absences aside);
- ageing of the open cases (the queue's "New and open" rule), in days since submission, today;
- deadlines met and missed, per kind and per specialist: every deadline of desk.queue.case_deadlines falling due
  in the period. Met when met on or before its due date; missed when met later, or not met and overdue
  (DeadlineState.OVERDUE); still due otherwise. Cases have no owner yet everywhere, so a deadline counts for whoever
  met it: the author of the call note of its purpose made that day or the specialist who decided a policy that
  day (call deadlines), the specialist who asked for the document (document deadlines); an unmet deadline and a
  return to work count for the case's owner, if it has one;
- the approved leave by policy: approved decisions made in the period, their cases and the hours the engine
  charges them (policies.engine's ledger of each employee's approved decisions, cases.balances.approved_ledgers:
  by the schedule, the work location's holidays, the workweek rule and the entitlement), with what it explains:
  hours past the entitlement, and approved time it does not charge and why. The report counts no time itself.

The counts of cases are GROUP BYs in SQL; the deadlines are computed from prefetched rows (the rules live once, in
case_deadlines); the approved hours from the employees' ledgers, loaded together. So each report costs the same
number of queries whatever the number of cases and employees.
Weeks start on Monday (PostgreSQL's date_trunc('week')), in Massachusetts time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, DateField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncWeek
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from absence.calendar import DEFAULT_LOCATION
from accounts.models import User
from cases.balances import approved_ledgers
from cases.models import Case, CaseKind, Document
from desk.deadlines import EASTERN, Deadline, DeadlineKind, DeadlineState, local_date, start_of_day
from desk.export import owner_name, with_owner
from desk.models import CallNote, CallPurpose, DocumentRequest
from desk.queue import QueueStatus, case_deadlines, row_calendars, status_condition
from policies.engine import Ledger
from policies.engine.explanation import not_covered_words
from policies.engine.wording import hours_text
from policies.models import DecisionStatus, PolicyDecision

REPORT_WEEKS = 12
AGEING_BUCKETS = ((0, 7), (8, 14), (15, 30), (31, 60), (61, None))  # days since submission, both ends included
# A deadline due in the period belongs to a case submitted at most this long before it (the calls are due within
# 5 business days), asked for a document due in it, or with approved leave ending shortly before it (the return).
CALL_DEADLINE_REACH = timedelta(days=21)
NO_HOURS = Decimal(0)
RETURN_REACH = timedelta(days=14)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @property
    def weeks(self) -> list[date]:
        """The Mondays of the weeks the period touches."""
        monday = week_of(self.start)
        return [monday + timedelta(weeks=n) for n in range((week_of(self.end) - monday).days // 7 + 1)]

    @property
    def after(self) -> datetime:
        return start_of_day(self.start)

    @property
    def before(self) -> datetime:
        return start_of_day(self.end + timedelta(days=1))


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def default_period(today: date) -> Period:
    """The last REPORT_WEEKS weeks, this one included."""
    return Period(week_of(today) - timedelta(weeks=REPORT_WEEKS - 1), today)


def week_label(monday: date) -> str:
    return _("Week of %(day)s") % {"day": date_format(monday, "M j, Y")}


# Cases opened and decided


@dataclass(frozen=True)
class WeekCount:
    week: date
    agency: str
    opened: int
    decided: int

    @property
    def label(self) -> str:
        return week_label(self.week)


def _agency_week_counts(cases: QuerySet[Case], moment: str | Subquery) -> dict[tuple[date, str], int]:
    week = TruncWeek(moment, output_field=DateField(), tzinfo=EASTERN)
    rows = (
        cases.annotate(week=week, agency=F("employee__roster_record__agency"))
        .values("week", "agency")
        .annotate(total=Count("id"))
        .order_by()
    )
    return {(row["week"], row["agency"] or ""): row["total"] for row in rows}


def last_decided_at() -> Subquery:
    """When the case's last decision was made."""
    decided = PolicyDecision.objects.filter(case=OuterRef("pk"), decided_at__isnull=False).order_by("-decided_at")
    return Subquery(decided.values("decided_at")[:1])


def decided_cases(scope: QuerySet[Case], period: Period) -> QuerySet[Case]:
    """Live leaves with nothing left for the desk to decide whose last decision was made in the period."""
    decided = scope.filter(kind=CaseKind.LEAVE, cancelled_at__isnull=True).exclude(status_condition(QueueStatus.OPEN))
    return decided.annotate(decided_on=last_decided_at()).filter(
        decided_on__gte=period.after, decided_on__lt=period.before
    )


def opened_and_decided(scope: QuerySet[Case], period: Period) -> list[WeekCount]:
    """Per week and agency (two queries), weeks and agencies with nothing left out."""
    submitted = scope.filter(submitted_at__gte=period.after, submitted_at__lt=period.before)
    opened = _agency_week_counts(submitted, "submitted_at")
    decided = _agency_week_counts(decided_cases(scope, period), "decided_on")
    keys = sorted(set(opened) | set(decided))
    return [
        WeekCount(week, agency, opened.get((week, agency), 0), decided.get((week, agency), 0)) for week, agency in keys
    ]


def weekly_totals(counts: Iterable[WeekCount], period: Period) -> list[WeekCount]:
    """Every week of the period with the cases of all agencies, zero weeks included (what the chart draws)."""
    opened: dict[date, int] = defaultdict(int)
    decided: dict[date, int] = defaultdict(int)
    for count in counts:
        opened[count.week] += count.opened
        decided[count.week] += count.decided
    return [WeekCount(week, "", opened[week], decided[week]) for week in period.weeks]


# Ageing


@dataclass(frozen=True)
class AgeingBucket:
    first_day: int
    last_day: int | None
    cases: int

    @property
    def label(self) -> str:
        if self.last_day is None:
            return _("Over %(days)d days") % {"days": self.first_day - 1}
        return _("%(first)d–%(last)d days") % {"first": self.first_day, "last": self.last_day}


def _submitted_within(today: date, first_day: int, last_day: int | None) -> Q:
    """Submitted between `first_day` and `last_day` days before today (Massachusetts dates)."""
    condition = Q(submitted_at__lt=start_of_day(today - timedelta(days=first_day - 1)))
    if last_day is not None:
        condition &= Q(submitted_at__gte=start_of_day(today - timedelta(days=last_day)))
    return condition


def ageing(scope: QuerySet[Case], today: date) -> list[AgeingBucket]:
    """The open cases by days since submission (one query)."""
    open_cases = scope.filter(status_condition(QueueStatus.OPEN)).order_by()
    counts = open_cases.aggregate(
        **{
            f"bucket_{first}": Count("id", filter=_submitted_within(today, first, last))
            for first, last in AGEING_BUCKETS
        }
    )
    return [AgeingBucket(first, last, counts[f"bucket_{first}"]) for first, last in AGEING_BUCKETS]


# Deadlines met and missed


@dataclass
class DeadlineTally:
    name: str
    met: int = 0
    missed: int = 0
    still_due: int = 0

    @property
    def total(self) -> int:
        return self.met + self.missed + self.still_due

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class DeadlineReport:
    by_kind: list[DeadlineTally] = field(default_factory=list)
    by_specialist: list[DeadlineTally] = field(default_factory=list)


MET, MISSED, STILL_DUE = "met", "missed", "still_due"
CALL_PURPOSES = {
    DeadlineKind.VERIFICATION_CALL: CallPurpose.VERIFICATION,
    DeadlineKind.SPECIALIST_CONTACT: CallPurpose.REVIEW,
}


def outcome(deadline: Deadline, today: date) -> str:
    """Met on or before its due date; missed when met later, or overdue and not met; else still due."""
    if deadline.met_on is not None:
        return MET if deadline.met_on <= deadline.due else MISSED
    return MISSED if deadline.state(today) == DeadlineState.OVERDUE else STILL_DUE


def _name(user: User | None) -> str:
    return str(user.get_full_name() or user.get_username()) if user is not None else ""


def credited_to(case: Case, deadline: Deadline) -> str:
    """Who the deadline counts for: who met it (see the module), else the case's owner, else no one ("")."""
    if deadline.met_on is not None and deadline.kind in CALL_PURPOSES:
        purpose = CALL_PURPOSES[deadline.kind]
        for note in sorted(case.call_notes.all(), key=lambda n: n.called_at):
            if note.purpose == purpose and local_date(note.called_at) == deadline.met_on:
                return _name(note.author)
        for decision in case.decisions.all():
            if decision.decided_at is not None and local_date(decision.decided_at) == deadline.met_on:
                return _name(decision.decided_by)
    if deadline.kind == DeadlineKind.DOCUMENT:
        for request in case.document_requests.all():
            if request.due_date == deadline.due and str(request.get_document_type_display()) == deadline.label:
                return _name(request.requested_by)
    return owner_name(case)


def deadline_cases(scope: QuerySet[Case], period: Period) -> QuerySet[Case]:
    """The cases that may have a deadline due in the period, with what case_deadlines and credited_to read."""
    document_due = DocumentRequest.objects.filter(
        case=OuterRef("pk"), due_date__gte=period.start, due_date__lte=period.end
    )
    approved_end = PolicyDecision.objects.filter(
        case=OuterRef("pk"),
        status=DecisionStatus.APPROVED,
        end_date__gte=period.start - RETURN_REACH,
        end_date__lte=period.end,
    )
    submitted = Q(submitted_at__gte=start_of_day(period.start) - CALL_DEADLINE_REACH, submitted_at__lt=period.before)
    cases = scope.filter(submitted | Q(Exists(document_due)) | Q(Exists(approved_end))).order_by("id")
    cases = cases.select_related("employee__roster_record", "leave_period", "return_to_work").prefetch_related(
        Prefetch("decisions", queryset=PolicyDecision.objects.select_related("policy", "decided_by")),
        Prefetch("call_notes", queryset=CallNote.objects.select_related("author")),
        Prefetch("document_requests", queryset=DocumentRequest.objects.select_related("requested_by")),
        Prefetch("documents", queryset=Document.objects.only("id", "case_id", "document_type", "uploaded_at")),
    )
    return with_owner(cases)


def deadlines_met(scope: QuerySet[Case], period: Period, today: date) -> DeadlineReport:
    cases = list(deadline_cases(scope, period))
    calendars = row_calendars(cases)
    by_kind = {kind: DeadlineTally(str(kind.label)) for kind in DeadlineKind}
    by_specialist: dict[str, DeadlineTally] = {}
    nobody = _("No one (not met, and no owner)")
    unnamed = _("Met, with no specialist named")
    for case in cases:
        record = case.employee.roster_record
        calendar = calendars.get((record.work_location if record is not None else "") or DEFAULT_LOCATION)
        for deadline in case_deadlines(case, calendar):
            if not period.start <= deadline.due <= period.end:
                continue
            result = outcome(deadline, today)
            by_kind[deadline.kind].add(result)
            name = credited_to(case, deadline) or (unnamed if deadline.met_on is not None else nobody)
            by_specialist.setdefault(name, DeadlineTally(name)).add(result)
    specialists = sorted(by_specialist.values(), key=lambda tally: (tally.name in {unnamed, nobody}, tally.name))
    return DeadlineReport(by_kind=[t for t in by_kind.values() if t.total], by_specialist=specialists)


# Approved leave by policy


@dataclass(frozen=True)
class ApprovedLeave:
    """One policy's approved decisions made in the period, with the hours the engine charges them."""

    policy: str
    short_name: str
    cases: int
    decisions: int
    hours: Decimal  # charged to the policy up to its entitlement (by the schedule, holidays and period rules)
    not_covered_hours: Decimal = NO_HOURS  # approved past the entitlement: not covered by the policy
    not_charged: tuple[str, ...] = ()  # what the decisions cover but the policy does not charge, and why

    @property
    def hours_text(self) -> str:
        return hours_text(self.hours)

    @property
    def explanation(self) -> tuple[str, ...]:
        beyond = (not_covered_words(self.not_covered_hours, self.short_name),) if self.not_covered_hours else ()
        return (*beyond, *self.not_charged)


def approved_decisions(scope: QuerySet[Case], period: Period) -> list[PolicyDecision]:
    """The approved decisions of live cases made in the period (one query)."""
    return list(
        PolicyDecision.objects.filter(
            case__in=scope,
            case__cancelled_at__isnull=True,
            status=DecisionStatus.APPROVED,
            decided_at__gte=period.after,
            decided_at__lt=period.before,
        )
        .select_related("policy", "case")
        .only("id", "policy__code", "policy__name", "policy__short_name", "case__case_number", "case__employee_id")
        .order_by("policy__name", "id")
    )


def approved_by_policy(scope: QuerySet[Case], period: Period) -> list[ApprovedLeave]:
    """Approved decisions made in the period, per policy: their cases and the hours the engine charges them
    (its ledger of each employee's approved decisions: time charged concurrently across cases, up to the
    entitlement). Whatever the number of cases and employees: the decisions (one query) and the employees'
    ledgers (cases.balances.approved_ledgers)."""
    decisions = approved_decisions(scope, period)
    ledgers = approved_ledgers({decision.case.employee_id for decision in decisions})
    by_policy: dict[str, list[PolicyDecision]] = defaultdict(list)
    for decision in decisions:
        by_policy[decision.policy.code].append(decision)
    return [_approved_leave(group, ledgers) for group in by_policy.values()]


def _approved_leave(decisions: list[PolicyDecision], ledgers: dict[int, Ledger]) -> ApprovedLeave:
    policy = decisions[0].policy
    hours = beyond = not_charged = NO_HOURS
    reasons: dict[str, None] = {}
    # A case's decisions of one policy are charged together: each case once.
    for employee_id, case_number in {(d.case.employee_id, d.case.case_number) for d in decisions}:
        ledger = ledgers[employee_id]
        charged = sum((c.hours for c in ledger.charges(policy.code) if c.case_number == case_number), NO_HOURS)
        past = sum((share.not_covered for share in ledger.shares(policy.code, case_number)), NO_HOURS)
        hours, beyond = hours + charged - past, beyond + past
        for uncharged in ledger.uncharged(policy.code):
            if uncharged.case_number == case_number:
                not_charged += uncharged.hours
                reasons.setdefault(uncharged.plain_why or uncharged.why)  # plain: naming no one else's leave
    lines = [not_charged_words(not_charged, policy.short_name or policy.name, list(reasons))] if reasons else []
    return ApprovedLeave(
        policy.name,
        policy.short_name or policy.name,
        len({d.case.case_number for d in decisions}),
        len(decisions),
        hours,
        beyond,
        tuple(lines),
    )


def not_charged_words(hours: Decimal, policy: str, reasons: list[str]) -> str:
    """ "16 h approved not charged to FMLA: <why>; <why>." """
    return _("%(hours)s h approved but not charged to %(policy)s: %(why)s.") % {
        "hours": hours_text(hours),
        "policy": policy,
        "why": "; ".join(reason.rstrip(".") for reason in reasons),
    }
