"""The sessions a user has open: recorded at sign-in, listed in the profile, ended on demand.

Ending a session deletes it from the session store, so its cookie, replayed, opens nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ua_parser import parse as parse_user_agent

from accounts.events import client_ip
from accounts.models import User, UserSession

ABSOLUTE_LIMIT = timedelta(hours=12)
SIGNED_IN_AT = "accounts.signed_in_at"
PASSWORD_CONFIRMED_AT = "accounts.password_confirmed_at"  # noqa: S105 - a session key name
# Set only by the admin's own sign-in (accounts.admin_access): this session opens the admin, and only the admin.
ADMIN_SESSION = "accounts.admin_session"
# When the session was last renewed and rechecked: at most once a minute (RECHECK_EVERY), a request renews
# the idle timeout (the session is saved with a fresh expiry), confirms the session is still listed for its
# user, and touches `last_seen_at`. In between, a request writes nothing and reads no table for these checks.
RENEWED_AT = "accounts.renewed_at"
RECHECK_EVERY = timedelta(minutes=1)


def session_time(request: HttpRequest, name: str) -> datetime | None:
    stamp = request.session.get(name)
    return datetime.fromtimestamp(stamp, tz=timezone.get_current_timezone()) if stamp is not None else None


def mark_session_time(request: HttpRequest, name: str, when: datetime | None = None) -> None:
    request.session[name] = (when or timezone.now()).timestamp()


def record_user_session(request: HttpRequest, user: User) -> None:
    """Called at every sign-in (Django's user_logged_in signal): the session key is new by now."""
    mark_session_time(request, SIGNED_IN_AT)
    request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "user_agent": request.headers.get("user-agent", "")[:300],
            "ip_address": client_ip(request),
            "last_seen_at": timezone.now(),
        },
    )


# The parser's names for browsers that people know by a shorter one.
BROWSER_NAMES = {
    "Mobile Safari": "Safari",
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "HeadlessChrome": "Chrome",
    "Edge Mobile": "Edge",
}
OS_NAMES = {"Mac OS X": "macOS"}


@lru_cache(maxsize=256)
def device_name(user_agent: str) -> str:
    """A session's device as people say it: "Chrome on Linux", "Safari on iOS"; "Unknown device" if unreadable.

    Only the browser and the operating system: sessions store an IP address but no location, and
    a location guessed from the address would too often name the wrong town.
    """
    parsed = parse_user_agent(user_agent) if user_agent else None
    browser = parsed.user_agent.family if parsed and parsed.user_agent and parsed.user_agent.family != "Other" else ""
    system = parsed.os.family if parsed and parsed.os and parsed.os.family != "Other" else ""
    browser, system = BROWSER_NAMES.get(browser, browser), OS_NAMES.get(system, system)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown device")


def rekey_user_session(old_key: str | None, new_key: str | None) -> None:
    """Follow a session whose key was cycled (as Django does after a password change)."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def delete_stored_sessions(keys: list[str]) -> None:
    Session.objects.filter(session_key__in=keys).delete()
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db":
        caches[settings.SESSION_CACHE_ALIAS].delete_many([cached_db.KEY_PREFIX + key for key in keys])


def end_sessions(user: User, *, keep: str | None = None) -> int:
    """End every session of `user` except the one keyed `keep`; return how many ended."""
    rows = UserSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(rows.values_list("session_key", flat=True))
    delete_stored_sessions(keys)
    rows.delete()
    return len(keys)


def end_one_session(user: User, session_id: int) -> bool:
    row = UserSession.objects.filter(user=user, pk=session_id).first()
    if row is None:
        return False
    delete_stored_sessions([row.session_key])
    row.delete()
    return True


def session_is_current(request: HttpRequest) -> bool:
    """Whether a signed-in session is still one we know and within the absolute limit.

    The absolute limit is checked on every request, from the session itself. Whether the session is still
    listed (not ended from the profile or by a password reset) is asked of the database at most once a minute,
    with the renewal (`renew_session`): ending a session deletes it from the store at once, so its cookie opens
    nothing even in between; the listing is the second lock.
    """
    signed_in_at = session_time(request, SIGNED_IN_AT)
    now = timezone.now()
    if signed_in_at is None or now - signed_in_at > ABSOLUTE_LIMIT:
        return False
    if recently_renewed(request, now):
        return True
    listed = UserSession.objects.filter(
        session_key=request.session.session_key, user_id=int(request.user.pk or 0)
    ).update(last_seen_at=now)
    if not listed:
        return False
    mark_session_time(request, RENEWED_AT, now)
    return True


def recently_renewed(request: HttpRequest, now: datetime | None = None) -> bool:
    renewed_at = session_time(request, RENEWED_AT)
    if renewed_at is None:
        return False
    age = (now or timezone.now()) - renewed_at
    return timedelta(0) <= age < RECHECK_EVERY


def renew_session(request: HttpRequest) -> None:
    """Renew the idle timeout of a session that holds something (a registration, a reset in progress) at most
    once a minute: the store saves it, with a fresh expiry, only when it changed (SESSION_SAVE_EVERY_REQUEST is
    off). Signed-in sessions are renewed by `session_is_current`."""
    if request.session.is_empty() or recently_renewed(request):
        return
    mark_session_time(request, RENEWED_AT)


def idle_seconds_left(request: HttpRequest) -> int:
    """Seconds until the session's idle timeout, as of its last renewal (what the timeout modal counts down)."""
    renewed_at = session_time(request, RENEWED_AT)
    if renewed_at is None:
        return settings.SESSION_COOKIE_AGE
    elapsed = max(0, int((timezone.now() - renewed_at).total_seconds()))
    return max(0, settings.SESSION_COOKIE_AGE - elapsed)
