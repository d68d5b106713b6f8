"""Balances cached per employee, so a page shows them without counting every case the employee ever had.

The figures are the engine's (cases.balances computes them); this module keeps them in the "default" cache
(Redis in production) under a key naming the employee and their *stamp*: a random number in the table
`BalanceStamp`, replaced in the same transaction as any change the balances are counted from. A reader takes
the stamp first, then the figures stored under it, or counts them and stores them there; a change gives the
employee a new stamp, so the next page counts again and the old figures are never read (they expire).

What gives a new stamp (docs/adr/0012-balances-cached-per-employee.md):
- saving or deleting a decision, a time entry, a leave period, an opening balance, or a case's fields the
  ledger reads (its cancellation, kind, pattern, reason, who it is for, overtime shift, child's date), caught
  by the model signals here: the employee's stamp, and their spouse's at the employer (spouses share weeks);
- the bulk writes that send no signal, each calling `balances_changed` beside the write: time entries added
  (cases.time_entries), pending decisions attached (cases.decisions), a leave extended (desk.returns), a day
  decided not covered (desk.certification);
- changes that reach many employees give everyone a new stamp (`all_balances_changed`): a policy's rules, a
  roster record (schedule, hours, work location, spouse link; the admin, and the roster import), a work
  location's holidays and closures, an account's roster link;
- what the case page shows beside its balances (`cached_page_part`): saving or deleting a document, a document
  request, a certification (the pattern it approved), a letter, a return to work or a condition (the reasons),
  caught by the model signals here (`PAGE_ROWS`), and the reasons added in bulk (cases.submission), calling
  `balances_changed` beside the write.
An action that makes several of these changes at once (submitting a case: the case, its leave period or time entries,
its decisions) holds them with `balances_changed_once()`: its employees then get one new stamp each, at the end of
the block, still inside its transaction (nothing in the block reads the balances).
The period method setting and the language are in the key. A Redis error or timeout is a miss
(config.cache.ForgivingRedisCache): the page counts the figures itself, as before the cache.
"""

from __future__ import annotations

import logging
import pickle
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from absence.calendar import BusinessCalendar
from accounts.models import User
from cases.balances import balances_for_case, balances_for_employee
from cases.models import BalanceStamp, Case, LeavePeriod, TimeEntry
from policies.engine import PolicyBalance
from policies.models import OpeningBalance, Policy, PolicyDecision
from roster.feed_import import roster_imported
from roster.models import Closure, LocalHoliday, RosterRecord

logger = logging.getLogger(__name__)

# Part of every key: raise it when PolicyBalance changes shape, so figures stored by older code are never read.
FORMAT = 1
# Figures are kept a day at most (the key also names the day they are counted for).
TIMEOUT = 24 * 60 * 60
# The fields of a case that the ledger reads; saving only others (the "new documents" marks) changes nothing.
CASE_FIELDS = frozenset(
    {"employee", "kind", "pattern", "reason", "absence_for", "overtime_shift", "child_event_date", "cancelled_at"}
)
# Part of a stored page part's key: drawn when the code is loaded (in gunicorn's master, before it forks, so every
# worker shares it), so markup rendered by one release is never served by the next: a deployment or a restart
# makes every stored part unreachable, as a new stamp does.
RENDERED_BY = secrets.token_hex(4)
# The fields of a case that only its page shows (who filed it, and as whom): the ledger never reads them.
PAGE_FIELDS = frozenset({"filed_by", "filed_as"})
# The rows of a case that only its page shows (cached_page_part), by app label and model name: the letters and the
# document requests belong to the apps above this one, named here and looked up when the signals are connected.
PAGE_ROWS = (
    ("cases", "Document"),
    ("cases", "CaseCondition"),
    ("cases", "ReturnToWork"),
    ("desk", "DocumentRequest"),
    ("desk", "Certification"),
    ("letters", "Letter"),
)
# The fields of an account that its full name is made of.
NAME_FIELDS = frozenset({"first_name", "last_name"})
# While an action holds its changes (balances_changed_once): the employees and the cases changed so far.
_held: ContextVar[tuple[set[int], set[int]] | None] = ContextVar("held_balance_changes", default=None)


def cached_balances_for_case(case: Case, as_of: date, calendar: BusinessCalendar | None = None) -> list[PolicyBalance]:
    """cases.balances.balances_for_case, from the cache when nothing changed since it was counted: one query
    (the stamp) and one cache read then, however many cases the employee has. `calendar`: the employee's work
    location's, when the page has read it already (counting then reads it no more)."""
    scope = f"case:{case.case_number}"
    return _cached(case.employee_id, scope, as_of, lambda: balances_for_case(case, as_of, calendar))


def cached_balances_for_employee(user: User, as_of: date) -> list[PolicyBalance]:
    """cases.balances.balances_for_employee, from the cache when nothing changed since it was counted."""
    return _cached(int(user.pk), "employee", as_of, lambda: balances_for_employee(user, as_of))


