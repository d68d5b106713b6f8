"""The password rules. Which set applies is the PASSWORD_PROFILE setting (see docs/adr/0002-password-rules.md).

- "spec": the portal guide's rule, 8 to 16 characters with an uppercase letter, a number and a
  special character;
- "modern": 15 to 64 characters and no composition rules.

Both refuse common passwords and passwords that contain the username. The same rule list drives the
checklist shown beside the field while the user types and the errors shown on submit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MIN_USERNAME_LENGTH_CHECKED = 3


@dataclass(frozen=True)
class PasswordRule:
    name: str
    description: str | Promise
    is_met: Callable[[str, str], bool]  # (password, username) -> met


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def _length_between(low: int, high: int) -> Callable[[str, str], bool]:
    return lambda password, _username: low <= len(password) <= high


def _has_uppercase(password: str, _username: str) -> bool:
    return any(ch.isupper() for ch in password)


def _has_number(password: str, _username: str) -> bool:
    return any(ch.isdigit() for ch in password)


def _has_special(password: str, _username: str) -> bool:
    return any(not ch.isalnum() and not ch.isspace() for ch in password)


def _not_common(password: str, _username: str) -> bool:
    return bool(password) and password.lower().strip() not in common_passwords()


def _not_containing_username(password: str, username: str) -> bool:
    name = username.strip().casefold()
    if len(name) < MIN_USERNAME_LENGTH_CHECKED:
        return True
    return name not in password.casefold()


NOT_COMMON = PasswordRule("not-common", _("Is not a commonly used password"), _not_common)
NOT_USERNAME = PasswordRule("not-username", _("Does not contain your username"), _not_containing_username)

PROFILES: dict[str, tuple[PasswordRule, ...]] = {
    "spec": (
        PasswordRule("length", _("Between 8 and 16 characters"), _length_between(8, 16)),
        PasswordRule("uppercase", _("An uppercase letter"), _has_uppercase),
        PasswordRule("number", _("A number"), _has_number),
        PasswordRule("special", _("A special character (for example ! # $ or %)"), _has_special),
        NOT_COMMON,
        NOT_USERNAME,
    ),
    "modern": (
        PasswordRule("length", _("Between 15 and 64 characters"), _length_between(15, 64)),
        NOT_COMMON,
        NOT_USERNAME,
    ),
}


def rules(profile: str | None = None) -> tuple[PasswordRule, ...]:
    return PROFILES[profile or settings.PASSWORD_PROFILE]


def checklist(password: str, username: str, profile: str | None = None) -> list[tuple[PasswordRule, bool]]:
    """Every rule of the profile with whether this password meets it."""
    return [(rule, rule.is_met(password, username)) for rule in rules(profile)]


def unmet_rules(password: str, username: str, profile: str | None = None) -> list[PasswordRule]:
    return [rule for rule, met in checklist(password, username, profile) if not met]


class ProfilePasswordValidator:
    """The same rules for Django's password validation (admin, `changepassword`)."""

    def validate(self, password: str, user: object = None) -> None:
        username = str(getattr(user, "username", "") or "")
        problems: Sequence[PasswordRule] = unmet_rules(password, username)
        if problems:
            needs = "; ".join(str(rule.description) for rule in problems)
            raise ValidationError(_("Your password needs: %(rules)s.") % {"rules": needs}, code="password_rules")

    def get_help_text(self) -> str:
        return ", ".join(str(rule.description) for rule in rules())
