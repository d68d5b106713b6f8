import io
import struct
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject

from cases.documents.checks import (
    MAX_DOCUMENT_BYTES,
    DocumentRefused,
    check_document,
    content_type_of,
    extension_of,
    image_size,
)
from cases.documents.pdf_inspection import pdf_active_names
from cases.models import DocumentContentType
from cases.tests import pdf_samples
from cases.tests.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES, TIFF_BYTES, picture


def check(name, data, size=None):
    return check_document(name, len(data) if size is None else size, lambda: data)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("note.pdf", PDF_BYTES, "application/pdf"),
        ("scan.JPG", JPEG_BYTES, "image/jpeg"),
        ("scan.jpeg", JPEG_BYTES, "image/jpeg"),
        ("photo.png", PNG_BYTES, "image/png"),
        ("fax.tif", TIFF_BYTES, "image/tiff"),
        ("fax.tiff", picture("TIFF", mode="I;16B"), "image/tiff"),  # big-endian: MM\0*
    ],
)
def test_it_accepts_pdf_jpeg_png_and_tiff_by_their_content(name, data, kind):
    assert check(name, data).content_type == kind


def test_it_decides_the_kind_from_the_first_bytes_only():
    assert content_type_of(b"GIF89a") is None
    assert content_type_of(PNG_BYTES) == "image/png"


def test_it_refuses_a_png_renamed_pdf():
    with pytest.raises(DocumentRefused, match=r"ends in \.pdf but the file is a PNG"):
        check("certification.pdf", PNG_BYTES)


def test_it_refuses_a_file_whose_name_has_no_accepted_extension():
    with pytest.raises(DocumentRefused, match="must end in"):
        check("certification", PDF_BYTES)


def test_it_refuses_content_that_is_none_of_the_accepted_kinds():
    with pytest.raises(DocumentRefused, match="not a PDF, JPEG, PNG or TIFF"):
        check("letter.pdf", b"PK\x03\x04 a zip file")


def test_it_refuses_an_empty_file():
    with pytest.raises(DocumentRefused, match="empty"):
        check("note.pdf", b"")


def test_it_refuses_a_file_over_10_mb_without_reading_it():
    def never_read():
        raise AssertionError("the content of an oversize file was read")

    with pytest.raises(DocumentRefused, match="larger than 10 MB"):
        check_document("big.pdf", MAX_DOCUMENT_BYTES + 1, never_read)


def test_a_file_of_exactly_10_mb_is_accepted():
    data = PDF_BYTES + b" " * (MAX_DOCUMENT_BYTES - len(PDF_BYTES))
    assert check("big.pdf", data).content_type == "application/pdf"


HOSTILE_PDFS = {
    "an OpenAction running JavaScript": pdf_samples.pdf_with_open_action_javascript,
    "document JavaScript in the name tree": pdf_samples.pdf_with_document_javascript,
    "an additional action (AA) on a page": pdf_samples.pdf_with_page_additional_action,
    "a Launch action": pdf_samples.pdf_with_launch_action,
    "a hex-escaped /J#61vaScript": pdf_samples.pdf_with_escaped_javascript_name,
    "JavaScript inside a compressed object stream, two filters deep": (
        pdf_samples.pdf_with_javascript_in_an_object_stream
    ),
}


@pytest.mark.parametrize("build", HOSTILE_PDFS.values(), ids=HOSTILE_PDFS.keys())
def test_it_refuses_a_pdf_carrying_scripts_or_automatic_actions(build):
    with pytest.raises(DocumentRefused, match="JavaScript or actions"):
        check("form.pdf", build())


def test_the_parser_finds_the_action_packed_in_an_object_stream():
    assert pdf_active_names(pdf_samples.pdf_with_javascript_in_an_object_stream()) == {
        "OpenAction",
        "JavaScript",
        "JS",
    }


@pytest.mark.parametrize(
    "build", [pdf_samples.truncated_pdf, pdf_samples.not_really_a_pdf], ids=["truncated", "garbage after the header"]
)
def test_it_refuses_a_pdf_the_parser_cannot_read(build):
    with pytest.raises(DocumentRefused, match="could not be read"):
        check("letter.pdf", build())


def test_a_clean_pdf_goes_through():
    assert pdf_active_names(pdf_samples.clean_pdf()) == set()
    assert check("letter.pdf", pdf_samples.clean_pdf()).content_type == "application/pdf"


def test_names_that_only_begin_like_an_action_are_harmless():
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    for name in ("/JSON", "/AAPL", "/Launcher"):
        writer._root_object[NameObject(name)] = NameObject("/Annot")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert check("letter.pdf", buffer.getvalue()).content_type == "application/pdf"


@pytest.mark.parametrize(("name", "data"), [("scan.png", PNG_BYTES[:20]), ("scan.jpg", JPEG_BYTES[:12])])
def test_it_refuses_a_picture_whose_header_cannot_be_read(name, data):
    with pytest.raises(DocumentRefused, match="picture could not be read"):
        check(name, data)


def png_declaring(width, height):
    """A PNG header that claims these dimensions, followed by almost nothing: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (30_000, 10), (15_000, 15_000)])
def test_it_refuses_a_picture_of_absurd_dimensions_without_decoding_it(width, height):
    with pytest.raises(DocumentRefused, match="too large"):
        check("scan.png", png_declaring(width, height))


def test_a_page_scanned_at_600_dpi_is_accepted():
    assert image_size(png_declaring(5100, 6600), DocumentContentType.PNG) == (5100, 6600)


def test_the_extension_ignores_folders_a_browser_may_send():
    assert extension_of("C:\\Users\\maria\\Scan.PDF") == ".pdf"
    assert extension_of("/home/maria/scan.tar.png") == ".png"
