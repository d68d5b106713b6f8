"""Case numbers: ten random digits, so one case number tells nothing about another."""

from __future__ import annotations

import secrets


def random_case_number() -> str:
    """A 10-digit number (no leading zero), not checked against the cases: the case's insert is refused by the
    unique constraint in the rare event it is taken (1 in 9 billion per case on the books), and the submit tries
    again with a new one (cases.submission). Checking first cost a query on every submit to save one in billions."""
    return str(secrets.randbelow(9_000_000_000) + 1_000_000_000)
