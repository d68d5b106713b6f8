"""The queue and the case view are kept rendered (desk.stored_pages) and never shown stale: any write they may
show, by any path, commits a new desk stamp; the writes they never show (the quiet tables) leave them kept; a
kept page carries the viewer's own CSRF token and is never served to another viewer.

These tests commit (transaction=True): the stamp changes when a transaction commits, as in production."""

import re

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.log import record
from audit.models import AuditAction, AuditEvent
from cases.models import Case
from desk import stored_pages
from desk.models import AgencyAuthorization, CaseAssignment, DeskStamp, Task, TaskKind
from desk.stored_pages import CSRF_SLOT, QUIET_MODELS, written_table
from desk.tests.conftest import desk_case, sign_in_to_desk
from desk.tests.factories import make_hr_professional, make_specialist
from roster.models import RosterRecord

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _view(client: Client, url: str) -> tuple[str, int]:
    """The page's HTML and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _without_tokens(html: str) -> str:
    return TOKEN.sub("", html)


@pytest.fixture
def case(employee):
    return desk_case(employee)


@pytest.fixture
def desk(client, specialist):
    return sign_in_to_desk(client, specialist)


def test_a_kept_queue_is_read_from_the_cache_and_is_the_page_rendered(desk, case):
    url = reverse("desk:queue")
    rendered, rendered_cost = _view(desk, url)
    kept, kept_cost = _view(desk, url)
    assert case.case_number in kept
    assert kept_cost < rendered_cost
    assert _without_tokens(kept) == _without_tokens(rendered)


def test_a_kept_page_carries_this_sessions_token_and_its_forms_post(case, specialist, employee):
    url = reverse("desk:case", args=[case.case_number])
    first = sign_in_to_desk(Client(enforce_csrf_checks=True), specialist)
    first.get(url)  # rendered and kept
    second = sign_in_to_desk(Client(enforce_csrf_checks=True), specialist)  # the same specialist, another session
    html, _ = _view(second, url)
    assert CSRF_SLOT not in html
    [token] = set(TOKEN.findall(html))
    response = second.post(url, {"csrfmiddlewaretoken": token, "action": "pick"})
    assert response.status_code == 302  # accepted: 403 had the token been the first session's
    assert CaseAssignment.objects.get(case=case).owner == specialist


def test_a_save_shows_on_the_next_view(desk, case, specialist):
    url = reverse("desk:case", args=[case.case_number])
    desk.get(url)
    assert "Nobody owns this case yet." in _view(desk, url)[0]
    CaseAssignment.objects.create(case=case, owner=specialist)
    assert "You own this case." in _view(desk, url)[0]


def test_a_queryset_update_and_a_bulk_insert_show_on_the_next_view(desk, case):
    url = reverse("desk:queue")
    desk.get(url)
    Case.objects.filter(pk=case.pk).update(phone="617-555-0199")  # no signal is sent
    RosterRecord.objects.filter(pk=case.employee.roster_record_id).update(first_name="Renamed")
    assert "Renamed" in _view(desk, url)[0]

    case_url = reverse("desk:case", args=[case.case_number])
    desk.get(case_url)
    Task.objects.bulk_create([Task(case=case, kind=TaskKind.FOLLOW_UP, due_date=case.submitted_at.date(), note="Ring")])
    assert "Ring" in _view(desk, case_url)[0]


def test_a_change_rolled_back_leaves_the_kept_page(desk, case):
    url = reverse("desk:queue")
    desk.get(url)
    _, kept_cost = _view(desk, url)
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(phone="617-555-0199")
        transaction.set_rollback(True)
    assert _view(desk, url)[1] == kept_cost


def test_the_quiet_tables_leave_the_kept_pages(desk, case, specialist):
    url = reverse("desk:queue")
    desk.get(url)
    _, kept_cost = _view(desk, url)
    record(specialist, AuditAction.VIEWED_REASONS, case=case, target="a view")
    assert _view(desk, url)[1] == kept_cost


def test_the_case_view_is_written_in_the_audit_log_even_when_kept(desk, case, specialist):
    url = reverse("desk:case", args=[case.case_number])
    desk.get(url)
    desk.get(url)
    desk.get(url)
    views = AuditEvent.objects.filter(actor=specialist, case_number=case.case_number, action=AuditAction.VIEWED_REASONS)
    assert views.count() == 3


def test_a_kept_page_is_never_served_to_another_staff_member(client, case, health_case, specialist):
    """An HR professional of Revenue sees only Revenue's cases, also after a specialist's view was kept."""
    url = reverse("desk:queue")
    sign_in_to_desk(Client(), specialist).get(url)
    sign_in_to_desk(Client(), specialist).get(url)  # kept
    hr_page = sign_in_to_desk(client, make_hr_professional()).get(url).content.decode()
    assert case.case_number in hr_page
    assert health_case.case_number not in hr_page
    other = make_specialist("another")
    other.first_name, other.last_name = "Otto", "Another"
    other.save()
    their = sign_in_to_desk(Client(), other).get(url).content.decode()
    assert "Signed in as <strong>Otto Another</strong>" in their
    assert f"<strong>{specialist.get_full_name()}</strong>" not in their


def test_a_page_with_a_message_is_rendered_and_not_kept(desk, case):
    url = reverse("desk:case", args=[case.case_number])
    desk.get(url)
    done = "You own this case now"
    assert done in desk.post(url, {"action": "pick"}, follow=True).content.decode()
    assert done not in _view(desk, url)[0]  # the message is shown once: that page was not kept


def test_an_address_with_other_parameters_is_rendered_and_not_kept(desk, case):
    url = reverse("desk:queue") + "?utm=1"
    desk.get(url)
    _, once = _view(desk, url)
    assert _view(desk, url)[1] == once  # the same cost each time: rendered every time


def test_the_kept_pages_read_no_quiet_table(desk, case, specialist):
    """What the quiet tables hold must never reach a kept page: a write there gives no new stamp. Only the
    sign-in reads the session tables, before the view (it refuses the request or lets it through)."""
    quiet = {stored_pages.apps.get_model(label, name)._meta.db_table for label, name in QUIET_MODELS}
    read_by_the_sign_in = {"django_session", "accounts_usersession"}
    kept_cases_own = {DeskStamp._meta.db_table}
    queue = reverse("desk:queue")
    for url in (queue, f"{queue}?sort=-due", reverse("desk:case", args=[case.case_number])):
        with CaptureQueriesContext(connection) as queries:
            assert desk.get(url).status_code == 200
        selects = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
        for table in quiet - read_by_the_sign_in - kept_cases_own:
            assert not [sql for sql in selects if f'"{table}"' in sql], f"{url} reads {table}"


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('SELECT "a" FROM "cases_case"', None),
        ('(SELECT "a" FROM "roster_localholiday") UNION (SELECT "b" FROM "roster_closure")', None),
        ('DECLARE "_django_curs_1" NO SCROLL CURSOR WITH HOLD FOR SELECT "a" FROM "accounts_user"', None),
        ("SAVEPOINT s1", None),
        ('INSERT INTO "cases_case" ("a") VALUES (1)', "cases_case"),
        ('INSERT OR IGNORE INTO "desk_task" ("a") VALUES (1)', "desk_task"),
        ('  UPDATE "desk_task" SET "a" = 1', "desk_task"),
        ('DELETE FROM "audit_auditevent" WHERE 1', "audit_auditevent"),
        ("update public.cases_case set a = 1", "cases_case"),
        ('TRUNCATE "cases_case"', ""),
        ("WITH x AS (SELECT 1) UPDATE cases_case SET a = 1", ""),
    ],
)
def test_the_table_a_statement_writes(sql, table):
    assert written_table(sql) == table


def test_an_hr_professional_whose_agency_is_taken_away_is_refused_the_kept_case_page(client, case):
    hr = make_hr_professional()
    sign_in_to_desk(client, hr)
    url = reverse("desk:case", args=[case.case_number])
    client.get(url)
    assert client.get(url).status_code == 200  # kept
    AgencyAuthorization.objects.filter(staff_role__user=hr).delete()
    assert client.get(url).status_code == 404


def test_a_case_deleted_is_not_found_though_its_page_was_kept(desk, case):
    url = reverse("desk:case", args=[case.case_number])
    desk.get(url)
    desk.get(url)
    Case.objects.filter(pk=case.pk).delete()
    assert desk.get(url).status_code == 404


def test_a_kept_entry_that_does_not_decompress_is_rendered_again_and_viewed_once(desk, case, monkeypatch):
    url = reverse("desk:case", args=[case.case_number])
    desk.get(url)
    desk.get(url)
    cache = caches["default"]
    real_get = cache.get

    def get(key, *args, **kwargs):
        return (b"not zlib", 7) if key.startswith("desk-page:") else real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get)
    views = AuditEvent.objects.filter(case_number=case.case_number)
    before = views.count()
    assert case.case_number in _view(desk, url)[0]
    assert views.count() == before + 1


def test_a_stamp_that_cannot_be_recorded_leaves_the_page_rendered_and_not_kept(desk, case, monkeypatch):
    url = reverse("desk:queue")
    _view(desk, url)  # rendered once first: what a first view counts and caches is done
    monkeypatch.setattr(stored_pages, "_new_stamp", lambda alias: None)  # as if its INSERT failed, and was logged
    DeskStamp.objects.all().delete()
    page, once = _view(desk, url)
    assert case.case_number in page
    assert _view(desk, url)[1] == once > 2  # rendered again (a kept queue costs 2 queries): nothing was kept
