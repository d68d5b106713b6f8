"""The queue's rows joined from their shapes (desk.queue_rows) read exactly as the row template writes them."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import UserFactory
from cases.models import Case, CaseKind, DocumentType, LeavePattern, ReturnToWork
from cases.tests.factories import CaseFactory, DocumentFactory, DocumentRequestFactory, LeavePeriodFactory
from desk.export import export_cases, row_cells
from desk.models import CallNote, CallPurpose
from desk.ownership import assign_case
from desk.queue import CaseRows, queue_cases, queue_row, row_calendars, with_queue_details
from desk.queue_rows import ROW_TEMPLATE, queue_rows
from desk.tests.conftest import sign_in_to_desk
from desk.tests.factories import DESK_LEAVE_END, DESK_LEAVE_START, make_specialist, tasks_follow_the_cases
from policies.models import DecisionStatus
from policies.tests.factories import PolicyDecisionFactory, policy

pytestmark = pytest.mark.django_db
EASTERN = ZoneInfo("America/New_York")
TODAY = date(2026, 11, 26)
LATE = datetime(2026, 11, 16, 9, tzinfo=EASTERN)  # its calls are overdue on TODAY
FRESH = datetime(2026, 11, 24, 9, tzinfo=EASTERN)


def leave(submitted=LATE, **fields):
    case = CaseFactory.create(pattern=LeavePattern.INTERMITTENT, submitted_at=submitted, **fields)
    LeavePeriodFactory.create(case=case, start_date=DESK_LEAVE_START, end_date=DESK_LEAVE_END)
    return case


def decide(case, code, status=DecisionStatus.PENDING):
    decided_at = None if status == DecisionStatus.PENDING else LATE + timedelta(days=1)
    PolicyDecisionFactory.create(case=case, policy=policy(code), status=status, decided_at=decided_at)


@pytest.fixture
def cases_of_every_shape():
    """Cases whose rows differ in every part the shape decides, and values that need escaping."""
    specialist = make_specialist("shaper")
    late = leave()
    decide(late, "fmla")
    decide(late, "pfml-medical", DecisionStatus.APPROVED)
    assign_case(late, specialist, by=specialist)
    fresh = leave(submitted=FRESH, has_new_documents=True, has_new_time_entries=True)
    decide(fresh, "fmla")
    CallNote.objects.create(
        case=fresh, author=specialist, purpose=CallPurpose.VERIFICATION, outcome="reached", text="ok", called_at=FRESH
    )
    DocumentRequestFactory.create(case=fresh, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=TODAY)
    record = fresh.employee.roster_record
    record.first_name, record.last_name, record.agency = 'Zoë "Zed"', "<O'Brien & Co>", 'Revenue, <Tax> & "Fees"'
    record.save()
    decided = leave(kind=CaseKind.LEAVE)
    decide(decided, "fmla", DecisionStatus.DENIED)
    DocumentFactory.create(case=decided, document_type=DocumentType.MEDICAL_CERTIFICATION)
    no_record = CaseFactory.create(
        kind=CaseKind.UNPLANNED, employee=UserFactory.create(first_name="Ada", last_name="<Lovelace>")
    )
    cancelled = leave(cancelled_at=LATE + timedelta(days=2))
    decide(cancelled, "fmla")
    returning = leave()
    returning.pattern = LeavePattern.CONTINUOUS
    returning.save()
    decide(returning, "fmla", DecisionStatus.APPROVED)
    ReturnToWork.objects.create(case=returning, fitness_for_duty_required=True, fitness_for_duty_required_at=LATE)
    DocumentFactory.create(case=returning, document_type=DocumentType.RTW_NOTE)
    tasks_follow_the_cases()
    return [late, fresh, decided, no_record, cancelled, returning]


def rows_of(cases):
    detailed = list(with_queue_details(Case.objects.filter(pk__in=[case.pk for case in cases]).order_by("pk")))
    calendars = row_calendars(detailed)
    return [queue_row(case, TODAY, calendars) for case in detailed]


@pytest.mark.parametrize("is_specialist", [True, False])
@pytest.mark.parametrize("language", ["en", "es"])
def test_each_joined_row_is_what_the_row_template_writes(cases_of_every_shape, is_specialist, language):
    template = get_template(ROW_TEMPLATE)
    with translation.override(language):
        rows = rows_of(cases_of_every_shape)
        shapes_seen = set()
        for row in rows:
            expected = template.render({"row": row, "is_specialist": is_specialist})
            assert queue_rows([row], is_specialist=is_specialist) == expected
            assert queue_rows([row], is_specialist=is_specialist) == expected  # the second from the kept shape
            shapes_seen.add(expected.count("desk-flag") + 10 * expected.count("desk-policy "))
        assert queue_rows(rows, is_specialist=is_specialist) == "".join(
            template.render({"row": row, "is_specialist": is_specialist}) for row in rows
        )
    assert len(shapes_seen) > 2, "the fixture's rows should differ in their parts"


def test_the_rows_values_are_escaped_and_each_row_keeps_its_own(cases_of_every_shape):
    late, fresh, _decided, no_record, _cancelled, _returning = cases_of_every_shape
    html = queue_rows(rows_of(cases_of_every_shape), is_specialist=True)
    assert "Zoë &quot;Zed&quot; &lt;O&#x27;Brien &amp; Co&gt;" in html
    assert "Revenue, &lt;Tax&gt; &amp; &quot;Fees&quot;" in html
    assert "&lt;Lovelace&gt;" in html
    assert "<Lovelace>" not in html
    assert html.count("<tr") == 6
    assert "Confirm the return to work" in html  # the continuous leave approved: its return, from its record
    for case in (late, fresh, no_record):
        assert f'href="{reverse("desk:case", args=[case.case_number])}"' in html
        assert f'value="{case.pk}"' in html


def test_the_queue_page_shows_the_joined_rows(client, cases_of_every_shape, settings):
    late, fresh, *_ = cases_of_every_shape
    specialist = make_specialist("reader")
    sign_in_to_desk(client, specialist)
    page = client.get(reverse("desk:queue"), {"status": "all"}).content.decode()
    assert page.count('<tr class="desk-queue__row--overdue">') >= 1
    assert late.case_number in page
    assert fresh.case_number in page
    assert "Medical Certification" in page  # the fresh case's document due, named in its next deadline


def test_rows_of_every_shape_and_their_csv_read_nothing_beyond_the_details(cases_of_every_shape):
    """A column left out of desk.queue's row columns would cost a query a row: none is read past the fetch."""
    pks = [case.pk for case in cases_of_every_shape]
    for fetched in (with_queue_details(Case.objects.filter(pk__in=pks)), export_cases(Case.objects.filter(pk__in=pks))):
        detailed = list(fetched)
        calendars = row_calendars(detailed)
        with CaptureQueriesContext(connection) as queries:
            rows = [queue_row(case, TODAY, calendars) for case in detailed]
            for is_specialist in (True, False):
                queue_rows(rows, is_specialist=is_specialist)
            cells = [row_cells(row) for row in rows]
        assert len(queries) == 0, [query["sql"][:120] for query in queries]
        assert len(cells) == 6


