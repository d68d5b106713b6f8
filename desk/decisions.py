"""Deciding a case's policies: `decide_policies`, the only code that changes a policy decision's status.

A specialist decides every policy of a case in one sitting; the changes are checked together and saved
together, in one transaction, or not at all:

- each decision must still be at the version the specialist's form was read at (no silent overwrite of a
  colleague's change or another tab's: `StaleDecision`);
- the change must be allowed by the transition table (policies.transitions), with a reason when it
  reverses or re-dates a decision already made;
- the dates must lie within the case's own dates (the leave period, the span of an intermittent leave,
  the day of an unplanned absence);
- an approval that would use more than the policy has left (the engine's `entitlement_check`) is refused
  unless the specialist overrides it with a reason; the engine then charges only up to the entitlement.

Each change bumps the decision's version and writes a line to the case's history and the audit log. An FMLA
decision approved or denied gets its designation letter (letters.fmla, 29 CFR 825.300(d)), every other policy
the desk decides its decision letter (letters.decision_letters), with the specialist's paragraph if they wrote
one; `preview_decisions` runs the same checks and saves nothing, for the letters' preview. The employee gets
one summary of the sitting's changes and the supervisor at most one notice (who, when, status: never which
policy or why). A sitting that changes nothing sends nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import record
from audit.models import AuditAction, AuditEvent
from cases.balances import case_time, entitlement_check
from cases.events import record_event
from cases.models import Case, CaseEventKind
from desk.notify import notify_employee, notify_supervisor
from letters.decision_letters import send_decision_letters
from policies.engine import EntitlementCheck
from policies.models import DecisionStatus, PolicyDecision
from policies.transitions import is_decided_on_the_desk, needs_reason, refusal

ACTION_FOR_STATUS = {
    DecisionStatus.APPROVED: AuditAction.APPROVED,
    DecisionStatus.DENIED: AuditAction.DENIED,
    DecisionStatus.PENDING: AuditAction.PENDED,
}
NO_HOURS = Decimal(0)


@dataclass(frozen=True)
class DecisionChange:
    """What the specialist chose for one decision, and the version of it their form showed."""

    decision_id: int
    version: int
    status: DecisionStatus
    start_date: date
    end_date: date
    denial_reason: str = ""
    change_reason: str = ""
    # Non-empty: approve beyond what the policy has left, for this reason.
    beyond_entitlement_reason: str = ""
    # PFML: the day leave began (earlier employer-paid leave started the clock); None: the decision's own dates.
    leave_began: date | None = None
    # Only leave_began changes: no transition, no decision notice (the status and dates stay as they are).
    leave_began_only: bool = False


@dataclass(frozen=True)
class StaleDecision:
    """A decision changed since the specialist's form was read: what it is now, who changed it and when."""

    decision: PolicyDecision

    @property
    def message(self) -> str:
        decision = self.decision
        who = decision.decided_by.get_full_name() or decision.decided_by.username if decision.decided_by else ""
        words = {
            "policy": decision.policy.name,
            "status": decision.get_status_display().lower(),
            "start": f"{decision.start_date:%b %d, %Y}",
            "end": f"{decision.end_date:%b %d, %Y}",
            "who": who,
            "when": timezone.localtime(decision.decided_at).strftime("%b %d, %Y at %I:%M %p")
            if decision.decided_at
            else "",
        }
        if who and words["when"]:
            text = _(
                "%(policy)s was changed by %(who)s on %(when)s while you were deciding: it is now %(status)s, "
                "%(start)s to %(end)s."
            )
        else:
            text = _("%(policy)s was changed while you were deciding: it is now %(status)s, %(start)s to %(end)s.")
        return (text % words) + " " + _("Nothing was saved. The form shows the current decision; decide again.")


