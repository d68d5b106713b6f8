"""The queue of new and open cases, with deadlines, filters and search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from desk.access import authorized_agencies, cases_in_scope, desk_request_role, desk_view
from desk.forms import QueueFilterForm
from desk.models import Role, StaffRole
from desk.queue import filtered_queue, queue_row, row_calendars, with_queue_details
from policies.models import Policy
from roster.models import RosterRecord

PAGE_SIZE = 50


def visible_agencies(role: StaffRole) -> list[str]:
    """The agencies a staff member may pick in the filters: every agency on the roster for a specialist, an HR
    professional's own."""
    if role.role == Role.SPECIALIST:
        return list(RosterRecord.objects.order_by("agency").values_list("agency", flat=True).distinct())
    return sorted(authorized_agencies(role))


def queue_filter_form(request: HttpRequest, role: StaffRole) -> QueueFilterForm:
    """The queue's filters from the query string (the queue page and its CSV export read them alike)."""
    policies = list(Policy.objects.filter(is_active=True).values_list("code", "name"))
    return QueueFilterForm(request.GET or None, agencies=visible_agencies(role), policies=policies)


@require_GET
@desk_view
def queue(request: HttpRequest) -> HttpResponse:
    role = desk_request_role(request)
    today = timezone.localdate()
    form = queue_filter_form(request, role)
    cases = filtered_queue(cases_in_scope(role), form.filters(), today)
    page = Paginator(with_queue_details(cases), PAGE_SIZE).get_page(request.GET.get("page"))
    calendars = row_calendars(page.object_list)
    rows = [queue_row(case, today, calendars) for case in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "today": today, "role": role, "query": query.urlencode()}
    is_htmx = bool(getattr(request, "htmx", False))  # django_htmx middleware sets it
    template = "desk/includes/queue_results.html" if is_htmx else "desk/queue.html"
    return render(request, template, context)
