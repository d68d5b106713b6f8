"""A document's whole path through each storage: local disk, and S3 (moto's server run on a free local port).

Upload through the portal, see it listed, download it as the owner and on the desk (streamed through the
app, never a link to the bucket), and refused to anyone else. On S3 the object is private and encrypted.
"""

from __future__ import annotations

import runpy
import socket
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer

from accounts.tests.factories import EmployeeWithPhoneFactory
from cases.models import Document
from cases.tests.conftest import PDF_BYTES
from cases.tests.factories import CaseFactory
from desk.tests.conftest import sign_in_to_desk

pytestmark = pytest.mark.django_db

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"
BUCKET = "leavedesk-test-documents"
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible endpoint (moto's server mode) on a free local port, for the whole session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint, monkeypatch):
    """A fresh, empty bucket on the endpoint, and the boto3 client that sees it as an operator would."""
    for name, value in S3_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield client
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    client.delete_bucket(Bucket=BUCKET)


def s3_settings(monkeypatch, endpoint):
    """config/settings.py's own STORAGES["default"] for DOCUMENT_STORAGE=s3, read as production reads it."""
    for name, value in {"DOCUMENT_STORAGE": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": endpoint}.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))["STORAGES"]["default"]


@pytest.fixture
def s3_storage(settings, monkeypatch, s3_bucket, s3_endpoint):
    settings.STORAGES = {**settings.STORAGES, "default": s3_settings(monkeypatch, s3_endpoint)}
    return s3_bucket


@pytest.fixture(params=["local", "s3"])
def storage_kind(request, document_storage):
    """The documents' storage, as `DOCUMENT_STORAGE` sets it (the local one is the conftest's own folder)."""
    if request.param == "s3":
        request.getfixturevalue("s3_storage")
    return request.param


def stored_bytes(storage_kind, request, stored_name):
    if storage_kind == "s3":
        s3 = request.getfixturevalue("s3_bucket")
        return s3.get_object(Bucket=BUCKET, Key=stored_name)["Body"].read()
    return (request.getfixturevalue("document_storage") / stored_name).read_bytes()


def test_a_document_goes_up_is_listed_comes_back_and_is_refused_to_others(
    request, storage_kind, employee, employee_client, specialist
):
    case = CaseFactory.create(employee=employee)
    upload_url = reverse("cases:upload_document", args=[case.case_number, "medical_certification"])

    response = employee_client.post(upload_url, {"file": SimpleUploadedFile("Cert.pdf", PDF_BYTES, "application/pdf")})

    assert response.status_code == 302
    document = Document.objects.get()
    assert stored_bytes(storage_kind, request, document.stored_name) == PDF_BYTES
    assert "Cert.pdf" in employee_client.get(response["Location"]).content.decode()

    download_url = reverse("cases:download_document", args=[case.case_number, document.pk])
    download = employee_client.get(download_url)
    assert download.status_code == 200  # the bytes themselves, not a redirect to the bucket
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"

    desk = sign_in_to_desk(Client(), specialist)
    on_desk = desk.get(reverse("desk:document", args=[case.case_number, document.pk]) + "?download=1")
    assert on_desk.status_code == 200
    assert b"".join(on_desk.streaming_content) == PDF_BYTES

    someone_else = Client()
    someone_else.force_login(EmployeeWithPhoneFactory.create())
    assert someone_else.get(download_url).status_code == 404
    anonymous = Client().get(download_url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))


def test_on_s3_a_document_is_private_and_encrypted_at_rest(s3_storage, employee, employee_client):
    s3 = s3_storage
    case = CaseFactory.create(employee=employee)
    upload_url = reverse("cases:upload_document", args=[case.case_number, "medical_certification"])
    employee_client.post(upload_url, {"file": SimpleUploadedFile("Cert.pdf", PDF_BYTES, "application/pdf")})
    key = Document.objects.get().stored_name

    assert s3.head_object(Bucket=BUCKET, Key=key)["ServerSideEncryption"] == "AES256"
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner's, and no one else's
    assert all(grant["Grantee"].get("Type") == "CanonicalUser" for grant in grants)
