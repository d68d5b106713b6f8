"""The floor's pages: anonymous, signed in, and the sign-in that makes the session."""

from __future__ import annotations

from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

SHORT_PAGE = "<!doctype html><html lang='en'><title>Floor</title><p>Hello, {name}.</p></html>"


def anonymous(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SHORT_PAGE.format(name="visitor"))


@login_required
def signed_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SHORT_PAGE.format(name=request.user.get_username()))


@csrf_exempt
def sign_in(request: HttpRequest) -> HttpResponse:
    """POST username and password: 204 and a session cookie, or 403."""
    user = authenticate(request, username=request.POST.get("username"), password=request.POST.get("password"))
    if request.method != "POST" or user is None:
        return HttpResponse(status=403)
    login(request, user)
    return HttpResponse(status=204)


urlpatterns = [
    path("", anonymous, name="anonymous"),
    path("signed-in/", signed_in, name="signed_in"),
    path("login/", sign_in, name="login"),
]
