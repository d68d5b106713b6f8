"""An HR professional reports an absence for an employee of their agency: find them, then the portal's flow.

The flow is the portal's own ("Request an absence from work", from the absence type on), as for a supervisor
filing for a report: the case is the employee's, marked as reported by their agency's HR office; the employee
is sent the confirmation by their own channel and adds the reason. Only HR professionals file here: a case
specialist takes an employee's request by phone, and the search finds only the HR professional's agencies.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import User
from cases.models import FiledAs
from desk.access import desk_request_role, desk_view
from desk.forms import EmployeeSearchForm
from desk.models import Role
from desk.queue import name_words
from intake.filing import employees_filer_may_file_for
from intake.views import signed_in_user, start_filing_for

MOST_SHOWN = 25


@desk_view
def file_for(request: HttpRequest) -> HttpResponse:
    if desk_request_role(request).role != Role.HR:
        raise PermissionDenied
    user = signed_in_user(request)
    employees = employees_filer_may_file_for(user, FiledAs.HR).select_related("roster_record")
    if request.method == "POST":
        employee_id = str(request.POST.get("employee", ""))
        chosen = employees.filter(pk=int(employee_id)).first() if employee_id.isdigit() else None
        if chosen is None:
            raise PermissionDenied  # not an employee of the HR professional's agencies (a forged or stale id)
        return start_filing_for(request, FiledAs.HR, chosen)
    form = EmployeeSearchForm(request.GET or None)
    search = form.cleaned_data["search"] if form.is_valid() else ""
    found: list[User] | None = None
    if search:
        matching = employees.filter(
            Q(roster_record__employee_number=search) if search.isdigit() else name_words(search)
        )
        found = list(matching[: MOST_SHOWN + 1])
    context = {
        "form": form,
        "search": search,
        "found": found[:MOST_SHOWN] if found is not None else None,
        "more": found is not None and len(found) > MOST_SHOWN,
        "most_shown": MOST_SHOWN,
    }
    return render(request, "desk/file_for.html", context)