def cached_page_part(employee_id: int, scope: str, as_of: date, render: Callable[[], str]) -> str:
    """A part of one of the employee's pages, rendered, kept under the same stamp as their balances: only for a
    part that reads nothing but what gives a new stamp (the list above, and the names of those who filed the
    employee's cases), so that any change to what it shows makes the stored copy unreachable. `scope` names the
    part (and the case, when it is one case's); the language and `as_of`, the day it is shown on, are in the key.
    The stamp is one query; the part is then one cache read, or rendered and stored. Parts rendered by another
    run of the code are never read (`RENDERED_BY`): their templates may have changed since."""
    return _cached(employee_id, f"part:{RENDERED_BY}:{scope}", as_of, render, str)


def _cached(employee_id: int, scope: str, as_of: date, count: Callable[[], Any], kind: type = list) -> Any:
    """`count()`'s value (a list of figures, or a page's part: a string, as `kind` says) under the stamp."""
    if _held.get() is not None:
        return count()  # changes held (balances_changed_once): the stamps are not new yet, so store nothing
    cache = caches["default"]
    key = _key(employee_id, _stamp(employee_id), scope, as_of)
    try:
        found = cache.get(key)
    except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, EOFError) as error:
        logger.warning("Cached balances %s unreadable, counted again: %s", key, error)
        found = None
    if isinstance(found, kind):
        return found
    value = count()
    cache.set(key, value, TIMEOUT)
    return value


def _key(employee_id: int, stamp: int, scope: str, as_of: date) -> str:
    method = getattr(settings, "FMLA_PERIOD_METHOD", "")
    return f"balances:{FORMAT}:{employee_id}:{stamp}:{scope}:{as_of.isoformat()}:{get_language()}:{method}"


def _stamp(employee_id: int) -> int:
    """The employee's stamp (one query); the first time, a new one is recorded (two more)."""
    stamp = _read_stamp(employee_id)
    if stamp is None:
        stamps = BalanceStamp.objects.filter(employee_id=employee_id).values_list("stamp", flat=True)
        BalanceStamp.objects.bulk_create([BalanceStamp(employee_id=employee_id, stamp=_new())], ignore_conflicts=True)
        stamp = stamps.get()
    return stamp


def _read_stamp(employee_id: int) -> int | None:
    """The stamp, read by primary key in SQL written here: every page with balances or a stored part reads it, and
    the ORM took four times as long to compile this one-column read (0.37 ms of CPU) as the cursor took to send it
    and read the answer (0.08 ms)."""
    with connections[router.db_for_read(BalanceStamp)].cursor() as cursor:
        cursor.execute(_stamp_sql(cursor.db.ops.quote_name), [employee_id])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _stamp_sql(quote: Callable[[str], str]) -> str:
    """SELECT stamp FROM the stamps WHERE employee = %s, quoted for the connection's database."""
    meta = BalanceStamp._meta
    stamp, employee = str(meta.get_field("stamp").column), str(meta.get_field("employee").column)
    return f"SELECT {quote(stamp)} FROM {quote(meta.db_table)} WHERE {quote(employee)} = %s"  # noqa: S608


def _new() -> int:
    return secrets.randbits(62)


def balances_changed(*, employees: Iterable[int] = (), cases: Iterable[int] = ()) -> None:
    """These employees' balances (or those of these cases' employees), and their spouses' at the employer, are
    counted again at their next reading. Call it in the transaction of the change (or after it)."""
    held = _held.get()
    if held is not None:
        held[0].update(employees)
        held[1].update(cases)
        return
    ids = set(employees)
    case_ids = set(cases)
    if case_ids:
        ids |= set(Case.objects.filter(pk__in=case_ids).values_list("employee_id", flat=True))
    if not ids:
        return
    ids |= _spouses(ids)
    BalanceStamp.objects.bulk_create(
        [BalanceStamp(employee_id=pk, stamp=_new()) for pk in sorted(ids)],
        update_conflicts=True,
        unique_fields=["employee"],
        update_fields=["stamp"],
    )


def _spouses(ids: set[int]) -> set[int]:
    """The accounts of these employees' spouses at the employer, whichever of the two records holds the link: one
    statement of two branches, each led by the employees' own rows through unique indexes, in SQL written here
    (the ORM took longer to compile the two joins than the database to answer them). The two links in one WHERE
    (an OR across outer joins) made PostgreSQL join every account and roster record instead: 25-30 ms for each
    change on a roster of 20,000, where this takes 0.1 ms."""
    using = router.db_for_read(User)
    placeholders = ", ".join(["%s"] * len(ids))
    with connections[using].cursor() as cursor:
        cursor.execute(_spouses_sql(cursor.db.ops.quote_name).format(ids=placeholders), [*ids, *ids])
        return {int(row[0]) for row in cursor.fetchall()}


