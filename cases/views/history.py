"""The claims history, one case's page, its timeline and one time entry. Read-only pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.models import User
from cases.access import get_time_entry_for_employee
from cases.balance_cache import cached_balances_for_case
from cases.certification import approved_pattern
from cases.history import CaseFile, case_file, case_summary, history_page
from cases.status import CaseStatus
from cases.timeline import NARROW, WIDE, DecisionSpan, layout_timeline
from policies.engine import PolicyBalance


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 (LoginRequiredMiddleware signed them in)
    return request.user


@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """View absence status and history: the leaves still running, then every other case newest first, a page
    at a time (?page=), or one year's cases (?year=)."""
    year = request.GET.get("year", "")
    shown = history_page(
        _user(request),
        today=timezone.localdate(),
        page_number=request.GET.get("page"),
        year=int(year) if year.isdigit() and len(year) == 4 else None,
    )
    return render(request, "cases/history.html", {"history": shown})


@require_GET
def case_detail(request: HttpRequest, case_number: str) -> HttpResponse:
    """One case: its decisions (with why denied, or which dates approved), period or time entries, the documents
    asked for, the documents uploaded and, when open, time reporting. The owner's page only."""
    file = case_file(_user(request), case_number, today=timezone.localdate())
    context = {
        "file": file,
        "summary": file.summary,
        "case": file.case,
        "balances": case_balances(file),
        "takes_time": file.summary.is_open_intermittent,
        "approved_pattern": approved_pattern(file.case),
    }
    return render(request, "cases/case_detail.html", context)


def case_balances(file: CaseFile) -> list[PolicyBalance]:
    """Each live policy of a leave (one query when counted since the last change): the page shows its summary
    ("FMLA: 118.5 of 480 hours used as of Mar 3, 2026") and, in the employee's words, any time not charged as
    asked and why."""
    if file.summary.is_unplanned or file.summary.status == CaseStatus.CANCELLED:
        return []
    return cached_balances_for_case(file.case, timezone.localdate())


@require_GET
def timeline(request: HttpRequest, case_number: str) -> HttpResponse:
    """View Timeline: a bar per policy decision on a shared date axis, with a table of the same data."""
    summary = case_summary(_user(request), case_number, entry_days=False)  # it draws the decisions' dates
    spans = [
        DecisionSpan(policy=d.policy.name, status=d.status, start=d.start_date, end=d.end_date)
        for d in summary.decisions
    ]
    layouts = {frame.name: layout_timeline(spans, frame) for frame in (WIDE, NARROW)}
    context = {"case": summary.case, "summary": summary, "layouts": layouts}
    return render(request, "cases/timeline.html", context)


@require_GET
def time_entry_detail(request: HttpRequest, case_number: str, entry_id: int) -> HttpResponse:
    """One reported day, as submitted (it cannot be edited through the portal)."""
    entry = get_time_entry_for_employee(_user(request), case_number, entry_id)
    return render(request, "cases/time_entry.html", {"entry": entry, "case": entry.case})