def test_the_pages_plain_reads_give_the_prefetched_rows_and_nothing_is_read_after(cases_of_every_shape):
    """desk.queue.queue_cases (the queue's page) reads each relation in one query and groups it by case: the
    same rows in the same order as the prefetch of with_queue_details, the rows and their markup without a query."""
    pks = [case.pk for case in reversed(cases_of_every_shape)]
    with CaptureQueriesContext(connection) as fetched:
        found = queue_cases([*pks, 10**9])  # a case gone since its id was read is left out
    assert len(fetched) == 5
    assert [item.case.pk for item in found] == pks
    prefetched = {case.pk: case for case in with_queue_details(Case.objects.filter(pk__in=pks))}
    calendars = row_calendars(item.case for item in found)
    with CaptureQueriesContext(connection) as queries:
        for item in found:
            expected = CaseRows.prefetched(prefetched[item.case.pk])
            for name in ("decisions", "call_notes", "document_requests", "documents"):
                assert [row.pk for row in getattr(item.rows, name)] == [row.pk for row in getattr(expected, name)]
            row = queue_row(item.case, TODAY, calendars, item.rows)
            same = queue_row(prefetched[item.case.pk], TODAY, calendars)
            assert (row.status, row.deadlines, row.is_new) == (same.status, same.deadlines, same.is_new)
            for is_specialist in (True, False):
                assert queue_rows([row], is_specialist=is_specialist) == queue_rows([same], is_specialist=is_specialist)
    assert len(queries) == 0, [query["sql"][:120] for query in queries]