def _spouses_sql(quote: Callable[[str], str]) -> str:
    """The two branches of `_spouses`, quoted for the connection's database; `{ids}` for the employees' ids."""
    account, record = User._meta, RosterRecord._meta
    users, records = quote(account.db_table), quote(record.db_table)
    user_id, user_record = quote(str(account.pk.column)), quote(str(account.get_field("roster_record").column))
    record_id, spouse = quote(str(record.pk.column)), quote(str(record.get_field("spouse").column))
    # The employee's record names the spouse's; then the spouse's record names the employee's.
    return (
        f"SELECT spouse.{user_id} FROM {users} employee"  # noqa: S608 — names from the models, ids as parameters
        f" JOIN {records} own_record ON own_record.{record_id} = employee.{user_record}"
        f" JOIN {users} spouse ON spouse.{user_record} = own_record.{spouse}"
        f" WHERE employee.{user_id} IN ({{ids}})"
        f" UNION ALL SELECT spouse.{user_id} FROM {users} employee"
        f" JOIN {records} their_record ON their_record.{spouse} = employee.{user_record}"
        f" JOIN {users} spouse ON spouse.{user_record} = their_record.{record_id}"
        f" WHERE employee.{user_id} IN ({{ids}})"
    )


@contextmanager
def balances_changed_once() -> Iterator[None]:
    """Within the block, `balances_changed` gathers the employees; when the block ends without an error each gets
    one new stamp (two queries however many changes), inside the caller's transaction, which must enclose the
    block. Read no balances in the block: their stamps change only at its end. A block inside another holds for
    the outer one."""
    if _held.get() is not None:
        yield
        return
    employees: set[int] = set()
    cases: set[int] = set()
    token = _held.set((employees, cases))
    try:
        yield
    finally:
        _held.reset(token)
    balances_changed(employees=employees, cases=cases)


def all_balances_changed() -> None:
    """Every employee's balances are counted again at their next reading (one UPDATE): for the changes that
    reach many employees at once (rules, the roster, a location's calendar)."""
    BalanceStamp.objects.update(stamp=_new())


# --- The model signals: every save and delete of what the ledger reads ----------------------------------


def _of_case(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if sender.case.is_cached(instance):  # type: ignore[attr-defined]  # the case at hand: no query for its employee
        balances_changed(employees=[instance.case.employee_id])
    else:
        balances_changed(cases=[instance.case_id])


def _of_employee(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    balances_changed(employees=[instance.employee_id])


def _case_saved(sender: type[Model], instance: Case, update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
    if update_fields is None or (CASE_FIELDS | PAGE_FIELDS).intersection(update_fields):
        balances_changed(employees=[instance.employee_id])


def _account_saved(
    sender: type[Model],
    instance: User,
    update_fields: Iterable[str] | None = None,
    created: bool = False,
    **kwargs: Any,
) -> None:
    if created:
        return  # a new account has no balances and has filed no case yet
    fields = None if update_fields is None else frozenset(update_fields)
    changed: set[int] = set()
    # Signing in saves last_login only.
    if fields is None or "roster_record" in fields:
        changed.add(int(instance.pk))
    # The history names whoever filed a case for the employee (cached_page_part): a new name reaches them too.
    if fields is None or NAME_FIELDS & fields:
        changed.update(Case.objects.filter(filed_by=instance).values_list("employee_id", flat=True).distinct())
    balances_changed(employees=changed)


def _everyone(sender: type[Model], **kwargs: Any) -> None:
    all_balances_changed()


def connect() -> None:
    """Called once, from CasesConfig.ready."""
    for model in (PolicyDecision, TimeEntry, LeavePeriod):
        post_save.connect(_of_case, sender=model, dispatch_uid=f"balances-{model.__name__}-saved")
        post_delete.connect(_of_case, sender=model, dispatch_uid=f"balances-{model.__name__}-deleted")
    for app_label, model_name in PAGE_ROWS:
        shown = apps.get_model(app_label, model_name)
        post_save.connect(_of_case, sender=shown, dispatch_uid=f"page-{model_name}-saved")
        post_delete.connect(_of_case, sender=shown, dispatch_uid=f"page-{model_name}-deleted")
    post_save.connect(_of_employee, sender=OpeningBalance, dispatch_uid="balances-OpeningBalance-saved")
    post_delete.connect(_of_employee, sender=OpeningBalance, dispatch_uid="balances-OpeningBalance-deleted")
    post_save.connect(_case_saved, sender=Case, dispatch_uid="balances-Case-saved")
    post_delete.connect(_of_employee, sender=Case, dispatch_uid="balances-Case-deleted")
    post_save.connect(_account_saved, sender=User, dispatch_uid="balances-User-saved")
    for shared in (Policy, RosterRecord, LocalHoliday, Closure):
        post_save.connect(_everyone, sender=shared, dispatch_uid=f"balances-{shared.__name__}-saved")
        post_delete.connect(_everyone, sender=shared, dispatch_uid=f"balances-{shared.__name__}-deleted")
    roster_imported.connect(_everyone, dispatch_uid="balances-roster-imported")
