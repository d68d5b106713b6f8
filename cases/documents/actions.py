"""The one way a document joins a case: `add_document`."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.documents.checks import check_document
from cases.documents.storage import delete_document_file, display_file_name, save_document_file
from cases.events import record_event
from cases.models import Case, CaseEventKind, Document


def _read_all(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def add_document(case: Case, uploaded_by: User, document_type: str, upload: UploadedFile) -> Document:
    """Check an upload, store it under a generated name, record it on the case and tell the desk.

    Raises DocumentRefused (with the employee-facing reason) when the file may not be kept.
    """
    file_name = display_file_name(upload.name or "")
    checked = check_document(file_name, upload.size or 0, lambda: _read_all(upload))
    sha256 = _sha256(upload)
    stored_name = save_document_file(upload, checked.extension)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                case=case,
                document_type=document_type,
                file_name=file_name,
                stored_name=stored_name,
                content_type=checked.content_type,
                size=upload.size or 0,
                sha256=sha256,
                uploaded_by=uploaded_by,
                uploaded_at=timezone.now(),
            )
            Case.objects.filter(pk=case.pk).update(has_new_documents=True)
            label = document.get_document_type_display()
            record_event(case, CaseEventKind.DOCUMENT_UPLOADED, f"{label}: {file_name}", actor=uploaded_by)
    except Exception:
        delete_document_file(stored_name)
        raise
    case.has_new_documents = True
    return document
