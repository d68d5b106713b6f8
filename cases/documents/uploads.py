"""Bounding a document upload before it is read into memory or onto disk, and refusing files elsewhere.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds the other fields of every post; DocumentSizeLimit is
installed only by the document upload view, ahead of Django's own handlers. FileUploadGateMiddleware
refuses a multipart body, unread, on every view not marked `accepts_file_uploads`, and from anyone
signed out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseForbidden, QueryDict
from django.utils.datastructures import MultiValueDict

from cases.documents.checks import MAX_DOCUMENT_BYTES

# Room in the request for the multipart boundaries, headers and the CSRF token beside the file.
FORM_OVERHEAD_BYTES = 64 * 1024


class DocumentSizeLimit(FileUploadHandler):
    """Refuse a request bigger than one document: unread when its length says so, else as soon as the file
    passes the limit. `too_large` tells the view to answer with the size message."""

    def __init__(self, request: HttpRequest | None = None, max_bytes: int = MAX_DOCUMENT_BYTES) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],  # noqa: N803 (Django's name)
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        if content_length > self.max_bytes + FORM_OVERHEAD_BYTES:
            self.too_large = True
            # Answering with empty data stops Django's parser before it reads a byte of the body.
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.max_bytes:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the uploaded file


# --- Only upload views take files ---------------------------------------------------------------------------------
ViewFunction = TypeVar("ViewFunction", bound=Callable[..., HttpResponseBase])


def accepts_file_uploads(view: ViewFunction) -> ViewFunction:
    """Mark a view as one that takes a multipart body (a file), from a signed-in person only.

    The view must bound the body itself (DocumentSizeLimit) and check the owner before reading it.
    """
    view.accepts_file_uploads = True  # type: ignore[attr-defined]
    return view


class FileNotAccepted(SuspiciousOperation):
    """A file part in a post to a view that takes no files (answered 400 and logged as a security event)."""


class NoFilesAccepted(FileUploadHandler):
    """The only upload handler of a view that takes no files: the first file part stops the request, before
    a byte of it is kept in memory or on disk. (Browsers send such forms urlencoded; tests and scripts may
    send them multipart, which stays allowed as long as it carries no file.)"""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        raise FileNotAccepted("a file was posted to a view that takes no files")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        raise FileNotAccepted("a file was posted to a view that takes no files")

    def file_complete(self, file_size: int) -> None:
        return None


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class FileUploadGateMiddleware:
    """Only upload views take files, and only from a signed-in person; elsewhere a file is refused at once.

    Django's multipart parser writes a file part bigger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file,
    whatever the view: the sign-in page, reached before any authentication, spooled a 300 MB body to disk.
    For a multipart post to any other view, a body longer than a form's fields may be is refused unread
    (413), and the parser is given one handler that refuses the first file part (400). A signed-out post to
    an upload view is refused unread (403). Listed before CsrfViewMiddleware, the first to read a posted form.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.content_type != "multipart/form-data":
            return None
        if getattr(view_func, "accepts_file_uploads", False):
            if not request.user.is_authenticated:
                return HttpResponseForbidden("Sign in to upload a file.", content_type="text/plain")
            return None
        if _declared_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE + FORM_OVERHEAD_BYTES:
            return HttpResponse("This address does not take files.", status=413, content_type="text/plain")
        request.upload_handlers = [NoFilesAccepted(request)]
        return None
