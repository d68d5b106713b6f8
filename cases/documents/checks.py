"""Deciding what an uploaded file is from its content, and refusing what the portal must not keep.

The file's kind comes from its first bytes (magic numbers), never from its name or the browser's
claim; the name's extension must then agree with it. A PDF is read by a real parser
(cases.documents.pdf_inspection): one it cannot read, or that carries JavaScript or actions that run
on opening, is refused, as the desk opens these files. A picture's header is read (never its pixels)
and an unreadable one, or one of absurd dimensions, is refused.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.utils.translation import gettext_lazy as _
from PIL import Image

from cases.documents.pdf_inspection import UnreadablePdf, pdf_active_names
from cases.models import DocumentContentType

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # "up to 10 MB"

TOO_LARGE = _("The selected file is larger than 10 MB. Choose a smaller file.")

MAGIC_NUMBERS: tuple[tuple[bytes, DocumentContentType], ...] = (
    (b"%PDF-", DocumentContentType.PDF),
    (b"\xff\xd8\xff", DocumentContentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", DocumentContentType.PNG),
    (b"II*\x00", DocumentContentType.TIFF),
    (b"MM\x00*", DocumentContentType.TIFF),
)
EXTENSIONS: dict[DocumentContentType, tuple[str, ...]] = {
    DocumentContentType.PDF: (".pdf",),
    DocumentContentType.JPEG: (".jpg", ".jpeg"),
    DocumentContentType.PNG: (".png",),
    DocumentContentType.TIFF: (".tif", ".tiff"),
}
ACCEPT_ATTRIBUTE = ",".join(
    [ext for exts in EXTENSIONS.values() for ext in exts] + [kind.value for kind in DocumentContentType]
)
PILLOW_FORMATS = {DocumentContentType.JPEG: "JPEG", DocumentContentType.PNG: "PNG", DocumentContentType.TIFF: "TIFF"}
# A letter-size page scanned at 1200 dpi is 10,200 by 13,200 pixels; beyond this a picture is a decompression bomb.
MAX_IMAGE_SIDE = 20_000
MAX_IMAGE_PIXELS = 150_000_000

ACTIVE_PDF = _(
    "The selected PDF contains JavaScript or actions that run when it is opened. Save it without them, or "
    "print it to a new PDF, and upload that."
)
UNREADABLE_PDF = _(
    "The selected PDF could not be read: it may be damaged or protected by a password. Save or print it to a new "
    "PDF, and upload that."
)
UNREADABLE_IMAGE = _("The selected picture could not be read: it may be damaged. Save it again, and upload that.")
IMAGE_TOO_LARGE = _(
    "The selected picture is too large (over 20,000 pixels on a side). Scan it at a lower resolution, and upload that."
)


class DocumentRefused(ValueError):  # noqa: N818 (a refusal, not a programming error)
    """The upload cannot be kept; the message says why, in words for the employee."""


@dataclass(frozen=True)
class CheckedDocument:
    content_type: DocumentContentType
    extension: str


def content_type_of(head: bytes) -> DocumentContentType | None:
    """The accepted kind whose magic number starts these bytes, or None."""
    for magic, kind in MAGIC_NUMBERS:
        if head.startswith(magic):
            return kind
    return None


def extension_of(file_name: str) -> str:
    """The lower-case extension of a file name as any browser may send it (with Windows or POSIX folders)."""
    base = PureWindowsPath(PurePosixPath(file_name).name).name
    return PurePosixPath(base).suffix.lower()


def image_size(data: bytes, kind: DocumentContentType) -> tuple[int, int]:
    """The width and height an image's header declares, read without decoding the picture.

    Pillow's `Image.open` reads the header only; the pixels are never loaded here. Raises DocumentRefused
    when the header cannot be read, is of another kind than the magic number said, or is absurdly large.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]]) as image:
                width, height = image.size
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise DocumentRefused(IMAGE_TOO_LARGE) from None
        except (OSError, ValueError, SyntaxError, struct.error):
            raise DocumentRefused(UNREADABLE_IMAGE) from None
    if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE) or width * height > MAX_IMAGE_PIXELS:
        raise DocumentRefused(IMAGE_TOO_LARGE)
    return width, height


def _check_pdf(data: bytes) -> None:
    try:
        active = pdf_active_names(data)
    except UnreadablePdf:
        raise DocumentRefused(UNREADABLE_PDF) from None
    if active:
        raise DocumentRefused(ACTIVE_PDF)


def _refuse_mismatch(extension: str, kind: DocumentContentType) -> DocumentRefused:
    if extension in {ext for exts in EXTENSIONS.values() for ext in exts}:
        return DocumentRefused(
            _("The file name ends in %(extension)s but the file is a %(kind)s. Choose the right file or rename it.")
            % {"extension": extension, "kind": kind.label}
        )
    return DocumentRefused(
        _("The file name must end in .pdf, .jpg, .jpeg, .png, .tif or .tiff to match its content (a %(kind)s).")
        % {"kind": kind.label}
    )


def check_document(file_name: str, size: int, content: Callable[[], bytes]) -> CheckedDocument:
    """Decide the kind of an upload from its bytes and refuse what the portal does not keep.

    `content` reads the whole file; it is called only once the size is known to be within the limit.
    """
    if size == 0:
        raise DocumentRefused(_("The selected file is empty. Choose a file that has content."))
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentRefused(TOO_LARGE)
    data = content()
    if not data:
        raise DocumentRefused(_("The selected file is empty. Choose a file that has content."))
    kind = content_type_of(data[:16])
    if kind is None:
        raise DocumentRefused(_("The selected file is not a PDF, JPEG, PNG or TIFF file. Choose one of those."))
    extension = extension_of(file_name)
    if extension not in EXTENSIONS[kind]:
        raise _refuse_mismatch(extension, kind)
    if kind == DocumentContentType.PDF:
        _check_pdf(data)
    else:
        image_size(data, kind)
    return CheckedDocument(content_type=kind, extension=EXTENSIONS[kind][0])
