"""Serving a letter's PDF: to its owner (fetch-and-authorize, 404 for anyone else) and to the desk, which
authorizes the case itself. Always through the app, never a public URL; never cached.

A letter opened before its PDF was rendered (it is rendered after its cause's commit) is rendered then, from what
its cause stored; should that fail (the renderer broken, the storage away), the reader gets a short "being
prepared" page (503, Retry-After) and the letter's own render retries in the background: never a 500.
"""

from __future__ import annotations

import io
import logging

from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string

from accounts.models import User
from cases.models import Case
from letters.issuing import letter_file_name, open_letter_file
from letters.models import Letter

logger = logging.getLogger(__name__)
# When to try again, a render failed (seconds): the sweep renders the letter within about a minute.
RETRY_AFTER = 60


def get_letter_for_employee(user: object, case_number: str, letter_id: int) -> Letter:
    """A letter on the signed-in employee's own case, or 404 (another employee, a supervisor, anyone)."""
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404
    found = (
        Letter.objects.select_related("case")
        .filter(pk=letter_id, case__case_number=case_number, case__employee=user)
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_letter_of_case(case: Case, letter_id: int) -> Letter:
    """A letter of a case its caller has already authorized (the desk's get_case_for_desk), or 404."""
    found = case.letters.select_related("case").filter(pk=letter_id).first()
    if found is None:
        raise Http404
    return found


# A letter opened inline runs nothing: the sandbox forbids scripts, forms and plugins.
SANDBOX = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'"


def preview_response(pdf: bytes, case_number: str) -> HttpResponse:
    """A preview of letters not sent yet, opened in the browser: never cached, never stored."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="Letter-preview-{case_number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = SANDBOX
    return response


def letter_response(letter: Letter, *, as_attachment: bool) -> FileResponse:
    """The PDF as it was sent: opened in the browser, or (as_attachment) downloaded; the "being prepared" page
    while its PDF cannot be rendered."""
    try:
        stored = open_letter_file(letter)
    except Exception:
        logger.exception("Letter %s could not be rendered when opened", letter.pk)
        return being_prepared_response(letter)
    response = FileResponse(
        stored,
        as_attachment=as_attachment,
        filename=letter_file_name(letter),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = SANDBOX
    return response


def being_prepared_response(letter: Letter) -> FileResponse:
    """A short page saying the letter is being prepared (its subject, to a reader already authorized), never cached."""
    page = render_to_string("letters/being_prepared.html", {"letter": letter, "retry_after": RETRY_AFTER})
    response = FileResponse(io.BytesIO(page.encode()), content_type="text/html; charset=utf-8", status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
