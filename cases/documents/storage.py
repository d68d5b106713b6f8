"""Keeping document files: generated names in Django's default storage (local disk outside every
public folder by default, S3 by setting), and the safe name a download is offered under."""

from __future__ import annotations

import re
import unicodedata
import uuid
from pathlib import PurePosixPath

from django.core.files import File
from django.core.files.storage import default_storage

from cases.documents.checks import extension_of

FOLDER = "case-documents"
UNSAFE_CHARACTERS = re.compile(r"[^A-Za-z0-9._-]+")


def save_document_file(content: File, extension: str) -> str:
    """Store the file under a fresh random name; return the name the storage kept."""
    name = f"{FOLDER}/{uuid.uuid4().hex}{extension}"
    return default_storage.save(name, content)


def open_document_file(stored_name: str) -> File:
    return default_storage.open(stored_name, "rb")


def delete_document_file(stored_name: str) -> None:
    """Remove a stored file whose database row was never written (a failed upload)."""
    default_storage.delete(stored_name)


def display_file_name(file_name: str) -> str:
    """The employee's file name without any folder a browser may have sent, at most 255 characters."""
    base = PurePosixPath(file_name.replace("\\", "/")).name.strip() or "document"
    return base[-255:]


def download_file_name(file_name: str, extension: str) -> str:
    """An ASCII-only file name for Content-Disposition that always ends in the file's real extension.

    Accents are folded ("Résumé" → "Resume"), anything else outside letters, digits, dot, dash and
    underscore becomes "_", and the name is kept short.
    """
    stem = PurePosixPath(display_file_name(file_name)).stem
    if extension_of(display_file_name(file_name)) != extension:
        stem = display_file_name(file_name)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    safe_stem = UNSAFE_CHARACTERS.sub("_", ascii_stem).strip("._-")[:80] or "document"
    return f"{safe_stem}{extension}"
