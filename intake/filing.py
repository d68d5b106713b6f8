"""Who may file an absence for whom: the one rule, asked when the employee is chosen and again at submit.

A supervisor files for their active direct reports on the roster. An HR professional files, from the desk,
for the employees of the agencies they are authorized for; that authority is the desk's (its staff roles are
below nobody else), so the desk registers it here when the apps load (`register_authority`), the way an
authentication backend is plugged in: intake asks, and never imports the desk.

Either way the employee must have an active account: the case is theirs, and they add the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from accounts.models import User
from cases.models import FiledAs

# Given a filer, the accounts they may file an absence for.
Authority = Callable[[User], models.QuerySet[User]]


def direct_reports(user: User) -> models.QuerySet[User]:
    """The accounts of the user's active direct reports on the roster."""
    if not user.is_authenticated or user.roster_record_id is None:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, roster_record__is_active=True, roster_record__supervisor_id=user.roster_record_id
    ).order_by("last_name", "first_name", "pk")


_AUTHORITIES: dict[FiledAs, Authority] = {FiledAs.SUPERVISOR: direct_reports}


def register_authority(role: FiledAs, employees_of: Authority) -> None:
    """Plug in who a filer of this role may file for (the desk registers HR's agencies)."""
    _AUTHORITIES[role] = employees_of


def employees_filer_may_file_for(filer: User, role: FiledAs | str) -> models.QuerySet[User]:
    """The accounts `filer`, acting as `role`, may file an absence for; none for a role nobody registered."""
    authority = _AUTHORITIES.get(FiledAs(role)) if role in FiledAs.values else None
    if authority is None or not filer.is_authenticated or not filer.is_active:
        return User.objects.none()
    return authority(filer).exclude(pk=filer.pk)


def may_file_for(filer: User, role: FiledAs | str, employee: User) -> bool:
    return employees_filer_may_file_for(filer, role).filter(pk=employee.pk).exists()
