"""Desk pages kept rendered: the queue and the case view are served from the cache while nothing they show changed.

A desk page reads nearly everything (cases, decisions and their policies, tasks, documents, calls, owners, letters,
notices, the roster and its calendars), so the desk does not name what its pages read: it names what they do not,
the *quiet tables* (`QUIET_MODELS`), written on every request or every step of the wizard (sessions, drafts, the
audit log of who viewed what) and shown on no desk page. Every other write, by any path (a
save, a queryset's update, a bulk insert, raw SQL; in a request, a worker, a command or the admin), gives the desk a
new *stamp*, a random number in the one-row table `DeskStamp`: each connection's execute wrapper (`_watch`) sees the
statement, and the stamp is replaced once the transaction commits (at once outside a transaction). A page is kept
under the stamp read before it was rendered, so a page rendered while a change was committing is never read after
it: the next view reads the new stamp and renders again (docs/adr/0015-desk-pages-stored-under-a-desk-stamp.md).

What a kept page may not hold, and so does not: this session's CSRF token (a slot filled in on every view), the
messages of this request (a page with messages to show is rendered, and neither read nor kept), what is written
by the connection's own open transaction (rendered, not kept: `_pending`). Its key holds whatever else the page
depends on: the viewer (their account and staff role), the address with its query string (only the queue's own
parameters: any other query is rendered, not kept, so no one fills the cache by typing addresses), htmx or not,
the queue the case page goes back to, whether the team link shows, the day, the language and the code's run
(`RENDERED_BY`). Pages are kept compressed for ten minutes at most; a Redis error or timeout is a miss.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import zlib
from collections.abc import Callable, Collection, Mapping
from functools import cache, partial
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from cases.balance_cache import RENDERED_BY

logger = logging.getLogger(__name__)

# The tables whose writes change no desk page, by app label and model name: every other write gives a new stamp.
# desk/tests/test_stored_pages.py renders the kept pages and checks that none of them reads one of these.
QUIET_MODELS = (
    ("sessions", "Session"),  # every signed-in request may renew it
    ("accounts", "UserSession"),  # the account's list of its sessions, renewed with them
    ("audit", "AuditEvent"),  # who viewed what: the case view writes one on every view
    ("intake", "Draft"),  # every step of the wizard
    ("desk", "DeskStamp"),  # this module's own
)
# A kept page is kept this long at most (seconds): a busy desk changes often, and each stamp leaves its pages behind.
TIMEOUT = 10 * 60
# Where a kept page holds the CSRF token: drawn when the code is loaded, so no text a page shows can hold it.
CSRF_SLOT = f"csrf-slot-{secrets.token_hex(16)}"
# The first word of the statements that write nothing; any other statement but INSERT, UPDATE and DELETE (of a
# table named after them) is taken as a write of a table it does not name, and gives a new stamp.
# (A SELECT may open with a parenthesis, a union's; DECLARE, FETCH and CLOSE are PostgreSQL's server-side cursors,
# which only read.)
READS = frozenset(
    {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "PRAGMA", "EXPLAIN"}
    | {"DECLARE", "FETCH", "CLOSE", "MOVE"}
)
_WRITTEN = re.compile(r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?([\w.]+)", re.IGNORECASE)
_quiet_tables: frozenset[str] = frozenset()
# While `migrate` runs: its tables (the stamp's among them) may not exist yet, and nothing is served from its process.
_migrating = False


def stored_response(
    request: HttpRequest,
    scope: str,
    build: Callable[[Mapping[str, Any]], HttpResponse],
    *,
    vary: Collection[object] = (),
    kept_with: Callable[[], object] = lambda: None,
    on_kept: Callable[[Any], None] = lambda data: None,
) -> HttpResponse:
    """The page `build` renders, from the cache when kept under the desk's current stamp.

    `build(extra)` does all a view of the page does (its access checks, its writes, the rendering), rendering with
    `extra` added to the template context (the CSRF slot, when the page is to be kept). `scope` names the page (and
    the case); `vary`, anything else of the request the page shows. `kept_with()`, called after `build`, gives what
    is kept beside the page; a view that reads the page from the cache calls `on_kept(that)` instead of `build`.

    A kept page was rendered for this viewer, after their access checks passed, under the current stamp: nothing
    has been written since that the checks read (the roster, the staff roles, the case), so they would pass again.
    `on_kept` does what must be done on every view all the same (the audit log's entry)."""
    stamp = _read_stamp() if _storable(request) else None
    if stamp is None:
        return build({})
    key = _key(request, scope, stamp, vary)
    cache = caches["default"]
    content, data = _unpacked(cache.get(key))
    if content is not None:
        on_kept(data)
        response = HttpResponse(content)
    else:
        response = build({"csrf_token": CSRF_SLOT})
        if response.status_code == 200 and not response.streaming and not _pending():
            cache.set(key, (zlib.compress(response.content, 1), kept_with()), TIMEOUT)
    if not response.streaming:
        response.content = response.content.replace(CSRF_SLOT.encode(), get_token(request).encode())
    return response


def _unpacked(kept: object) -> tuple[bytes | None, object]:
    """The kept page's markup and what was kept beside it; (None, None) when nothing usable is kept (a miss, or an
    entry that is not one of ours or does not decompress: the page is rendered again, and kept anew)."""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], bytes)):
        return None, None
    try:
        return zlib.decompress(kept[0]), kept[1]
    except zlib.error:
        logger.warning("A kept desk page did not decompress: rendered again")
        return None, None


