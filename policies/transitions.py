"""Which status of a policy decision may follow which: the one table every decision change is checked against.

    pending  → approved, denied            (the first decision)
    approved → denied, approved            (a reversal, or other dates: only with a reason)
    denied   → approved                    (a reversal: only with a reason)
    any      → cancelled                   (only through cancelling the case: `via_case_cancel`)
    cancelled → nothing                    (final)

A decision made by the employee's department (Employee Sick, Family Sick) is not decided on the desk at all.
Nothing here touches the database: the desk's actions ask `refusal()` before they write.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from policies.models import DecidedBy, DecisionStatus

PENDING, APPROVED, DENIED, CANCELLED = (
    DecisionStatus.PENDING,
    DecisionStatus.APPROVED,
    DecisionStatus.DENIED,
    DecisionStatus.CANCELLED,
)


@dataclass(frozen=True)
class Transition:
    needs_reason: bool = False
    via_case_cancel: bool = False


TRANSITIONS: dict[tuple[DecisionStatus, DecisionStatus], Transition] = {
    (PENDING, APPROVED): Transition(),
    (PENDING, DENIED): Transition(),
    (APPROVED, DENIED): Transition(needs_reason=True),
    (DENIED, APPROVED): Transition(needs_reason=True),
    (APPROVED, APPROVED): Transition(needs_reason=True),  # the same status for other dates
    (PENDING, CANCELLED): Transition(via_case_cancel=True),
    (APPROVED, CANCELLED): Transition(via_case_cancel=True),
    (DENIED, CANCELLED): Transition(via_case_cancel=True),
}


def is_decided_on_the_desk(decided_by: str) -> bool:
    """Employee Sick and Family Sick are the department's to decide; the desk shows them, never changes them."""
    return decided_by != DecidedBy.DEPARTMENT


def needs_reason(current: DecisionStatus, target: DecisionStatus) -> bool:
    """Whether this (allowed) change must say why: a reversal, or other dates for a decision already made."""
    rule = TRANSITIONS.get((current, target))
    return rule is not None and rule.needs_reason


def allowed_targets(current: DecisionStatus) -> list[DecisionStatus]:
    """The statuses a specialist may choose next on the desk (case cancel aside)."""
    return [to for (start, to), rule in TRANSITIONS.items() if start == current and not rule.via_case_cancel]


def refusal(
    current: DecisionStatus, target: DecisionStatus, *, reason: str = "", via_case_cancel: bool = False
) -> str | None:
    """Why `current` may not become `target` this way, in words for the specialist; None when it may."""
    if current == CANCELLED:
        return _("This decision was cancelled with its case; a cancelled decision is final.")
    rule = TRANSITIONS.get((current, target))
    if rule is None:
        if target == PENDING:
            return _("A decided policy cannot go back to pending. Approve or deny it, with a reason for the change.")
        return _("A %(current)s policy cannot become %(target)s.") % {
            "current": current.label.lower(),
            "target": target.label.lower(),
        }
    if rule.via_case_cancel and not via_case_cancel:
        return _("A policy is cancelled only by cancelling its case.")
    if rule.needs_reason and not reason.strip():
        return _("Give the reason for changing a decision that was already made.")
    return None
