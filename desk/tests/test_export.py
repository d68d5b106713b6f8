"""The queue's CSV export: the rows the queue's filters select on every page, every column, escaping, the scope,
an audit event, and a fixed number of queries per chunk."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from audit.models import AuditAction, AuditEvent
from cases.models import LeavePattern
from cases.tests.factories import CaseFactory, LeavePeriodFactory
from desk import export as export_module
from desk.export import safe_cell
from desk.models import DocumentRequest
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START, HEALTH, REVENUE, tasks_follow_the_cases
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr("desk.views.export.timezone.localdate", lambda *a, **k: TODAY)


def open_case(first_name="Ana", last_name="Silva", agency=REVENUE, submitted=datetime(2026, 11, 23, 9, tzinfo=EASTERN)):
    employee = EmployeeFactory.create(first_name=first_name, last_name=last_name, roster_record__agency=agency)
    case = CaseFactory.create(pattern=LeavePattern.INTERMITTENT, submitted_at=submitted, employee=employee)
    LeavePeriodFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    PolicyDecisionFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    return case


def download(client, **params):
    response = client.get(reverse("desk:export"), params)
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content).decode("utf-8")
    return response, list(csv.reader(io.StringIO(body)))


def test_the_file_is_an_attachment_named_by_the_day_never_cached_with_a_header_row(client, specialist):
    sign_in_to_desk(client, specialist)
    open_case()
    response, rows = download(client)
    assert response["Content-Disposition"] == 'attachment; filename="leavedesk-queue-2026-11-26.csv"'
    assert "no-store" in response["Cache-Control"].split(", ")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == [
        "Case number",
        "Employee",
        "Employee number",
        "Agency",
        "Kind",
        "Pattern",
        "Policies",
        "Next deadline",
        "Next deadline kind",
        "Overdue",
        "Owner",
        "Submitted at",
        "Flags",
    ]
    assert not b"".join(client.get(reverse("desk:export")).streaming_content).startswith(b"\xef\xbb\xbf")


def test_a_row_has_every_column_the_queue_shows(client, specialist):
    sign_in_to_desk(client, specialist)
    case = open_case()
    case.has_new_documents = True
    case.save()
    PolicyDecisionFactory.create(
        case=case,
        policy=policy("pfml-medical"),
        status=DecisionStatus.APPROVED,
        start_date=DESK_LEAVE_START,
        end_date=DESK_LEAVE_END,
    )
    _response, rows = download(client)
    row = dict(zip(rows[0], rows[1], strict=True))
    record = case.employee.roster_record
    assert row["Case number"] == case.case_number
    assert row["Employee"] == "Ana Silva"
    assert row["Employee number"] == record.employee_number
    assert row["Agency"] == REVENUE
    assert (row["Kind"], row["Pattern"]) == ("Leave of absence", "Intermittent")
    assert set(row["Policies"].split("; ")) == {
        f"{policy('fmla').name}: Pending",
        f"{policy('pfml-medical').name}: Approved",
    }
    # Submitted Monday Nov 23: the verification call was due Wednesday Nov 25, so it is overdue on the 26th.
    next_deadline = (row["Next deadline"], row["Next deadline kind"], row["Overdue"])
    assert next_deadline == ("2026-11-25", "Verification call", "Yes")
    assert row["Submitted at"] == "2026-11-23 09:00"
    assert row["Flags"] == "New; New documents"
    assert row["Owner"] == ""


def test_names_with_commas_quotes_and_newlines_come_back_whole(client, specialist):
    sign_in_to_desk(client, specialist)
    open_case(first_name='Mary "Mo", Jr.', last_name="O'Brien\nSmith")
    response = client.get(reverse("desk:export"))
    body = b"".join(response.streaming_content).decode()
    assert '"Mary ""Mo"", Jr. O\'Brien\nSmith"' in body
    assert list(csv.reader(io.StringIO(body)))[1][1] == 'Mary "Mo", Jr. O\'Brien\nSmith'


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text(client, specialist, start):
    sign_in_to_desk(client, specialist)
    open_case(first_name=f'{start}HYPERLINK("http://evil.example")', last_name="X")
    _response, rows = download(client)
    assert rows[1][1] == f'\'{start}HYPERLINK("http://evil.example") X'


def test_ordinary_values_are_left_as_they_are():
    assert safe_cell("2026-11-25") == "2026-11-25"
    assert safe_cell("Ana Silva") == "Ana Silva"
    assert safe_cell("\tcmd") == "'\tcmd"


def test_the_export_takes_the_queues_filters_and_every_page(client, specialist):
    sign_in_to_desk(client, specialist)
    revenue = [open_case(first_name=f"Rev{n}") for n in range(55)]  # more than the queue's page of 50
    open_case(first_name="Hal", agency=HEALTH)
    _response, rows = download(client, agency=REVENUE, page=2)
    assert sorted(row[0] for row in rows[1:]) == sorted(case.case_number for case in revenue)
    _response, rows = download(client, search="Hal")
    assert [row[1] for row in rows[1:]] == ["Hal Silva"]


def test_a_document_filter_keeps_only_the_cases_with_an_overdue_document(client, specialist):
    sign_in_to_desk(client, specialist)
    late, on_time = open_case(first_name="Late"), open_case(first_name="Fine")
    for case, due in ((late, date(2026, 11, 20)), (on_time, date(2026, 12, 10))):
        DocumentRequest.objects.create(
            case=case, document_type="medical_certification", due_date=due, requested_by=specialist
        )
    tasks_follow_the_cases()
    _response, rows = download(client, deadline="overdue_document")
    assert [row[1] for row in rows[1:]] == ["Late Silva"]
    assert rows[1][8].startswith("Document due")


def test_an_hr_professional_exports_only_their_agencies_cases(client, hr_professional):
    sign_in_to_desk(client, hr_professional)
    mine, theirs = open_case(agency=REVENUE), open_case(agency=HEALTH)
    _response, rows = download(client)
    numbers = [row[0] for row in rows[1:]]
    assert mine.case_number in numbers
    assert theirs.case_number not in numbers


def test_supervisors_and_employees_are_refused(client, supervisor, employee):
    open_case()
    for user in (supervisor, employee):
        client.force_login(user)
        assert client.get(reverse("desk:export")).status_code == 403


def test_each_export_is_in_the_audit_log_with_who_the_filters_and_the_row_count(client, specialist):
    sign_in_to_desk(client, specialist)
    open_case(), open_case(), open_case(agency=HEALTH)
    download(client, agency=REVENUE, status="open")
    event = AuditEvent.objects.get(action=AuditAction.EXPORTED_QUEUE)
    assert event.actor == specialist
    assert event.detail == f"2 rows; filters: status=open, agency={REVENUE}"


def test_more_cases_than_a_file_holds_asks_for_narrower_filters(client, specialist, monkeypatch):
    monkeypatch.setattr("desk.views.export.EXPORT_LIMIT", 2)
    sign_in_to_desk(client, specialist)
    for _ in range(3):
        open_case()
    response = client.get(reverse("desk:export"), {"agency": REVENUE})
    page = response.content.decode()
    assert response.status_code == 422
    assert "These filters select 3 cases, and one file holds at most 2." in page
    assert "Narrow the filters" in page
    assert f'href="/desk/?agency={REVENUE.replace(" ", "+")}"' in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORTED_QUEUE).exists()


def test_the_export_reads_the_same_queries_a_chunk_for_one_case_as_for_a_chunk_full(client, specialist, monkeypatch):
    monkeypatch.setattr(export_module, "EXPORT_CHUNK", 100)
    sign_in_to_desk(client, specialist)
    open_case()
    download(client)  # the first request after signing in also renews the session
    with CaptureQueriesContext(connection) as one:
        download(client)
    for _ in range(99):
        open_case()
    download(client)  # new people on the roster: the filters' agencies are read again, once
    with CaptureQueriesContext(connection) as hundred:
        _response, rows = download(client)
    assert len(rows) == 101
    assert len(hundred) == len(one), f"{len(one)} queries for 1 case, {len(hundred)} for 100"


def test_a_file_longer_than_a_chunk_has_every_case_once(client, specialist, monkeypatch):
    monkeypatch.setattr(export_module, "EXPORT_CHUNK", 2)
    sign_in_to_desk(client, specialist)
    cases = [open_case() for _ in range(5)]
    _response, rows = download(client)
    assert [row[0] for row in rows[1:]] == [case.case_number for case in cases]  # oldest first, as the queue


def test_the_queues_export_link_carries_the_queues_filters():
    link = render_to_string("desk/includes/export_link.html", {"query": f"agency={REVENUE}&status=open"})
    assert f'href="/desk/export.csv?agency={REVENUE}&amp;status=open"' in link
    assert "Export these cases (CSV)" in link
