"""The desk case page's sections: their anchors, their headings with counts, and the messages shown in them.

A form on the case page acts on one section; after a save the page comes back at that section's anchor
(post/redirect/get to `/desk/cases/<number>/#calls`) with its message shown inside the section, not at the top
of the page, so the specialist keeps their place. A message is placed by its extra tags: the shared message
list (templates/includes/messages.html) leaves out every message tagged PLACED, and the section shows those
tagged with its own anchor (`placed_in`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.messages.storage.base import Message
from django.utils.translation import gettext as _

PLACED = "placed-in-section"


class CaseSection(StrEnum):
    """A section of the case page; its value is the section's anchor (the id of its heading)."""

    DECISIONS = "decisions"
    RETURN_TO_WORK = "return-to-work"
    DOCUMENTS = "documents"
    CERTIFICATION = "certification"
    TIME_ENTRIES = "time-entries"
    LETTERS = "letters"
    CALLS = "calls"
    INTERNAL_NOTES = "internal-notes"
    HISTORY = "history"


@dataclass(frozen=True)
class PageSection:
    """A section as the page names it: its heading carries the number of things in it ("Documents (3)"), except
    the return to work, which is one plan rather than a list (count None)."""

    anchor: CaseSection
    title: str
    count: int | None

    @property
    def heading(self) -> str:
        if self.count is None:
            return self.title
        return _("%(title)s (%(count)s)") % {"title": self.title, "count": self.count}


@dataclass(frozen=True)
class SectionCounts:
    """The number of things in each section of the case page; `return_to_work` says whether that section is shown
    (only for a continuous leave with approved time, cases.returns)."""

    decisions: int
    documents: int
    certifications: int
    time_entries: int
    letters: int
    calls: int
    internal_notes: int
    history: int
    return_to_work: bool = False


def page_sections(counts: SectionCounts) -> dict[str, PageSection]:
    """The sections shown, by name, in page order: the decision form, then every one the contents list."""
    sections = {"decisions": PageSection(CaseSection.DECISIONS, _("Policy decisions"), counts.decisions)}
    if counts.return_to_work:
        sections["return_to_work"] = PageSection(CaseSection.RETURN_TO_WORK, _("Return to work"), None)
    sections |= {
        "documents": PageSection(CaseSection.DOCUMENTS, _("Documents"), counts.documents),
        "certification": PageSection(CaseSection.CERTIFICATION, _("Certification"), counts.certifications),
        "time_entries": PageSection(CaseSection.TIME_ENTRIES, _("Time entries"), counts.time_entries),
        "letters": PageSection(CaseSection.LETTERS, _("Letters"), counts.letters),
        "calls": PageSection(CaseSection.CALLS, _("Calls"), counts.calls),
        "internal_notes": PageSection(CaseSection.INTERNAL_NOTES, _("Internal notes"), counts.internal_notes),
        "history": PageSection(CaseSection.HISTORY, _("History"), counts.history),
    }
    return sections


def contents(sections: dict[str, PageSection]) -> list[PageSection]:
    """The page's short table of contents: every section below the decision form, each with its count."""
    return [section for name, section in sections.items() if name != "decisions"]


def placed(section: CaseSection) -> str:
    """The extra tags of a message to be shown inside `section` rather than at the top of the page."""
    return f"{PLACED} section-{section.value}"


def placed_in(messages: Iterable[Message], section: str) -> list[Message]:
    """The messages placed in the section with this anchor."""
    tag = f"section-{section}"
    return [message for message in messages if tag in (message.extra_tags or "").split()]
