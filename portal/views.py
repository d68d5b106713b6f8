"""The portal shell: the public home page, the welcome dashboard, the terms pages and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from absence import limits
from portal.drafts import drafts_in_progress


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    return render(request, "portal/home.html")


def dashboard(request: HttpRequest) -> HttpResponse:
    """The welcome page: requests in progress first (with "Continue" and "Delete"), then what to do next."""
    return render(request, "portal/dashboard.html", {"drafts": drafts_in_progress(request.user)})


@login_not_required
def terms_and_conditions(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/terms_and_conditions.html")


@login_not_required
def terms_of_use(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/terms_of_use.html")


@login_not_required
def contact_us(request: HttpRequest) -> HttpResponse:
    """The Contact Us page the user guide sends people to (a date too far back, help with a request)."""
    return render(request, "portal/contact_us.html", {"office_hours": limits.OFFICE_HOURS})


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not (for the load balancer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
