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
    TIME_ENTRIES = "time-entries"
    LETTERS = "letters"
    CALLS = "calls"
    HISTORY = "history"


@dataclass(frozen=True)
class PageSection:
    """A section as the page names it: its heading carries the number of things in it ("Documents (3)")."""

    anchor: CaseSection
    title: str
    count: int

    @property
    def heading(self) -> str:
        return _("%(title)s (%(count)s)") % {"title": self.title, "count": self.count}


def page_sections(
    *, decisions: int, documents: int, time_entries: int, letters: int, calls: int, history: int
) -> dict[str, PageSection]:
    """The counted sections by name, in page order: the decision form, then the ones the contents list."""
    return {
        "decisions": PageSection(CaseSection.DECISIONS, _("Policy decisions"), decisions),
        "documents": PageSection(CaseSection.DOCUMENTS, _("Documents"), documents),
        "time_entries": PageSection(CaseSection.TIME_ENTRIES, _("Time entries"), time_entries),
        "letters": PageSection(CaseSection.LETTERS, _("Letters"), letters),
        "calls": PageSection(CaseSection.CALLS, _("Calls"), calls),
        "history": PageSection(CaseSection.HISTORY, _("History"), history),
    }


def contents(sections: dict[str, PageSection]) -> list[PageSection]:
    """The page's short table of contents: the sections below the decision form."""
    return [section for name, section in sections.items() if name != "decisions"]


def placed(section: CaseSection) -> str:
    """The extra tags of a message to be shown inside `section` rather than at the top of the page."""
    return f"{PLACED} section-{section.value}"


def placed_in(messages: Iterable[Message], section: str) -> list[Message]:
    """The messages placed in the section with this anchor."""
    tag = f"section-{section}"
    return [message for message in messages if tag in (message.extra_tags or "").split()]
