"""The queue's agency and policy choices come from the cache after the first page, and change as soon as the
roster or the policies do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import EmployeeFactory
from desk.tests.conftest import sign_in_to_desk
from policies.models import Policy
from roster.feed_import import import_roster, roster_imported
from roster.models import RosterRecord

pytestmark = pytest.mark.django_db

CHOICE_READS = ('SELECT DISTINCT "roster_rosterrecord"."agency"', 'FROM "policies_policy"')


def queue(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("desk:queue")).content.decode()
    return page, [q["sql"] for q in queries if any(read in q["sql"] for read in CHOICE_READS)]


def test_the_queue_reads_its_agency_and_policy_choices_once(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    _page, first = queue(client)
    assert len(first) == 2
    page, again = queue(client)
    assert again == []
    agency = report_case.employee.roster_record.agency
    assert f'<option value="{agency}">' in page
    assert '<option value="fmla">' in page


def test_a_new_agency_on_the_roster_is_a_choice_at_once(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    queue(client)
    EmployeeFactory.create(roster_record__agency="Department of Fish and Game")
    page, reads = queue(client)
    assert len(reads) == 2
    assert '<option value="Department of Fish and Game">' in page


def test_an_agency_renamed_by_a_roster_import_is_a_choice_at_once(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    queue(client)
    RosterRecord.objects.update(agency="Executive Office of Elder Affairs")  # the import writes in bulk: no signal
    roster_imported.send(import_roster)  # as the import does once its rows are written
    page, _reads = queue(client)
    assert '<option value="Executive Office of Elder Affairs">' in page


def test_a_policy_made_inactive_is_no_longer_a_choice(client, specialist, report_case):
    sign_in_to_desk(client, specialist)
    assert '<option value="fmla">' in queue(client)[0]
    fmla = Policy.objects.get(code="fmla")
    fmla.is_active = False
    fmla.save()
    assert '<option value="fmla">' not in queue(client)[0]
