"""Where a supervisor is told about a report's absence: the one rule every supervisor notice follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist

if TYPE_CHECKING:
    from accounts.models import User


def supervisor_address(employee: User) -> str:
    """The email at which the employee's supervisor (on the roster) receives notices; "" when there is none.

    The supervisor's account email comes first: it is the address they chose, and it may have changed since
    the roster was loaded. A supervisor who never registered, or whose account has no email, is reached at
    the roster's work email.
    """
    record = employee.roster_record
    supervisor = record.supervisor if record else None
    if supervisor is None:
        return ""
    try:
        chosen = supervisor.account.email
    except ObjectDoesNotExist:
        chosen = ""
    return chosen or supervisor.work_email
