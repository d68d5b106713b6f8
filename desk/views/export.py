"""The queue's CSV export: the rows a queue view's filters select, all pages, as a file (desk.export)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.models import User
from audit.log import record
from audit.models import AuditAction
from desk.access import cases_in_scope, desk_request_role, desk_view
from desk.export import EXPORT_LIMIT, csv_lines, export_filename, export_rows, filters_description
from desk.queue import filtered_queue
from desk.views.queue import queue_filter_form


@require_GET
@desk_view
def export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The queue view of this query string as CSV (HR: their agencies' cases only, as on the queue)."""
    role = desk_request_role(request)
    today = timezone.localdate()
    form = queue_filter_form(request, role)
    filters = form.filters()
    cases = filtered_queue(cases_in_scope(role), filters, today)
    total = cases.count()
    query = request.GET.copy()
    query.pop("page", None)
    if total > EXPORT_LIMIT:
        context = {"total": total, "limit": EXPORT_LIMIT, "query": query.urlencode()}
        return render(request, "desk/export_too_large.html", context, status=422)
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - desk_view has checked the staff role
    record(
        user,
        AuditAction.EXPORTED_QUEUE,
        target="queue",
        detail=f"{total} rows; filters: {filters_description(filters)}",
        request=request,
    )
    response = StreamingHttpResponse(csv_lines(export_rows(cases, today)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(today)}"'
    response["Cache-Control"] = "no-store"
    return response