@dataclass
class DecisionsRefused(Exception):  # noqa: N818 - an outcome the page shows, not a failure of the code
    """Why the sitting's changes were not saved: per decision and field, stale decisions, entitlements exceeded."""

    problems: dict[int, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    stale: list[StaleDecision] = field(default_factory=list)
    beyond: dict[int, EntitlementCheck] = field(default_factory=dict)
    case_problem: str = ""

    def __bool__(self) -> bool:
        return bool(self.problems or self.stale or self.beyond or self.case_problem)

    def add(self, decision_id: int, field_name: str, message: str) -> None:
        self.problems[decision_id].setdefault(field_name, message)


@dataclass(frozen=True)
class DecidedPolicy:
    """One change of the sitting, as the employee's summary says it."""

    policy_name: str
    status_label: str
    start_date: date
    end_date: date
    requested_start: date
    requested_end: date
    denial_reason: str
    not_covered_hours: Decimal


def decide_policies(
    case: Case,
    changes: list[DecisionChange],
    *,
    by: User,
    request: HttpRequest | None = None,
    letter_note: str = "",
) -> list[PolicyDecision]:
    """Save the sitting's changes together (DecisionsRefused, nothing saved, when any cannot stand).

    `letter_note`: the specialist's paragraph, added to every letter the sitting sends."""
    with transaction.atomic():
        locked_case = Case.objects.select_for_update(of=("self",)).select_related("leave_period").get(pk=case.pk)
        decisions = {
            d.pk: d
            for d in PolicyDecision.objects.select_for_update(of=("self",))
            .select_related("policy", "decided_by")
            .filter(case=locked_case, pk__in=[change.decision_id for change in changes])
            .order_by("pk")
        }
        effective, requested = _effective(locked_case, decisions, changes)
        return _apply(locked_case, effective, requested, by=by, request=request, letter_note=letter_note)


Effective = list[tuple[PolicyDecision, DecisionChange, EntitlementCheck | None]]


def _effective(
    case: Case, decisions: dict[int, PolicyDecision], changes: list[DecisionChange]
) -> tuple[Effective, tuple[date, date] | None]:
    """The changes that change something, each checked (with its entitlement check), and the case's own dates;
    DecisionsRefused when any cannot stand."""
    refused = DecisionsRefused()
    if case.is_cancelled:
        refused.case_problem = _("This case was cancelled: its decisions can no longer change.")
        raise refused
    requested = _requested_dates(case)
    effective: Effective = []
    for change in changes:
        decision = decisions.get(change.decision_id)
        if decision is None:
            continue
        if decision.version != change.version:
            refused.stale.append(StaleDecision(decision))
            continue
        if _unchanged(decision, change):
            continue
        if change.leave_began_only:
            _check_leave_began(decision, change, refused)
            effective.append((decision, change, None))
            continue
        _check_leave_began(decision, change, refused)
        check = _check(decision, change, requested, refused)
        effective.append((decision, change, check))
    if refused:
        raise refused
    return effective, requested


def preview_decisions(
    case: Case, changes: list[DecisionChange], *, by: User
) -> list[tuple[PolicyDecision, EntitlementCheck | None]]:
    """The decisions as the sitting would leave them, with their entitlement checks, for previewing the letters
    they send: the same checks as `decide_policies` (DecisionsRefused), nothing locked, saved or sent."""
    # Loaded for the preview alone: given the change's outcome in memory, never saved.
    decisions = {
        d.pk: d
        for d in PolicyDecision.objects.select_related("policy", "decided_by").filter(
            case=case, pk__in=[change.decision_id for change in changes]
        )
    }
    effective, _requested = _effective(case, decisions, changes)
    now = timezone.now()
    decided = []
    for decision, change, check in effective:
        if not change.leave_began_only:
            _set_outcome(decision, change, check, now=now, by=by)
            decided.append((decision, check))
    return decided


def _set_outcome(
    decision: PolicyDecision, change: DecisionChange, check: EntitlementCheck | None, *, now: datetime, by: User
) -> bool:
    """Give the decision the change's outcome (not saved); whether it is approved beyond the entitlement."""
    beyond = check is not None and check.exceeds
    decision.leave_began = change.leave_began
    decision.status = change.status
    decision.start_date, decision.end_date = change.start_date, change.end_date
    decision.denial_reason = change.denial_reason.strip() if change.status == DecisionStatus.DENIED else ""
    decision.beyond_entitlement_reason = change.beyond_entitlement_reason.strip() if beyond else ""
    decision.decided_at, decision.decided_by = now, by
    return beyond


def _requested_dates(case: Case) -> tuple[date, date] | None:
    time = case_time(case)
    return (time.start, time.end) if time is not None else None


def _unchanged(decision: PolicyDecision, change: DecisionChange) -> bool:
    same_dates = (decision.start_date, decision.end_date) == (change.start_date, change.end_date)
    same_denial = change.status != DecisionStatus.DENIED or decision.denial_reason == change.denial_reason.strip()
    same_leave_began = decision.leave_began == change.leave_began
    return decision.status == change.status and same_dates and same_denial and same_leave_began


def _check_leave_began(decision: PolicyDecision, change: DecisionChange, refused: DecisionsRefused) -> None:
    """The day PFML leave began is on or before the decision's start: earlier leave started the clock."""
    if change.leave_began is not None and change.leave_began > change.start_date:
        refused.add(
            decision.pk,
            "leave_began",
            _("The day leave began must be on or before the start date, %(start)s.")
            % {"start": f"{change.start_date:%b %d, %Y}"},
        )


def _check(
    decision: PolicyDecision,
    change: DecisionChange,
    requested: tuple[date, date] | None,
    refused: DecisionsRefused,
) -> EntitlementCheck | None:
    """Every rule a change must meet; problems go into `refused`. The entitlement check of an approval."""
    pk = decision.pk
    if not is_decided_on_the_desk(decision.policy.decided_by):
        refused.add(pk, "outcome", _("%(policy)s is decided by the employee's department.") % {
            "policy": decision.policy.name
        })  # fmt: skip
        return None
    current = DecisionStatus(decision.status)
    problem = refusal(current, change.status, reason=change.change_reason)
    if problem:
        refused.add(pk, "change_reason" if needs_reason(current, change.status) else "outcome", problem)
    if change.status == DecisionStatus.DENIED and not change.denial_reason.strip():
        refused.add(pk, "denial_reason", _("Give the reason for the denial. The employee receives it."))
    if change.end_date < change.start_date:
        refused.add(pk, "end_date", _("The end date must be on or after the start date."))
    elif requested is not None:
        first, last = requested
        if change.start_date < first:
            refused.add(pk, "start_date", _outside(first, last))
        if change.end_date > last:
            refused.add(pk, "end_date", _outside(first, last))
    if change.status != DecisionStatus.APPROVED or pk in refused.problems:
        return None
    check = entitlement_check(decision, change.start_date, change.end_date)
    if check is not None and check.exceeds and not change.beyond_entitlement_reason.strip():
        refused.beyond[pk] = check
    return check


def _outside(first: date, last: date) -> str:
    return _("Choose dates within the case's own dates, %(first)s to %(last)s.") % {
        "first": f"{first:%b %d, %Y}",
        "last": f"{last:%b %d, %Y}",
    }


def _apply(
    case: Case,
    effective: list[tuple[PolicyDecision, DecisionChange, EntitlementCheck | None]],
    requested: tuple[date, date] | None,
    *,
    by: User,
    request: HttpRequest | None,
    letter_note: str = "",
) -> list[PolicyDecision]:
    now = timezone.now()
    events: list[AuditEvent] = []
    summary: list[DecidedPolicy] = []
    for decision, change, check in effective:
        if change.leave_began_only:
            events.append(_set_leave_began(case, decision, change, by=by, request=request))
            continue
        before = _describe(decision)
        beyond = _set_outcome(decision, change, check, now=now, by=by)
        decision.version += 1
        decision.save()
        after = _describe(decision)
        reason = "\n".join(text for text in (change.change_reason.strip(), decision.beyond_entitlement_reason) if text)
        line = f"{decision.policy.name}: {before} → {after}"
        if beyond and check is not None:
            line += " " + _("(approved beyond the entitlement: %(hours)s hours not covered)") % {
                "hours": f"{check.hours_beyond.normalize():f}"
            }
        record_event(case, CaseEventKind.DECISION, line, actor=by, reason=reason)
        audit = AuditAction.APPROVED_BEYOND_ENTITLEMENT if beyond else ACTION_FOR_STATUS[change.status]
        detail = f"{line}. {reason}" if reason else line
        events.append(record(by, audit, case=case, target=f"policy decision {decision.pk}", detail=detail,
                             request=request))  # fmt: skip
        send_decision_letters(case, decision, check, cause=f"desk-event-{events[-1].pk}", note=letter_note)
        first, last = requested or (decision.start_date, decision.end_date)
        summary.append(
            DecidedPolicy(
                policy_name=decision.policy.name,
                status_label=str(decision.get_status_display()),
                start_date=decision.start_date,
                end_date=decision.end_date,
                requested_start=first,
                requested_end=last,
                denial_reason=decision.denial_reason,
                not_covered_hours=check.hours_beyond if beyond and check is not None else NO_HOURS,
            )
        )
    if summary:
        decided = [event for event in events if event.action != AuditAction.SET_LEAVE_BEGAN]
        notify_employee(case, "desk_decisions_summary", {"decisions": summary}, event=decided[0])
        notify_supervisor(case, "supervisor_absence_status", event=decided[0])
    return [decision for decision, _change, _check in effective]


def _set_leave_began(
    case: Case, decision: PolicyDecision, change: DecisionChange, *, by: User, request: HttpRequest | None
) -> AuditEvent:
    """Record the day PFML leave began on a decision (its benefit year and waiting week count from it)."""
    decision.leave_began = change.leave_began
    decision.version += 1
    decision.save(update_fields=["leave_began", "version"])
    day = f"{change.leave_began:%b %d, %Y}" if change.leave_began else _("the decision's start date")
    line = _("%(policy)s: leave began set to %(day)s") % {"policy": decision.policy.name, "day": day}
    record_event(case, CaseEventKind.DECISION, line, actor=by)
    return record(by, AuditAction.SET_LEAVE_BEGAN, case=case, target=f"policy decision {decision.pk}", detail=line,
                  request=request)  # fmt: skip


def _describe(decision: PolicyDecision) -> str:
    return f"{decision.get_status_display().lower()}, {decision.start_date:%b %d, %Y} – {decision.end_date:%b %d, %Y}"
