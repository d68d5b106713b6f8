"""A letter's template rendered to PDF bytes: templates/letters/<kind>.html, through WeasyPrint (docs/adr/0010).

The HTML is the project's Django template (autoescaped: an employee's name is text, never markup); WeasyPrint
lays it out with Pango and the system's fonts (DejaVu Sans, installed with Pango: `make pango`). A letter loads
nothing: its styles are in the page, and the fetcher refuses every URL, so rendering never reaches the network
or the disk whatever a template or a value holds.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string


def letter_html(kind: str, context: dict[str, Any]) -> str:
    return render_to_string(f"letters/{kind}.html", context)


def _html(html: str) -> Any:
    # Imported here: WeasyPrint loads Pango and its fonts, which only the processes that write letters need.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher, URLFetchingError  # noqa: PLC0415

    class NothingFetched(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> object:
            raise URLFetchingError(f"a letter loads nothing ({url[:60]})")

    return HTML(string=html, url_fetcher=NothingFetched())


def html_to_pdf(html: str) -> bytes:
    pdf: bytes = _html(html).write_pdf()
    return pdf


def render_letter(kind: str, context: dict[str, Any]) -> bytes:
    """The letter of this kind as PDF bytes."""
    return html_to_pdf(letter_html(kind, context))


def render_letters(letters: list[tuple[str, dict[str, Any]]]) -> bytes:
    """Several letters as one PDF, each laid out on its own (its own page numbers and footer), one after another."""
    documents = [_html(letter_html(kind, context)).render() for kind, context in letters]
    pages = [page for document in documents for page in document.pages]
    pdf: bytes = documents[0].copy(pages).write_pdf()
    return pdf
