"""Who may open Django's admin, and how: an admin account, signed in to the admin through the two steps.

- An **admin account** is an active superuser with `is_staff` (Django's own flags: the admin's permissions are
  already keyed on them, and granting one is itself an admin action that the admin records). `is_staff` alone
  no longer opens anything; the desk's roles (desk.StaffRole) never open the admin.
- An **admin session** is one signed in at /admin/login/: the accounts password step, then the accounts second step
  (a code by text or call, or an authenticator app), which marks the session verified (django-otp) and as the
  admin's. A portal or desk session of the same person is not an admin session, so it never opens the admin; an
  admin session opens only the admin (accounts.middleware sends it back there from any other page).
- Every admin view of a case (a change page, a list) is written to the access log, as on the desk.

The site itself and the audited admins are in desk/admin_site.py (they need the desk's sign-in and the access
log, which sit above accounts); it is mounted only when `ADMIN_ENABLED` is set (config/urls.py).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from accounts.user_sessions import ADMIN_SESSION


def is_admin_account(user: object) -> bool:
    return isinstance(user, User) and user.is_active and user.is_staff and user.is_superuser


def is_admin_session(request: HttpRequest) -> bool:
    return bool(request.session.get(ADMIN_SESSION))


def admin_path_prefix() -> str | None:
    """Where the admin is mounted ("/admin/"), or None when it is not (ADMIN_ENABLED off)."""
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None
