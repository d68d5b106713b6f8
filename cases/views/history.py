"""The claims history, one case's page, its timeline and one time entry. Read-only pages.

The history's list of cases (its first page, as a visit opens it) and the timeline's chart and table read only what
gives the employee's balances a new stamp (their cases, periods, time entries, decisions, policies, and the names
of whoever filed for them), so they are kept rendered under that stamp (cases.balance_cache.cached_page_part, ADR
0012): a visit reads the stamp and the stored part, and any change to what they show makes the stored one
unreachable. The case page's body too: it reads the documents, the document requests, the letters, the reasons and
the return to work besides, and their saves and deletes give the stamp too (cases.balance_cache.PAGE_ROWS).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from accounts.models import User
from cases.access import get_time_entry_for_employee
from cases.balance_cache import cached_balances_for_case, cached_page_part
from cases.certification import approved_pattern
from cases.history import CaseFile, case_file, case_summary, history_page
from cases.status import CaseStatus
from cases.timeline import NARROW, WIDE, DecisionSpan, layout_timeline
from policies.engine import PolicyBalance

# The parts of the history and the timeline pages that are stored rendered (see above).
HISTORY_CLAIMS = "cases/includes/history_claims.html"
TIMELINE_BODY = "cases/includes/timeline_body.html"
CASE_FILE_BODY = "cases/includes/case_file.html"
# Where the stored case body leaves room for the start-time form. A comment of our own: whatever the body shows of
# anyone's text is escaped, so no text can contain it.
START_TIME_SLOT = "<!-- the start-time form -->"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 (LoginRequiredMiddleware signed them in)
    return request.user


@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """View absence status and history: the leaves still running, then every other case newest first, a page
    at a time (?page=), or one year's cases (?year=)."""
    user, today = _user(request), timezone.localdate()
    year, page_number = request.GET.get("year", ""), request.GET.get("page")

    def claims() -> str:
        shown = history_page(
            user,
            today=today,
            page_number=page_number,
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        )
        return render_to_string(HISTORY_CLAIMS, {"history": shown})

    # Only the first page is stored: the others (rarer) are counted each time, so no visitor can fill the cache
    # with one stored copy per page number they type.
    first_page = not year and page_number in (None, "", "1")
    part = cached_page_part(user.pk, "history", today, claims) if first_page else claims()
    return render(request, "cases/history.html", {"claims": _safe(part)})


def _safe(part: str) -> SafeString:
    return mark_safe(part)  # noqa: S308 - our own template's output, rendered here or stored by this module


@require_GET
def case_detail(request: HttpRequest, case_number: str) -> HttpResponse:
    """One case: its decisions (with why denied, or which dates approved), period or time entries, the documents
    asked for, the documents uploaded and, when open, time reporting. The owner's page only.

    The body is kept rendered under the owner's stamp (cases.balance_cache.cached_page_part: everything it shows
    gives a new stamp when it changes), stored only once drawn for its owner (another's case number is a 404 before
    anything is stored). The start-time form carries this session's CSRF token, so it is rendered on each view,
    into the slot the stored body leaves for it."""
    user = _user(request)
    today = timezone.localdate()

    def body() -> str:
        file = case_file(user, case_number, today=today)
        context = {
            "file": file,
            "summary": file.summary,
            "case": file.case,
            "balances": case_balances(file),
            "takes_time": file.summary.is_open_intermittent,
            "start_time_slot": _safe(START_TIME_SLOT),
            "approved_pattern": approved_pattern(file.case),
            # What portal.context_processors.administrator gives a page (no request here: its processors do not run).
            "administrator": settings.ADMINISTRATOR,
        }
        return render_to_string(CASE_FILE_BODY, context)

    before, slot, after = cached_page_part(user.pk, f"case:{case_number}", today, body).partition(START_TIME_SLOT)
    context = {"case_number": case_number, "before": _safe(before), "takes_time": bool(slot), "after": _safe(after)}
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
    user = _user(request)

    def body() -> str:
        summary = case_summary(user, case_number, entry_days=False)  # it draws the decisions' dates (or 404)
        spans = [
            DecisionSpan(policy=d.policy.name, status=d.status, start=d.start_date, end=d.end_date)
            for d in summary.decisions
        ]
        layouts = {frame.name: layout_timeline(spans, frame) for frame in (WIDE, NARROW)}
        return render_to_string(TIMELINE_BODY, {"case": summary.case, "summary": summary, "layouts": layouts})

    # Stored only once drawn for its owner (another's case number is a 404 before anything is stored), under the
    # owner's stamp: deleting the case gives a new one.
    part = cached_page_part(user.pk, f"timeline:{case_number}", timezone.localdate(), body)
    return render(request, "cases/timeline.html", {"body": _safe(part)})


@require_GET
def time_entry_detail(request: HttpRequest, case_number: str, entry_id: int) -> HttpResponse:
    """One reported day, as submitted (it cannot be edited through the portal)."""
    entry = get_time_entry_for_employee(_user(request), case_number, entry_id)
    return render(request, "cases/time_entry.html", {"entry": entry, "case": entry.case})