def _storable(request: HttpRequest) -> bool:
    """A GET with no messages to show, on a connection with no change of its own waiting to commit."""
    return request.method == "GET" and not len(get_messages(request)) and not _pending()


def _key(request: HttpRequest, scope: str, stamp: int, vary: Collection[object]) -> str:
    user = request.user
    role = getattr(request, "desk_role", None)
    viewer = (user.pk, getattr(role, "pk", None), getattr(role, "role", None))
    htmx = bool(getattr(request, "htmx", False))
    parts = (scope, viewer, request.get_full_path(), htmx, timezone.localdate().isoformat(), get_language(), *vary)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()  # an address may hold any character
    return f"desk-page:{RENDERED_BY}:{stamp}:{digest}"


# --- The stamp -------------------------------------------------------------------------------------------


def _read_stamp(*, first: bool = True) -> int | None:
    """The desk's stamp (one query, in SQL built once, as cases.balance_cache reads its own); recorded the first
    time. None when it cannot be recorded: the page is then rendered, and not kept."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(_stamp_sql(DEFAULT_DB_ALIAS)[0])
        row = cursor.fetchone()
    if row is not None:
        return int(row[0])
    if not first:
        return None
    _new_stamp(DEFAULT_DB_ALIAS)
    return _read_stamp(first=False)


def _new_stamp(alias: str) -> None:
    """Give the desk a new stamp: one UPDATE in SQL written here (it follows every writing transaction), or the
    row's INSERT the first time."""
    stamp = secrets.randbits(62)
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(_stamp_sql(alias)[1], [stamp])
            updated = cursor.rowcount
        if not updated:
            model = apps.get_model("desk", "DeskStamp")
            model.objects.using(alias).bulk_create([model(pk=1, stamp=stamp)], ignore_conflicts=True)
    except Exception:
        # Committed already: the change stands. Its pages live on for TIMEOUT at most; the operator is told.
        logger.exception("The desk's stamp was not renewed after a change: kept desk pages may lag until they expire")


@cache
def _stamp_sql(alias: str) -> tuple[str, str]:
    """For the database `alias`: the SELECT of the stamp, and its UPDATE, quoted by the database's own rules."""
    quote = connections[alias].ops.quote_name
    meta = apps.get_model("desk", "DeskStamp")._meta
    table, stamp, key = quote(meta.db_table), quote(str(meta.get_field("stamp").column)), quote(str(meta.pk.column))
    select = f"SELECT {stamp} FROM {table} WHERE {key} = 1"  # noqa: S608 - names only
    return select, f"UPDATE {table} SET {stamp} = %s WHERE {key} = 1"  # noqa: S608


# --- Watching the writes ---------------------------------------------------------------------------------


def written_table(sql: str) -> str | None:
    """The table a statement writes ("" when it writes one it does not name), None when it writes nothing."""
    first = sql.lstrip(" \t\r\n(")[:10].split(None, 1)
    word = first[0].upper() if first else ""
    if word in READS:
        return None
    found = _WRITTEN.match(sql)
    return found.group(1).split(".")[-1] if found else ""


def _watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Mapping[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    table = None if _migrating else written_table(sql)
    if table is not None and table not in _quiet_tables:
        _changed(context["connection"])
    return result


def _changed(connection: BaseDatabaseWrapper) -> None:
    """A write that may show on a desk page: a new stamp once its transaction commits, at once outside one."""
    if not connection.in_atomic_block:
        _new_stamp(connection.alias)
        return
    if not _registered(connection):
        connection.on_commit(_callback(connection), robust=True)


def _callback(connection: BaseDatabaseWrapper) -> Callable[[], None]:
    """The connection's own "new stamp" callback: one object, so a transaction registers it once."""
    found: Callable[[], None] | None = connection.__dict__.get("_desk_new_stamp")
    if found is None:
        found = connection.__dict__["_desk_new_stamp"] = partial(_new_stamp, connection.alias)
    return found


def _registered(connection: BaseDatabaseWrapper) -> bool:
    """Whether the connection's open transaction wrote something a desk page may show (its callback waits)."""
    callback = connection.__dict__.get("_desk_new_stamp")
    return callback is not None and any(entry[1] is callback for entry in connection.run_on_commit)


def _pending() -> bool:
    """Whether the default connection's open transaction wrote something a desk page may show."""
    return _registered(connections[DEFAULT_DB_ALIAS])


def _watch_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Watch a connection to one of the project's databases (not the server connection that creates them)."""
    if connection.alias in settings.DATABASES and _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def _migration_starts(sender: Any, **kwargs: Any) -> None:
    global _migrating  # noqa: PLW0603 - one flag for the process
    _migrating = True


def _migration_ended(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """After `migrate` (or a flush): every page kept before it is left behind."""
    global _migrating  # noqa: PLW0603
    _migrating = False
    _new_stamp(using)


def connect() -> None:
    """Called once, from DeskConfig.ready: every connection opened from now on is watched."""
    global _quiet_tables  # noqa: PLW0603 - filled once the models are loaded
    _quiet_tables = frozenset(apps.get_model(label, name)._meta.db_table for label, name in QUIET_MODELS)
    connection_created.connect(_watch_connection, dispatch_uid="desk-stored-pages-watch")
    pre_migrate.connect(_migration_starts, dispatch_uid="desk-stored-pages-migrating")
    post_migrate.connect(_migration_ended, dispatch_uid="desk-stored-pages-migrated")
    for connection in connections.all(initialized_only=True):
        _watch_connection(None, connection)
