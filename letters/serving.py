"""Serving a letter's PDF: to its owner (fetch-and-authorize, 404 for anyone else) and to the desk, which
authorizes the case itself. Always through the app, never a public URL; never cached."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse

from accounts.models import User
from cases.models import Case
from letters.issuing import letter_file_name, open_letter_file
from letters.models import Letter


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
    """The PDF as it was sent: opened in the browser, or (as_attachment) downloaded."""
    response = FileResponse(
        open_letter_file(letter),
        as_attachment=as_attachment,
        filename=letter_file_name(letter),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = SANDBOX
    return response
