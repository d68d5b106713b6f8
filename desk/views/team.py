"""'My team's absences': for supervisors, who is absent, when, for how long and the status — no why."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.models import User
from desk.access import is_supervisor
from desk.team import team_absences


@require_GET
def team(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User) or not is_supervisor(user):
        raise PermissionDenied
    absences = team_absences(user, timezone.localdate())
    return render(request, "desk/team.html", {"absences": absences})
