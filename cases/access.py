"""Fetch-and-authorize: one helper per object, so no view can forget whose case it is.

Every helper takes the signed-in user and the identifiers from the URL and returns the object only
when it belongs to that user; anything else is a 404 (not a 403), so another employee's case
numbers and document ids reveal nothing. The desk has its own audited views for its roles.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from cases.models import Case, Document, TimeEntry


def _employee(user: object) -> User:
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404
    return user


def get_case_for_employee(user: object, case_number: str, queryset: QuerySet[Case] | None = None) -> Case:
    """The signed-in employee's own case with this number, or 404."""
    cases = Case.objects.all() if queryset is None else queryset
    try:
        return cases.get(employee=_employee(user), case_number=case_number)
    except Case.DoesNotExist:
        raise Http404 from None


def get_document_for_employee(user: object, case_number: str, document_id: int) -> Document:
    """A document on the signed-in employee's own case, or 404."""
    try:
        return Document.objects.select_related("case").get(
            pk=document_id, case__case_number=case_number, case__employee=_employee(user)
        )
    except Document.DoesNotExist:
        raise Http404 from None


def get_time_entry_for_employee(user: object, case_number: str, entry_id: int) -> TimeEntry:
    """A time entry on the signed-in employee's own case, or 404."""
    try:
        return TimeEntry.objects.select_related("case").get(
            pk=entry_id, case__case_number=case_number, case__employee=_employee(user)
        )
    except TimeEntry.DoesNotExist:
        raise Http404 from None


def is_case_owner(user: object, case: Case) -> bool:
    """Whether this user is the employee the case belongs to (the desk checks its own roles beside this)."""
    return isinstance(user, User) and user.is_authenticated and case.employee_id == user.pk
