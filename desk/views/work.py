"""My work: the signed-in specialist's open tasks, by due date (desk.worklist), and Next, which opens the first."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import User
from desk.access import desk_request_role, desk_view
from desk.models import Role
from desk.worklist import my_open_tasks, task_anchor

PAGE_SIZE = 100


def _specialist(request: HttpRequest) -> User:
    """My work is a specialist's: HR professionals own no cases (403)."""
    if desk_request_role(request).role != Role.SPECIALIST:
        raise PermissionDenied
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - desk_view has checked the role
    return user


@require_GET
@desk_view
def my_work(request: HttpRequest) -> HttpResponse:
    user = _specialist(request)
    today = timezone.localdate()
    page = Paginator(my_open_tasks(user), PAGE_SIZE).get_page(request.GET.get("page"))
    tasks = list(page.object_list)
    context = {
        "page": page,
        "tasks": [(task, task_anchor(task)) for task in tasks],
        "today": today,
        "overdue": sum(1 for task in tasks if task.due_date < today),
        "due_today": sum(1 for task in tasks if task.due_date == today),
    }
    return render(request, "desk/my_work.html", context)


@require_GET
@desk_view
def next_task(request: HttpRequest) -> HttpResponse:
    """The case of the earliest open task, at the section where it is done."""
    task = my_open_tasks(_specialist(request)).first()
    if task is None:
        messages.info(request, _("You have no open tasks. Pick a case from the queue to work on next."))
        return redirect("desk:my_work")
    url = reverse("desk:case", kwargs={"case_number": task.case.case_number})
    return redirect(f"{url}#{task_anchor(task)}")
