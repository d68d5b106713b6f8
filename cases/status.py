"""A case's status, read from its policy decisions (the claims history shows it beside each case).

The rule, in order:

1. A case the employee cancelled is CANCELLED, whatever its decisions say (it stays in the history).
2. An unplanned absence is always PENDING: its approval rests with the employee's department, not
   with the administrator, so the portal never shows it approved or denied.
3. A case without decisions yet is PENDING.
4. If every decision was cancelled, the case is CANCELLED.
5. Any APPROVED decision makes the case APPROVED: the employee has protected time, even while
   another policy is still pending or was denied (each decision keeps its own badge).
6. Otherwise any PENDING decision makes it PENDING; what is left is all DENIED.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import CaseKind


class CaseStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")
    CANCELLED = "cancelled", _("Cancelled")


def case_status(*, kind: str, cancelled: bool, decision_statuses: Iterable[str]) -> CaseStatus:
    """The status the history shows for one case (see the module docstring for the rule)."""
    if cancelled:
        return CaseStatus.CANCELLED
    if kind == CaseKind.UNPLANNED:
        return CaseStatus.PENDING
    return status_from_decisions(decision_statuses)


# Which decision status decides the case, strongest first (rules 5 and 6); all-cancelled is rule 4.
PRECEDENCE = (CaseStatus.APPROVED, CaseStatus.PENDING, CaseStatus.DENIED)


def status_from_decisions(decision_statuses: Iterable[str]) -> CaseStatus:
    """Rules 3 to 6: a leave's status from its decisions' statuses."""
    # Plain strings: compare values, whatever kind of string the caller passes.
    statuses = {str(status) for status in decision_statuses}
    if not statuses:
        return CaseStatus.PENDING
    for status in PRECEDENCE:
        if status.value in statuses:
            return status
    return CaseStatus.CANCELLED
