"""Why a case exists: the leave reasons of the user guide, in the words the claims history shows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseReason(models.TextChoices):
    EMPLOYEE_HEALTH = "employee_health", _("Employee Health Condition")
    FAMILY_HEALTH = "family_health", _("Family Health Condition")
    PREGNANCY = "pregnancy", _("Pregnancy")
    BONDING = "bonding", _("Bonding with a Child")
    MILITARY_CAREGIVER = "military_caregiver", _("Military Caregiver")  # 29 CFR 825.127
    QUALIFYING_EXIGENCY = "qualifying_exigency", _("Qualifying Exigency")  # 29 CFR 825.126
    EMPLOYEE_SICK = "employee_sick", _("Employee Sick")
    FAMILY_SICK = "family_sick", _("Family Sick")
