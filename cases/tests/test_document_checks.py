import zlib

import pytest

from cases.documents.checks import (
    MAX_DOCUMENT_BYTES,
    DocumentRefused,
    check_document,
    content_type_of,
    extension_of,
    pdf_active_names,
)
from cases.tests.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES, TIFF_BYTES


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
        ("fax.tiff", b"MM\x00*" + TIFF_BYTES[4:], "image/tiff"),
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


@pytest.mark.parametrize("name", ["JS", "JavaScript", "OpenAction", "AA", "Launch"])
def test_it_refuses_a_pdf_carrying_scripts_or_automatic_actions(name):
    pdf = PDF_BYTES.replace(b"/Type /Catalog", b"/Type /Catalog /" + name.encode() + b" 5 0 R")
    with pytest.raises(DocumentRefused, match="JavaScript or actions"):
        check("form.pdf", pdf)


def test_it_sees_through_hex_escaped_names():
    assert pdf_active_names(b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>") == {"JavaScript", "JS"}


def test_it_finds_actions_hidden_in_a_compressed_object_stream():
    hidden = zlib.compress(b"<< /Type /Catalog /OpenAction << /S /JavaScript >> >>")
    pdf = PDF_BYTES + b"3 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length %d >>\nstream\n" % len(hidden)
    pdf += hidden + b"\nendstream\nendobj\n"
    assert pdf_active_names(pdf) == {"OpenAction", "JavaScript"}


def test_names_that_only_begin_like_an_action_are_harmless():
    assert pdf_active_names(b"<< /JSON 1 /AAPL 2 /Launcher 3 /Type /Annot >>") == set()


def test_the_extension_ignores_folders_a_browser_may_send():
    assert extension_of("C:\\Users\\maria\\Scan.PDF") == ".pdf"
    assert extension_of("/home/maria/scan.tar.png") == ".png"
