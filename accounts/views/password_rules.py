"""The password checklist fragment htmx asks for while the user types (the same list as on submit)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import rules_checklist_html


@login_not_required
@never_cache
@require_POST
def password_rules(request: HttpRequest) -> HttpResponse:
    username = request.POST.get("username") or (request.user.get_username() if request.user.is_authenticated else "")
    return HttpResponse(rules_checklist_html(request.POST.get("password", ""), username))
