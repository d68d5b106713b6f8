"""Deciding what an uploaded file is from its content, and refusing what the portal must not keep.

The file's kind comes from its first bytes (magic numbers), never from its name or the browser's
claim; the name's extension must then agree with it. PDFs that carry JavaScript or actions that run
on opening are refused: the desk opens these files.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.utils.translation import gettext_lazy as _

from cases.models import DocumentContentType

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # "up to 10 MB"
# Inflating compressed PDF streams to look inside them stops here, so a zip bomb cannot exhaust memory.
MAX_INFLATED_BYTES = 50 * 1024 * 1024

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
# Names that make a PDF run something: scripts, actions on open, actions on events, launching programs.
ACTIVE_PDF_NAMES = frozenset({b"JS", b"JavaScript", b"OpenAction", b"AA", b"Launch"})
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_FLATE_STREAM = re.compile(rb"<<(?:(?!>>\s*stream).){0,2000}?/FlateDecode.{0,2000}?>>\s*stream\r?\n", re.DOTALL)


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


def _inflated_streams(data: bytes) -> Iterator[bytes]:
    """The decompressed content of each FlateDecode stream, within MAX_INFLATED_BYTES in all."""
    budget = MAX_INFLATED_BYTES
    for match in PDF_FLATE_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end == -1 or budget <= 0:
            return
        inflater = zlib.decompressobj()
        try:
            content = inflater.decompress(data[match.end() : end], budget)
        except zlib.error:
            continue  # a damaged stream carries nothing a reader would run
        budget -= len(content)
        yield content


def pdf_active_names(data: bytes) -> set[str]:
    """The active-content names (JavaScript, auto-run actions) found in a PDF, also inside compressed streams.

    Names may be written with #xx escapes ("/J#61vaScript"); they are decoded before comparing.
    """
    found: set[str] = set()
    for chunk in (data, *_inflated_streams(data)):
        for raw in PDF_NAME.findall(chunk):
            name = PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw) if b"#" in raw else raw
            if name in ACTIVE_PDF_NAMES:
                found.add(name.decode("ascii"))
    return found


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
    if kind == DocumentContentType.PDF and pdf_active_names(data):
        raise DocumentRefused(
            _(
                "The selected PDF contains JavaScript or actions that run when it is opened. Save it without them, or "
                "print it to a new PDF, and upload that."
            )
        )
    return CheckedDocument(content_type=kind, extension=EXTENSIONS[kind][0])
