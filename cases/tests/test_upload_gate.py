"""Only the document upload takes files, and only from a signed-in person (ASVS 5.0 5.2.1, 5.2.2).

A file posted anywhere else (the sign-in page above all, reached before any authentication) is refused at
once: a body longer than a form's fields unread (413), a smaller file part as soon as the parser meets it
(400): nothing reaches the temporary folder or the memory handler. The CSRF check is the first to read a
posted form, so the client here enforces it, with a valid token, as an attacker's request would pass it.
"""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParser
from django.test import Client, RequestFactory
from django.urls import reverse

from cases.documents.uploads import FileUploadGateMiddleware, accepts_file_uploads
from cases.models import Document
from cases.tests.conftest import PDF_BYTES
from cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

BIG_FILE = b"\0" * (3 * 1024 * 1024)  # over FILE_UPLOAD_MAX_MEMORY_SIZE: Django would spool it to disk


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


@pytest.fixture
def parser_spy():
    with mock.patch.object(MultiPartParser, "parse", autospec=True, side_effect=MultiPartParser.parse) as spy:
        yield spy


@pytest.fixture
def kept_chunks():
    """Every chunk of a file part that Django's own handlers (memory or temporary file) were handed."""
    chunks: list[bytes] = []

    def keep(handler, raw_data, start):
        chunks.append(raw_data)

    with (
        mock.patch.object(TemporaryFileUploadHandler, "receive_data_chunk", autospec=True, side_effect=keep),
        mock.patch.object(MemoryFileUploadHandler, "receive_data_chunk", autospec=True, side_effect=keep),
    ):
        yield chunks


def post_a_file(client, url, content=BIG_FILE):
    """Post a big file part with a valid CSRF token, as anyone who first fetched a page with a form can."""
    client.get(url)
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else "none"
    fields = {"csrfmiddlewaretoken": token, "username": "maria", "password": "x"}
    return client.post(url, {**fields, "file": SimpleUploadedFile("a.bin", content)})


def test_a_file_posted_to_the_sign_in_page_is_refused_unread(upload_temp_dir, parser_spy):
    response = post_a_file(Client(enforce_csrf_checks=True), reverse("accounts:login"))

    parser_spy.assert_not_called()
    assert response.status_code in (400, 413)
    assert list(upload_temp_dir.iterdir()) == []


def test_a_small_file_posted_to_the_sign_in_page_is_refused_before_any_of_it_is_kept(
    settings, upload_temp_dir, kept_chunks
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Django would write even a small file to disk
    response = post_a_file(Client(enforce_csrf_checks=True), reverse("accounts:login"), content=b"%PDF-" * 1000)

    assert response.status_code == 400
    assert kept_chunks == []
    assert list(upload_temp_dir.iterdir()) == []


def test_a_form_posted_multipart_without_a_file_still_signs_in(client, employee):
    response = client.post(reverse("accounts:login"), {"username": employee.username, "password": "wrong"})

    assert response.status_code == 200  # the sign-in page again, with its error: the form was read


def test_a_file_posted_to_a_signed_in_page_that_takes_none_is_refused(employee, upload_temp_dir, parser_spy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)

    response = post_a_file(client, reverse("portal:dashboard"))

    parser_spy.assert_not_called()
    assert response.status_code in (400, 413)


def test_a_signed_out_upload_is_refused_unread(employee, upload_temp_dir, parser_spy):
    case = CaseFactory.create(employee=employee)
    url = reverse("cases:upload_document", args=[case.case_number, "medical_certification"])

    response = post_a_file(Client(enforce_csrf_checks=True), url)

    parser_spy.assert_not_called()
    assert response.status_code in (302, 403)  # to sign in, or refused: unread either way
    assert not Document.objects.exists()


def test_the_owner_still_uploads_a_document(employee, client):
    client.force_login(employee)
    case = CaseFactory.create(employee=employee)
    url = reverse("cases:upload_document", args=[case.case_number, "medical_certification"])

    response = client.post(url, {"file": SimpleUploadedFile("note.pdf", PDF_BYTES, "application/pdf")})

    assert response.status_code == 302
    assert Document.objects.filter(case=case).count() == 1


def test_a_form_that_is_not_multipart_still_passes_the_gate(employee):
    def page(request):
        return HttpResponse("ok")

    request = RequestFactory().post("/dashboard/", "a=b", content_type="application/x-www-form-urlencoded")
    request.user = employee
    gate = FileUploadGateMiddleware(page)
    assert gate.process_view(request, page, (), {}) is None


def test_the_upload_view_is_marked_and_other_views_are_not():
    from cases.views.documents import download_document, upload_document  # noqa: PLC0415

    assert getattr(upload_document, "accepts_file_uploads", False) is True
    assert getattr(download_document, "accepts_file_uploads", False) is False
    assert getattr(accepts_file_uploads(lambda request: HttpResponse()), "accepts_file_uploads", False) is True
