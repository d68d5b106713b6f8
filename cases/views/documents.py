"""Add Document → Choose document type → Upload Document, and the owner's download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from cases.access import get_case_for_employee, get_document_for_employee
from cases.documents.actions import add_document
from cases.documents.checks import EXTENSIONS, DocumentRefused
from cases.documents.storage import download_file_name, open_document_file
from cases.documents.uploads import DocumentSizeLimit, accepts_file_uploads
from cases.forms import DocumentUploadForm
from cases.models import Case, DocumentContentType, DocumentType


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 (LoginRequiredMiddleware signed them in)
    return request.user


def _document_type(value: str) -> DocumentType:
    try:
        return DocumentType(value)
    except ValueError:
        raise Http404 from None


@require_GET
def choose_document_type(request: HttpRequest, case_number: str) -> HttpResponse:
    case = get_case_for_employee(_user(request), case_number)
    return render(request, "cases/document_type.html", {"case": case, "document_types": list(DocumentType)})


def _upload_page(
    request: HttpRequest, case: Case, document_type: DocumentType, form: DocumentUploadForm, status: int = 200
) -> HttpResponse:
    context = {"case": case, "document_type": document_type, "form": form}
    return render(request, "cases/document_upload.html", context, status=status)


@accepts_file_uploads
@csrf_exempt  # the size limit must be installed before anything reads the body; CSRF is checked just below
@require_http_methods(["GET", "POST"])
def upload_document(request: HttpRequest, case_number: str, document_type: str) -> HttpResponse:
    limit = DocumentSizeLimit(request)
    request.upload_handlers.insert(0, limit)
    case = get_case_for_employee(_user(request), case_number)
    kind = _document_type(document_type)
    if _stopped_by_size_limit(request, limit):
        # Nothing is stored or changed, so this answer needs no CSRF check (the token may lie in the unread part).
        return _upload_page(request, case, kind, DocumentUploadForm.refused_as_too_large(), status=413)
    return _checked_upload(request, case, kind)


def _stopped_by_size_limit(request: HttpRequest, limit: DocumentSizeLimit) -> bool:
    """Parse a posted body now, through the size limit, and say whether the limit stopped it."""
    if request.method != "POST":
        return False
    request.FILES  # noqa: B018 (reading it runs Django's multipart parser)
    return limit.too_large


@csrf_protect
def _checked_upload(request: HttpRequest, case: Case, kind: DocumentType) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, case, kind, DocumentUploadForm())
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = add_document(case, _user(request), kind, form.cleaned_data["file"])
        except DocumentRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            messages.success(request, _("%(name)s was uploaded.") % {"name": document.file_name})
            return redirect("cases:detail", case_number=case.case_number)
    return _upload_page(request, case, kind, form)


@require_GET
def download_document(request: HttpRequest, case_number: str, document_id: int) -> FileResponse:
    """The owner's copy of an uploaded document: always an attachment, never rendered by the browser."""
    document = get_document_for_employee(_user(request), case_number, document_id)
    kind = DocumentContentType(document.content_type)
    response = FileResponse(
        open_document_file(document.stored_name),
        as_attachment=True,
        filename=download_file_name(document.file_name, EXTENSIONS[kind][0]),
        content_type=kind.value,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
