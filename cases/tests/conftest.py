"""Fixtures for the case pages' tests: a private document store and small sample files."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from cases.tests.pdf_samples import clean_pdf


def picture(image_format: str, mode: str = "RGB") -> bytes:
    """A small real picture (8 by 8 pixels) in the format given, as a scanner or a phone would save it."""
    buffer = io.BytesIO()
    Image.new(mode, (8, 8)).save(buffer, format=image_format)
    return buffer.getvalue()


PNG_BYTES = picture("PNG")
JPEG_BYTES = picture("JPEG")
TIFF_BYTES = picture("TIFF")  # little-endian: II*\0
PDF_BYTES = clean_pdf()


@pytest.fixture(autouse=True)
def document_storage(settings, tmp_path):
    """Documents go to a folder of this test's own, never to var/documents."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }
    return tmp_path / "documents"
