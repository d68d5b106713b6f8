"""The password rules. Which set applies is the PASSWORD_PROFILE setting (see docs/adr/0002-password-rules.md).

- "spec": the portal guide's rule, 8 to 16 characters with an uppercase letter, a number and a
  special character;
- "modern": 15 to 64 characters (NIST SP 800-63B's maximum of at least 64) and no composition rules.

Both refuse a password that is easy to guess and one that contains the person's name, username or birthdate.
The same rule list drives the checklist shown beside the field while the user types and the errors shown on submit.

"Easy to guess" (`hard_to_guess`) is decided with zxcvbn (its lists of common passwords, English words, names and
surnames, with leetspeak, reversed words, dates, years, sequences, repeats and keyboard rows) and Django's list of
20,000 common passwords. A password is refused when either list has it, when it is one common word or name with
only numbers and symbols added ("Summer2024!"), or when zxcvbn estimates fewer than `GUESSES_NEEDED` guesses.
The person is told which of these it is, in plain words, never a score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from zxcvbn import matching, scoring

if TYPE_CHECKING:
    from accounts.models import User
    from roster.models import RosterRecord

MIN_NAME_LENGTH_CHECKED = 3
# zxcvbn's "safely unguessable" (its score 3): with Argon2 hashes, sign-in limits and a second factor always asked
# for, out of reach of online guessing and costly offline. The word-plus-decoration rule below catches what it misses.
GUESSES_NEEDED = 10**8
# zxcvbn's matching grows with the square of the length; beyond its own limit only the first characters are judged.
ZXCVBN_MAX_LENGTH = 72
# zxcvbn's own lists, never changed here: `zxcvbn()` itself writes the user inputs into this module-wide dictionary,
# which two requests at once would share, so it is not called; the names are matched against a dictionary of their own.
DICTIONARIES = {name: words for name, words in matching.RANKED_DICTIONARIES.items() if name != "user_inputs"}
NAME_LISTS = frozenset({"female_names", "male_names", "surnames"})
YEAR = re.compile(r"(?:19|20)\d\d")

# (low, high) characters for each profile.
LENGTHS: dict[str, tuple[int, int]] = {"spec": (8, 16), "modern": (15, 64)}


@dataclass(frozen=True)
class PasswordOwner:
    """Whom a password is for: what it must not contain."""

    username: str = ""
    first_name: str = ""
    last_name: str = ""
    birth_date: date | None = None

    def names(self) -> Iterator[tuple[str, str]]:
        """(what, word) for each name of 3 letters or more: the username, and each part of the first and last name."""
        if len(self.username.strip()) >= MIN_NAME_LENGTH_CHECKED:
            yield "username", self.username.strip().casefold()
        for what, name in (("first name", self.first_name), ("last name", self.last_name)):
            parts = {name.strip(), *re.split(r"[^\w]+|_", name)}  # "Santos-Lopez", "Mary Ann", "O'Brien"
            for part in sorted(parts, key=len, reverse=True):
                if len(part) >= MIN_NAME_LENGTH_CHECKED:
                    yield what, part.casefold()


def owner_of(person: User | RosterRecord | None, username: str = "") -> PasswordOwner:
    """The owner of a password set for a signed-in user (their roster record's name and birthdate when they have
    one) or for a roster record being registered (with the username chosen)."""
    if person is None:
        return PasswordOwner(username=username)
    record: Any = getattr(person, "roster_record", None) or person
    return PasswordOwner(
        username=username or str(getattr(person, "username", "") or ""),
        first_name=str(getattr(record, "first_name", "") or getattr(person, "first_name", "") or ""),
        last_name=str(getattr(record, "last_name", "") or getattr(person, "last_name", "") or ""),
        birth_date=getattr(record, "birth_date", None),
    )


def as_owner(owner: PasswordOwner | str) -> PasswordOwner:
    return owner if isinstance(owner, PasswordOwner) else PasswordOwner(username=owner)


# A rule's check returns None when the password meets it, or why not: a sentence, or "" when the rule's own
# description says it all.
Check = Callable[[str, PasswordOwner], str | None]


@dataclass(frozen=True)
class PasswordRule:
    name: str
    description: str | Promise
    check: Check

    def is_met(self, password: str, owner: PasswordOwner | str = "") -> bool:
        return self.check(password, as_owner(owner)) is None


class RuleCheck(NamedTuple):
    rule: PasswordRule
    met: bool | None  # None: nothing typed yet
    why: str = ""  # for an unmet rule, the plain reason when there is more to say than the description


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def _length_between(low: int, high: int) -> Check:
    return lambda password, _owner: None if low <= len(password) <= high else ""


def _has_uppercase(password: str, _owner: PasswordOwner) -> str | None:
    return None if any(ch.isupper() for ch in password) else ""


def _has_number(password: str, _owner: PasswordOwner) -> str | None:
    return None if any(ch.isdigit() for ch in password) else ""


def _has_special(password: str, _owner: PasswordOwner) -> str | None:
    return None if any(not ch.isalnum() and not ch.isspace() for ch in password) else ""


def _zxcvbn_sequence(password: str) -> tuple[float, list[dict[str, Any]]]:
    """zxcvbn's estimate: (guesses, the parts it sees), for the weaker of the password as typed and in lower case
    (zxcvbn misses a run after a capital, "Abcdefgh1!", and a capital adds little).

    The person's own names are not among its dictionaries here: `NOTHING_PERSONAL` looks for them (with zxcvbn's
    matchers), so a password with a name in it gets that one reason, not two."""
    readings = dict.fromkeys((password, password.lower()))
    results = [scoring.most_guessable_match_sequence(text, matching.omnimatch(text, DICTIONARIES)) for text in readings]
    weakest = min(results, key=lambda result: float(result["guesses"]))
    return float(weakest["guesses"]), list(weakest["sequence"])


def _additions(characters: str) -> str:
    """What was added to a word, in words: "a year and a symbol"."""
    digits = re.sub(r"\D", "", characters)
    parts = []
    year = YEAR.search(digits)
    if year:
        parts.append(_("a year"))
        digits = digits[: year.start()] + digits[year.end() :]
    if digits:
        parts.append(_("a number"))
    if any(not ch.isalnum() and not ch.isspace() for ch in characters):
        parts.append(_("a symbol"))
    return _(" and ").join(parts)


def _too_easy(reason: str) -> str:
    return _("This password is too easy to guess: %(reason)s. %(advice)s") % {
        "reason": reason,
        "advice": _("Try a few unrelated words instead."),
    }


def _weakness(sequence: list[dict[str, Any]]) -> str:
    patterns = {match["pattern"] for match in sequence}
    if "spatial" in patterns:
        return _("it follows keys that sit together on a keyboard, like qwerty")
    if "sequence" in patterns:
        return _("it has letters or numbers in order, like abcd or 1234")
    if "repeat" in patterns:
        return _("it repeats the same letters or numbers")
    if patterns & {"date", "regex"}:
        return _("it is mostly a date or a year")
    if "dictionary" in patterns:
        return _("it is made of common words, names or passwords")
    return _("it is short and simple")


def _hard_to_guess(password: str, _owner: PasswordOwner) -> str | None:
    if not password:
        return ""
    if password.casefold().strip() in common_passwords():
        return _too_easy(_("it is one of the passwords people use most often"))
    text = password[:ZXCVBN_MAX_LENGTH]
    guesses, sequence = _zxcvbn_sequence(text)
    with_letters = [match for match in sequence if any(ch.isalpha() for ch in match["token"])]
    if len(with_letters) == 1 and with_letters[0]["pattern"] == "dictionary":
        word = with_letters[0]
        kind = _("a common name") if word["dictionary_name"] in NAME_LISTS else _("a common word")
        added = _additions("".join(ch for ch in text if not ch.isalpha()))
        if not added:
            return _too_easy(_("it is %(kind)s") % {"kind": kind})
        return _too_easy(_("it is %(kind)s with %(added)s added") % {"kind": kind, "added": added})
    if guesses < GUESSES_NEEDED:
        return _too_easy(_weakness(sequence))
    return None


def _birthdate_forms(born: date) -> set[str]:
    """The digits of a birthdate as people write them, the 4-digit year aside: 042886, 280486, 860428, 42886."""
    yy, mm, dd = f"{born.year % 100:02d}", f"{born.month:02d}", f"{born.day:02d}"
    forms = {mm + dd + yy, dd + mm + yy, yy + mm + dd}
    forms |= {f"{born.month}{born.day}{yy}", f"{born.day}{born.month}{yy}"}
    return {form for form in forms if len(form) >= 5}


def _nothing_personal(password: str, owner: PasswordOwner) -> str | None:
    folded = password.casefold()
    found = next((what for what, word in owner.names() if word in folded), None)
    if found is None and owner.birth_date is not None:
        if str(owner.birth_date.year) in password:
            found = "birth year"
        elif any(form in re.sub(r"\D", "", password) for form in _birthdate_forms(owner.birth_date)):
            found = "birthdate"
    if found is None:
        found = _disguised_name(password[:ZXCVBN_MAX_LENGTH], owner)
    if found is None:
        return None
    what = {
        "username": _("your username"),
        "first name": _("your first name"),
        "last name": _("your last name"),
        "birth year": _("your birth year"),
        "birthdate": _("your birthdate"),
    }[found]
    return _("It contains %(what)s. Leave your name, username and birthdate out of your password.") % {"what": what}


def _disguised_name(password: str, owner: PasswordOwner) -> str | None:
    """A name written backwards or with look-alike characters ("s0tnaS", "M@ria"), as zxcvbn finds them."""
    names = {word: what for what, word in reversed(list(owner.names()))}
    if not names or not password:
        return None
    dictionaries = {"user_inputs": matching.build_ranked_dict(list(names))}
    for matcher in (matching.reverse_dictionary_match, matching.l33t_match):
        for match in matcher(password, _ranked_dictionaries=dictionaries):
            return names[match["matched_word"]]
    return None


HARD_TO_GUESS = PasswordRule(
    "hard-to-guess",
    gettext_lazy("Hard to guess: not a common password, or a common word or name with numbers or symbols added"),
    _hard_to_guess,
)
NOTHING_PERSONAL = PasswordRule(
    "not-personal", gettext_lazy("Does not contain your name, username or birthdate"), _nothing_personal
)


def _length_rule(profile: str) -> PasswordRule:
    low, high = LENGTHS[profile]
    describe = lazy(lambda: _("Between %(low)d and %(high)d characters") % {"low": low, "high": high}, str)
    return PasswordRule("length", describe(), _length_between(low, high))


PROFILES: dict[str, tuple[PasswordRule, ...]] = {
    "spec": (
        _length_rule("spec"),
        PasswordRule("uppercase", gettext_lazy("An uppercase letter"), _has_uppercase),
        PasswordRule("number", gettext_lazy("A number"), _has_number),
        PasswordRule("special", gettext_lazy("A special character (for example ! # $ or %)"), _has_special),
        HARD_TO_GUESS,
        NOTHING_PERSONAL,
    ),
    "modern": (
        _length_rule("modern"),
        HARD_TO_GUESS,
        NOTHING_PERSONAL,
    ),
}


def profile_name(profile: str | None = None) -> str:
    return profile or str(settings.PASSWORD_PROFILE)


def rules(profile: str | None = None) -> tuple[PasswordRule, ...]:
    return PROFILES[profile_name(profile)]


def checklist(password: str, owner: PasswordOwner | str = "", profile: str | None = None) -> list[RuleCheck]:
    """Every rule of the profile with whether this password meets it, and why not."""
    results = []
    for rule in rules(profile):
        why = rule.check(password, as_owner(owner))
        results.append(RuleCheck(rule, why is None, why or ""))
    return results


def unmet_rules(password: str, owner: PasswordOwner | str = "", profile: str | None = None) -> list[PasswordRule]:
    return [result.rule for result in checklist(password, owner, profile) if not result.met]


def with_username(owner: PasswordOwner, username: str) -> PasswordOwner:
    return replace(owner, username=username)


class ProfilePasswordValidator:
    """The same rules for Django's password validation (admin, `changepassword`)."""

    def validate(self, password: str, user: User | None = None) -> None:
        problems = [result for result in checklist(password, owner_of(user)) if not result.met]
        if problems:
            needs = "; ".join(result.why or str(result.rule.description) for result in problems)
            raise ValidationError(
                gettext_lazy("Your password needs: %(rules)s.") % {"rules": needs}, code="password_rules"
            )

    def get_help_text(self) -> str:
        return ", ".join(str(rule.description) for rule in rules())
