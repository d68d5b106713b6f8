"""Bounding the size of a document upload before it is read into memory or onto disk.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds the other fields of every post and stays as it is; this
handler is installed only by the document upload view, ahead of Django's own handlers.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, QueryDict
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
