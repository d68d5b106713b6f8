"""Accounts: a person who signs in. An employee's account is tied to one roster record."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    roster_record = models.OneToOneField(
        "roster.RosterRecord",
        verbose_name=_("roster record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
    )

    class Meta(AbstractUser.Meta):
        constraints = [models.UniqueConstraint(Lower("username"), name="username_unique_ignoring_case")]
