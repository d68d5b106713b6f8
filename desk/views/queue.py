"""The queue of new and open cases: a compact table with deadlines, filters, search, sorting and pages.

The queue's address (its filters, sort and page, as validated) is kept in the session, so that the case page's
"Back to the queue" returns to the same view (`last_queue_url`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any, overload

from django.contrib.sessions.backends.base import SessionBase
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from cases.models import Case
from desk.access import authorized_agencies, cases_in_scope, desk_request_role, desk_view, supervises_a_team
from desk.filter_choices import active_policies, roster_agencies
from desk.forms import QueueFilterForm
from desk.models import Role, StaffRole
from desk.queue import (
    DESCENDING,
    QueueCase,
    QueueFilters,
    QueueSort,
    page_of,
    queue_row,
    row_calendars,
    selected_cases,
    sort_key,
    sorted_queue,
)
from desk.queue_rows import queue_rows
from desk.stored_pages import stored_response

PAGE_SIZE = 50
LAST_QUEUE_QUERY = "desk_queue_query"
# The parameters of the queue's address (its filters, sort and page): with any other, the page is not kept.
QUEUE_PARAMETERS = frozenset(QueueFilterForm.base_fields) | {"page"}
# A kept queue's query string is no longer than this.
MAX_KEPT_QUERY = 600


@dataclass(frozen=True)
class SortLink:
    """A column header's link: sorts by its key, the other way when it is already the sort."""

    label: str
    query: str
    aria_sort: str  # "ascending", "descending", or "" when the column is not the sort


class CountedCases:
    """The sorted cases for the paginator. The page asked for is read at once with the count of them all
    (desk.queue.page_of); a COUNT of its own (`selected`, without the sort's annotations) only when that page is
    past the end, and the paginator then asks for the last page."""

    def __init__(self, cases: QuerySet[Case], selected: QuerySet[Case], page: str | None) -> None:
        self.cases = cases
        self._start = (_page_number(page) - 1) * PAGE_SIZE
        self._page, count = page_of(cases, self._start, self._start + PAGE_SIZE)
        self._count = count if count is not None else selected.count()

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[QueueCase]:
        return iter(self[0 : self._count])

    @overload
    def __getitem__(self, key: int) -> QueueCase: ...
    @overload
    def __getitem__(self, key: slice) -> list[QueueCase]: ...
    def __getitem__(self, key: int | slice) -> QueueCase | list[QueueCase]:
        if isinstance(key, int):
            return self[key : key + 1][0]
        start = key.start or 0
        if start == self._start and self._page:
            return self._page
        return page_of(self.cases, start, key.stop if key.stop is not None else self._count)[0]


def _page_number(page: str | None) -> int:
    """The page number asked for, 1 when it is not a number (the paginator's own reading of it)."""
    try:
        return max(1, int(page or 1))
    except ValueError:
        return 1


def visible_agencies(role: StaffRole) -> list[str]:
    """The agencies a staff member may pick in the filters: every agency on the roster for a specialist, an HR
    professional's own."""
    if role.role == Role.SPECIALIST:
        return roster_agencies()  # cached until the roster changes (desk.filter_choices)
    return sorted(authorized_agencies(role))


def queue_filter_form(request: HttpRequest, role: StaffRole) -> QueueFilterForm:
    """The queue's filters from the query string (the queue page and its CSV export read them alike)."""
    return QueueFilterForm(request.GET or None, agencies=visible_agencies(role), policies=active_policies())


@require_GET
@desk_view
def queue(request: HttpRequest) -> HttpResponse:
    """The queue, kept rendered until a change it may show (desk.stored_pages), when its address holds only the
    queue's own parameters: any other address is rendered each time, and never kept."""
    if not set(request.GET).issubset(QUEUE_PARAMETERS) or len(request.GET.urlencode()) > MAX_KEPT_QUERY:
        return _queue_page(request, {})
    session = request.session

    def remembered(query: str) -> None:
        """A kept page read: "Back to the queue" returns to it, as after rendering it (remember_queue_query)."""
        if session.get(LAST_QUEUE_QUERY, "") != query:
            session[LAST_QUEUE_QUERY] = query

    return stored_response(
        request,
        "queue",
        lambda extra: _queue_page(request, extra),
        vary=(supervises_a_team(request),),
        kept_with=lambda: session.get(LAST_QUEUE_QUERY, ""),
        on_kept=remembered,
    )


def _queue_page(request: HttpRequest, extra: Mapping[str, Any]) -> HttpResponse:
    role = desk_request_role(request)
    today = timezone.localdate()
    form = queue_filter_form(request, role)
    filters = form.filters()
    selected = selected_cases(cases_in_scope(role), filters, today)
    cases = CountedCases(sorted_queue(selected, filters.sort), selected, request.GET.get("page"))
    paginator: Paginator[QueueCase] = Paginator(cases, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    calendars = row_calendars(found.case for found in page.object_list)
    rows = [queue_row(found.case, today, calendars, found.rows) for found in page.object_list]
    remember_queue_query(request.session, filters, page.number)
    context = {
        "form": form,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "rows": rows,
        "row_html": queue_rows(rows, is_specialist=role.is_specialist),
        "today": today,
        "role": role,
        "query": filters_query(filters),
        "sorts": sort_links(filters),
        **extra,
    }
    is_htmx = bool(getattr(request, "htmx", False))  # django_htmx middleware sets it
    template = "desk/includes/queue_results.html" if is_htmx else "desk/queue.html"
    return render(request, template, context)


def filters_query(filters: QueueFilters) -> str:
    """The query string of the filters and sort, without what is the default (no page)."""
    defaults = asdict(QueueFilters())
    return urlencode({name: value for name, value in asdict(filters).items() if value != defaults[name]})


def sort_links(filters: QueueFilters) -> dict[str, SortLink]:
    """Each sortable column's header link, by sort key, keeping the filters (and going back to the first page)."""
    current, descending = sort_key(filters.sort)
    links = {}
    for key in QueueSort:
        is_current = key == current
        sort = f"{DESCENDING}{key.value}" if is_current and not descending else key.value
        direction = ("descending" if descending else "ascending") if is_current else ""
        links[key.value] = SortLink(str(key.label), filters_query(_replace_sort(filters, sort)), direction)
    return links


def _replace_sort(filters: QueueFilters, sort: str) -> QueueFilters:
    return QueueFilters(**{**asdict(filters), "sort": sort})


def remember_queue_query(session: SessionBase, filters: QueueFilters, page_number: int) -> None:
    """Keep the queue's validated filters, sort and page for "Back to the queue" (written only when it changes)."""
    query = filters_query(filters)
    if page_number > 1:
        query = f"{query}&page={page_number}" if query else f"page={page_number}"
    if session.get(LAST_QUEUE_QUERY, "") != query:
        session[LAST_QUEUE_QUERY] = query


def last_queue_url(session: SessionBase) -> str:
    """The queue as the staff member last saw it in this session (its first page, unfiltered, if never)."""
    query = session.get(LAST_QUEUE_QUERY, "")
    return f"{reverse('desk:queue')}?{query}" if query else reverse("desk:queue")
