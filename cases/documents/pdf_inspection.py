"""Reading an uploaded PDF with a real parser (pypdf) and finding what would run when the desk opens it.

Every object of the file is visited: those the cross-reference tables list, those packed in compressed
object streams, and everything they reach. A name anywhere (a key or a value, #xx escapes decoded by the
parser) that makes a reader run something is reported; so are names inside any stream once decoded through
all its filters, which also covers object streams the tables do not list. A file the parser cannot read is
unreadable: the desk's reader might make something else of it than this check did.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject, StreamObject

# Names that make a PDF run something: scripts, actions on open, actions on events, launching programs.
ACTIVE_PDF_NAMES = frozenset({"JS", "JavaScript", "OpenAction", "AA", "Launch"})
# Raw names in decoded stream bytes (an object stream's objects, before or beyond the parser's view).
STREAM_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
STREAM_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# A 10 MB file holds far fewer objects than this; more means a file built to keep the check busy.
MAX_OBJECTS = 200_000

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is refused, not logged line by line


class UnreadablePdf(Exception):  # noqa: N818 (a verdict on a file, not a programming error)
    """The parser could not read the file (damaged, truncated, encrypted, or not a PDF at all)."""


@dataclass
class _Walk:
    found: set[str] = field(default_factory=set)
    seen: set[tuple[int, int]] = field(default_factory=set)
    visited: int = 0


def _names_in_stream_bytes(data: bytes) -> set[str]:
    found = set()
    for raw in STREAM_NAME.findall(data):
        name = STREAM_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw) if b"#" in raw else raw
        decoded = name.decode("latin-1")
        if decoded in ACTIVE_PDF_NAMES:
            found.add(decoded)
    return found


def _visit(root: PdfObject | None, walk: _Walk) -> None:
    stack: list[PdfObject | None] = [root]
    while stack:
        item = stack.pop()
        walk.visited += 1
        if walk.visited > MAX_OBJECTS:
            raise UnreadablePdf("too many objects")
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key not in walk.seen:
                walk.seen.add(key)
                stack.append(item.get_object())
        elif isinstance(item, NameObject):
            if item[1:] in ACTIVE_PDF_NAMES:
                walk.found.add(str(item[1:]))
        elif isinstance(item, DictionaryObject):
            if isinstance(item, StreamObject) and item.get("/Subtype") != "/Image":
                # Pictures carry no names (and scans use filters, JBIG2 or CCITT, that need not be decoded here).
                walk.found |= _names_in_stream_bytes(item.get_data())
            for key, value in item.items():
                stack.append(NameObject(key))
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _every_object_number(reader: PdfReader) -> list[tuple[int, int]]:
    numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
    numbers |= {(number, 0) for number in reader.xref_objStm}
    return sorted(numbers)


def pdf_active_names(data: bytes) -> set[str]:
    """The active-content names (JavaScript, automatic actions, launching) anywhere in the PDF.

    Raises UnreadablePdf when the parser cannot read it, or it is encrypted with a password.
    """
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePdf("encrypted")
        walk = _Walk()
        _visit(reader.trailer, walk)
        for number, generation in _every_object_number(reader):
            _visit(IndirectObject(number, generation, reader), walk)
        len(reader.pages)  # the page tree must be readable too
    except UnreadablePdf:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as error:
        raise UnreadablePdf(str(error)) from error
    return walk.found
