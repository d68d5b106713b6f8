"""Session endpoints: "stay signed in" from the idle-timeout modal, and the page after a session ends."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.user_sessions import RENEWED_AT, mark_session_time


@login_not_required
@never_cache
@require_POST
def extend(request: HttpRequest) -> HttpResponse:
    """Renew the idle timer now (other requests renew it at most once a minute) and say how long it runs."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    mark_session_time(request, RENEWED_AT)
    return JsonResponse({"signed_in": True, "seconds_left": request.session.get_expiry_age()})


@login_not_required
@never_cache
def ended(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/session_ended.html")


@login_not_required
def two_step_faq(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/two_step_faq.html")
