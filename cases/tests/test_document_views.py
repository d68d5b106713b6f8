import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cases.documents.checks import MAX_DOCUMENT_BYTES
from cases.models import Document, DocumentType
from cases.tests.conftest import PDF_BYTES, PNG_BYTES
from cases.tests.factories import CaseFactory, DocumentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("employee_client")]  # signed in as the employee


@pytest.fixture
def case(employee):
    return CaseFactory.create(employee=employee)


def upload_url(case, document_type="medical_certification"):
    return reverse("cases:upload_document", args=[case.case_number, document_type])


def upload(client, case, name, data, document_type="medical_certification"):
    return client.post(upload_url(case, document_type), {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_choose_document_type_lists_the_nine_types_in_the_guides_order(client, case):
    page = client.get(reverse("cases:choose_document_type", args=[case.case_number])).content.decode()

    labels = [
        "Accommodation Request Form (UPMC)",
        "Authorization Form",
        "Medical Authorization Packet ADA",
        "Medical Certification",
        "Medical Record",
        "Miscellaneous Court Paper",
        "RTW Note",
        "Miscellaneous Document",
        "Proof of Birth",
    ]
    positions = [page.index(f"<span>{label}</span>") for label in labels]
    assert positions == sorted(positions)
    assert page.count('class="cases-choice"') == 9


def test_the_upload_page_offers_the_file_chooser_and_the_upload_button(client, case):
    page = client.get(upload_url(case)).content.decode()

    assert '<h1 class="cases-dialog__title">Upload Document</h1>' in page
    assert "NO FILE CHOSEN" in page
    assert "CHOOSE FILE" in page
    assert 'type="file"' in page
    assert 'enctype="multipart/form-data"' in page
    assert "Medical Certification" in page


def test_an_unknown_document_type_is_not_found(client, case):
    assert client.get(upload_url(case, "love_letter")).status_code == 404


def test_an_accepted_upload_is_stored_under_a_generated_name_and_listed_on_the_case(client, case, document_storage):
    response = upload(client, case, "My Certification.pdf", PDF_BYTES)

    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.case_number}/"
    document = Document.objects.get()
    assert (document.case, document.document_type, document.file_name) == (
        case,
        DocumentType.MEDICAL_CERTIFICATION,
        "My Certification.pdf",
    )
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF_BYTES)
    assert "Certification" not in document.stored_name
    assert document.stored_name.endswith(".pdf")
    assert (document_storage / document.stored_name).read_bytes() == PDF_BYTES
    case.refresh_from_db()
    assert case.has_new_documents is True
    assert "My Certification.pdf" in client.get(response["Location"]).content.decode()


def refusal(response):
    page = response.content.decode()
    start = page.index('class="usa-error-message"')
    return page[start : page.index("</span>", start)]


def stored_files(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_a_png_renamed_pdf_is_refused_next_to_the_field(client, case, document_storage):
    response = upload(client, case, "scan.pdf", PNG_BYTES)

    assert response.status_code == 200
    assert "ends in .pdf but the file is a PNG" in refusal(response)
    assert not Document.objects.exists()
    assert not stored_files(document_storage)


def test_an_empty_file_is_refused(client, case):
    assert "empty" in refusal(upload(client, case, "empty.pdf", b""))


def test_a_pdf_with_javascript_is_refused(client, case):
    pdf = PDF_BYTES.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (x) >>")
    assert "JavaScript or actions" in refusal(upload(client, case, "form.pdf", pdf))
    assert not Document.objects.exists()


def test_a_file_just_over_10_mb_is_refused_as_it_streams_in(client, case):
    big = PDF_BYTES + b"0" * (MAX_DOCUMENT_BYTES + 1 - len(PDF_BYTES))

    response = upload(client, case, "big.pdf", big)

    assert response.status_code == 413
    assert "larger than 10 MB" in refusal(response)
    assert not Document.objects.exists()


def test_a_request_far_over_the_limit_is_refused_before_its_body_is_read(client, case):
    response = upload(client, case, "huge.pdf", PDF_BYTES + b"0" * (MAX_DOCUMENT_BYTES + 200_000))

    assert response.status_code == 413
    assert "larger than 10 MB" in refusal(response)
    assert not Document.objects.exists()


def test_the_upload_still_needs_the_csrf_token(case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(case.employee)

    response = upload(client, case, "note.pdf", PDF_BYTES)

    assert response.status_code == 403
    assert not Document.objects.exists()


def test_no_one_uploads_to_another_employees_case(client, employee):
    assert upload(client, CaseFactory.create(), "note.pdf", PDF_BYTES).status_code == 404
    assert client.get(reverse("cases:choose_document_type", args=[CaseFactory.create().case_number])).status_code == 404


def test_the_owner_downloads_a_document_as_an_attachment_with_a_safe_name(client, case, document_storage):
    upload(client, case, "Résumé médical (Oct) #2.pdf", PDF_BYTES)
    document = Document.objects.get()

    response = client.get(reverse("cases:download_document", args=[case.case_number, document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Resume_medical_Oct_2.pdf"'


def test_another_employees_document_is_not_found_even_under_my_own_case_number(client, case):
    theirs = DocumentFactory.create()

    assert client.get(reverse("cases:download_document", args=[theirs.case.case_number, theirs.pk])).status_code == 404
    assert client.get(reverse("cases:download_document", args=[case.case_number, theirs.pk])).status_code == 404
