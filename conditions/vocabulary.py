"""The reason vocabulary: general reasons first, then the billable ICD-10-CM conditions.

A `Reason` is what the employee chose and what a case keeps: a label, an ICD-10-CM code for a condition
(None for a general reason or text the employee typed), and its kind. `Reason.value` is how a chosen reason
travels through a form (`label`, or `code|label` for a condition); `reason_from_value` reads it back, trusting
only the code of a condition (its label is looked up again, so a posted label cannot be altered).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Literal

from absence.limits import MAX_REASON_LENGTH
from conditions.general_reasons import GENERAL_REASONS

ReasonKind = Literal["general", "condition"]

WORD = re.compile(r"[a-z0-9]+")
APOSTROPHES = re.compile(r"['\u2019\u02bc]")
# C0 and C1 control characters (a NUL byte, an escape…): nothing a person types into a reason.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Reason:
    label: str
    code: str | None = None
    kind: ReasonKind = "general"

    @property
    def value(self) -> str:
        """The form value: the label of a general reason, `code|label` for a condition."""
        return f"{self.code}|{self.label}" if self.code else self.label

    @property
    def key(self) -> str:
        """What makes two reasons the same: the code of a condition, the folded label otherwise."""
        return self.code if self.code else " ".join(words(self.label)) or self.label.casefold()


def fold(text: str) -> str:
    """Lower-case, accent-free text without apostrophes: 'Ménière's' and 'MENIERES' fold alike."""
    if text.isascii():  # nearly every ICD-10-CM description: skip the Unicode work
        return text.lower().replace("'", "")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return APOSTROPHES.sub("", stripped.casefold())


def words(text: str) -> list[str]:
    """The folded words of a text, in order; punctuation separates words ('COVID-19' is 'covid', '19')."""
    return WORD.findall(fold(text))


def general_reasons() -> Iterator[tuple[Reason, str]]:
    """Each general reason with the keywords that also find it."""
    for label, keywords in GENERAL_REASONS:
        yield Reason(label=label, code=None, kind="general"), keywords


def fitted(description: str) -> str:
    """A description cut at a word to MAX_REASON_LENGTH, with an ellipsis: a case keeps at most 200 characters,
    and 13 ICD-10-CM descriptions (intracranial injuries, up to 228) are longer. The code stays exact."""
    if len(description) <= MAX_REASON_LENGTH:
        return description
    return description[: MAX_REASON_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"


@cache
def icd_release() -> ModuleType:
    """The `simple_icd_10_cm` package, imported on first use: importing it parses its XML data (1-2 s),
    which no process should pay at start-up, nor any test that never searches."""
    with warnings.catch_warnings():
        # It reads its data through importlib.resources calls that Python 3.11 deprecates; nothing to act on.
        warnings.simplefilter("ignore", DeprecationWarning)
        return importlib.import_module("simple_icd_10_cm")


def icd_conditions() -> Iterator[Reason]:
    """Every billable (leaf) ICD-10-CM code of the installed release, with its description, in code order."""
    icd = icd_release()
    for code in icd.get_all_codes(with_dots=True):
        if icd.is_leaf(code):
            yield Reason(label=fitted(icd.get_description(code)), code=code, kind="condition")


@cache
def _general_by_key() -> dict[str, Reason]:
    return {reason.key: reason for reason, _ in general_reasons()}


def condition_for_code(code: str) -> Reason | None:
    """The condition for a billable ICD-10-CM code typed with or without its dot, any case; None otherwise."""
    icd = icd_release()
    candidate = code.strip().upper()
    if not candidate or not icd.is_valid_item(candidate) or not icd.is_leaf(candidate):
        return None
    dotted = icd.add_dot(icd.remove_dot(candidate))
    return Reason(label=fitted(icd.get_description(dotted)), code=dotted, kind="condition")


def reason_from_value(value: str) -> Reason | None:
    """Read a posted reason back: a condition by its code, a general reason by its label, else typed text.

    Returns None for a blank value. Typed text keeps the employee's words (spaces tidied, control characters
    such as a NUL byte taken out: no database stores them) as a general reason.
    """
    text = " ".join(CONTROL_CHARACTERS.sub(" ", value).split())
    if not text:
        return None
    code, separator, _label = text.partition("|")
    if separator:
        condition = condition_for_code(code)
        if condition is not None:
            return condition
    typed = Reason(label=text, code=None, kind="general")
    return _general_by_key().get(typed.key, typed)
