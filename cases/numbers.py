"""Case numbers: ten random digits, so one case number tells nothing about another."""

from __future__ import annotations

import secrets

from django.db.models import Model


def new_case_number(model: type[Model], attempts: int = 20) -> str:
    """A 10-digit number (no leading zero) not yet used by `model.case_number`."""
    for _ in range(attempts):
        number = str(secrets.randbelow(9_000_000_000) + 1_000_000_000)
        if not model._default_manager.filter(case_number=number).exists():
            return number
    raise RuntimeError("could not find a free case number")  # 20 collisions in 9 billion: something is wrong
