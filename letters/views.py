"""The employee's letters ("My Letters" on the case page lists them): one PDF, the owner's only."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from letters.serving import get_letter_for_employee, letter_response


@require_GET
def letter(request: HttpRequest, case_number: str, letter_id: int) -> FileResponse:
    """The letter opened in the browser or, with ?download=1, downloaded."""
    found = get_letter_for_employee(request.user, case_number, letter_id)
    return letter_response(found, as_attachment=request.GET.get("download") == "1")
