"""PDFs for the upload checks, built here: a clean one-page letter, and hostile ones that run something.

pypdf's writer builds most of them; the object-stream one is written by hand, because the writer keeps every
object in the open: a PDF 1.5 file whose catalog (with its OpenAction) lives only inside a compressed object
stream, hex-encoded over Flate, found through a cross-reference stream.
"""

from __future__ import annotations

import io
import zlib

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    return writer


def javascript_action(code: str = "app.alert('hi')") -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(code)})


def clean_pdf() -> bytes:
    return _written(_one_page())


def pdf_with_open_action_javascript() -> bytes:
    writer = _one_page()
    writer._root_object[NameObject("/OpenAction")] = javascript_action()
    return _written(writer)


def pdf_with_document_javascript() -> bytes:
    """JavaScript in the document's name tree, which readers run on opening."""
    writer = _one_page()
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("greeting"), writer._add_object(javascript_action())])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
    return _written(writer)


def pdf_with_page_additional_action() -> bytes:
    """An /AA on the page: an action that runs when the page opens."""
    writer = _one_page()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): javascript_action()})
    return _written(writer)


def pdf_with_launch_action() -> bytes:
    writer = _one_page()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    return _written(writer)


def pdf_with_escaped_javascript_name() -> bytes:
    """/J#61vaScript is /JavaScript to every reader."""
    return pdf_with_open_action_javascript().replace(b"/JavaScript", b"/J#61vaScript")


def pdf_with_javascript_in_an_object_stream() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 3 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] >>",
    ]
    offsets, body = [], b""
    for obj in objects:
        offsets.append(len(body))
        body += obj + b"\n"
    header = b" ".join(b"%d %d" % (number, offset) for number, offset in zip((2, 3, 4), offsets, strict=True)) + b"\n"
    packed = zlib.compress(header + body).hex().encode() + b">"
    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    stream_offset = len(out)
    out += b"1 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter [/ASCIIHexDecode /FlateDecode] /Length %d >>\n" % (
        len(header),
        len(packed),
    )
    out += b"stream\n" + packed + b"\nendstream\nendobj\n"
    xref_offset = len(out)
    rows = [(0, 0, 255), (1, stream_offset, 0), (2, 1, 0), (2, 1, 1), (2, 1, 2), (1, xref_offset, 0)]
    table = b"".join(bytes([kind]) + field.to_bytes(4, "big") + bytes([index]) for kind, field, index in rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 1] /Root 2 0 R /Length %d >>\nstream\n" % len(table)
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return out


def truncated_pdf() -> bytes:
    data = clean_pdf()
    return data[: len(data) // 2]


def not_really_a_pdf() -> bytes:
    return b"%PDF-1.7\n" + b"\x00garbage\xff" * 200
