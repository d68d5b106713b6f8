"""The portal shell: the public home page, the welcome dashboard and the terms pages (health: portal.health)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
