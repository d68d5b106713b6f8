"""The queue's filter choices: every agency on the roster and the active policies, kept in the shared cache.

Both lists are the same for every specialist and change rarely (a roster import, a policy edited in the admin),
so a queue page reads them from the cache instead of two queries. They are kept under a version token that is
replaced whenever a roster record or a policy is saved or deleted, or a roster file imported (which writes in
bulk and sends `roster_imported`): at once, so the same transaction sees its change, and again after the commit,
so a page that read the tables before the commit and cached them under the new token is replaced too. A missing
token (Redis emptied or evicting) is a new one: the lists are read again. Nothing personal is kept.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from policies.models import Policy
from roster.feed_import import roster_imported
from roster.models import RosterRecord

VERSION = "desk.filter_choices.version"
KEPT_FOR = 24 * 60 * 60  # seconds; a list outlives its token only until then


def roster_agencies() -> list[str]:
    """Every agency on the roster, in order (a specialist's agency filter)."""
    agencies: list[str] = _choices()["agencies"]
    return agencies


def active_policies() -> list[tuple[str, str]]:
    """(code, name) of each active policy (the policy filter)."""
    return [(code, name) for code, name in _choices()["policies"]]


def _choices() -> dict[str, Any]:
    version = cache.get(VERSION)
    if version is None:
        cache.add(VERSION, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION)
    key = f"desk.filter_choices.{version}"
    choices = cache.get(key) if version is not None else None
    if choices is None:
        choices = {
            "agencies": list(RosterRecord.objects.order_by("agency").values_list("agency", flat=True).distinct()),
            "policies": list(Policy.objects.filter(is_active=True).values_list("code", "name")),
        }
        if version is not None:
            cache.set(key, choices, timeout=KEPT_FOR)
    return choices


def choices_changed(**_kwargs: Any) -> None:
    cache.set(VERSION, secrets.token_hex(8), timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION, secrets.token_hex(8), timeout=None))


def connect() -> None:
    """Called once the apps are loaded (desk.apps), in every process that may change the roster or the policies."""
    for model in (RosterRecord, Policy):
        post_save.connect(choices_changed, sender=model, dispatch_uid=f"desk-choices-saved-{model.__name__}")
        post_delete.connect(choices_changed, sender=model, dispatch_uid=f"desk-choices-deleted-{model.__name__}")
    roster_imported.connect(choices_changed, dispatch_uid="desk-choices-roster-imported")
