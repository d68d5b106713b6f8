"""The password checklist fragment htmx asks for while the user types (the same list as on submit)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import passwords, recovery, registration
from accounts.forms import rules_checklist_html
from accounts.models import User


def password_owner(request: HttpRequest) -> passwords.PasswordOwner:
    """Whom the password being typed is for, from this browser's own session only: the signed-in user, the roster
    record this registration matched (with the username typed), or the account a verified reset is for. Nothing
    posted names a person, so the checklist tells nobody anything about another's name or birthdate."""
    if isinstance(request.user, User):
        return passwords.owner_of(request.user)
    pending = registration.current_registration(request.session)
    if pending is not None and pending.roster_record is not None:
        return passwords.owner_of(pending.roster_record, username=request.POST.get("username", ""))
    reset = recovery.pending_reset(request)
    if reset is not None and reset.verified and reset.user is not None:
        return passwords.owner_of(reset.user)
    return passwords.PasswordOwner(username=request.POST.get("username", ""))


@login_not_required
@never_cache
@require_POST
def password_rules(request: HttpRequest) -> HttpResponse:
    return HttpResponse(rules_checklist_html(request.POST.get("password", ""), password_owner(request)))
