"""The registration identity step is throttled per address and per person named, and a throttled attempt looks
exactly like one that matches nobody (accounts/registration_limits.py, docs/security.md)."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from redis.exceptions import RedisError

from accounts import identity, registration, registration_limits
from accounts.identity import IdentityClaim
from accounts.models import AccountEvent, AccountEventKind, PendingRegistration
from accounts.tests.factories import EmployeeWithPhoneFactory
from accounts.tests.test_sign_in_limits import shared_redis_limits  # noqa: F401 (a fixture)
from accounts.tests.walks import identity_of, roster_person, without_csrf

pytestmark = pytest.mark.django_db

NOT_VERIFIED = "/accounts/register/not-verified/"
EMPLOYEE_NUMBER = "/accounts/register/employee-number/"
BORN = date(1980, 1, 2)


def birthdates(count, skipping=BORN):
    """`count` wrong birthdates, as a script would try them: the days of 1980 in order, the right one left out."""
    days = (date(1980, 1, 1) + timedelta(days=n) for n in range(366))
    return [day.strftime("%m/%d/%Y") for day in days if day != skipping][:count]


def attempt(client, identity_fields, address="198.51.100.7"):
    """One try at the identity step from `address` (one client per test, its address set per request: each new
    Client loads every middleware again, WhiteNoise's scan of the static files included)."""
    return client.post("/accounts/register/", identity_fields, REMOTE_ADDR=address)


def answer(client, response, *, page=False):
    """What an attacker sees of an answer: its status and where it sends them (and, with `page`, that page)."""
    seen = (response.status_code, response.get("Location"), response.content)
    if page and response.status_code == 302:
        return (*seen, without_csrf(client.get(response["Location"], REMOTE_ADDR="192.0.2.200").content))
    return seen


def test_fifty_birthdates_from_one_address_are_refused_after_the_limit_and_the_right_one_then_looks_unmatched(client):
    record = roster_person()
    wrong = [attempt(client, {**identity_of(record), "birth_date": day}, "203.0.113.5") for day in birthdates(49)]
    right = attempt(client, identity_of(record), "203.0.113.5")
    unmatched = answer(client, wrong[0])
    assert unmatched[1] == NOT_VERIFIED
    assert {answer(client, response) for response in [*wrong, right]} == {unmatched}
    assert answer(client, right, page=True) == answer(client, wrong[0], page=True)
    assert not PendingRegistration.objects.exists()
    assert client.get(EMPLOYEE_NUMBER)["Location"] == "/accounts/register/"


def test_the_right_birthdate_goes_on_while_under_the_limits(client):
    record = roster_person()
    for day in birthdates(registration_limits.PER_PERSON.count - 1):
        attempt(client, {**identity_of(record), "birth_date": day}, "203.0.113.5")
    assert attempt(client, identity_of(record), "203.0.113.5")["Location"] == EMPLOYEE_NUMBER


def test_a_person_who_mistypes_the_date_twice_registers(client):
    record = roster_person()
    for day in ("01/02/1908", "02/01/1980"):
        assert attempt(client, {**identity_of(record), "birth_date": day})["Location"] == NOT_VERIFIED
    assert attempt(client, identity_of(record))["Location"] == EMPLOYEE_NUMBER
    right = client.post(EMPLOYEE_NUMBER, {"employee_number": record.employee_number})
    assert right["Location"] == "/accounts/register/username-password/"


def test_rotating_addresses_against_one_person_is_stopped_by_the_per_person_limit(client):
    record = roster_person()
    other = roster_person(first_name="Ana", last_name="Lima")
    wrong = birthdates(registration_limits.PER_PERSON.count)
    for n, day in enumerate(wrong):
        assert attempt(client, {**identity_of(record), "birth_date": day}, f"10.0.{n}.1")["Location"] == NOT_VERIFIED
    assert attempt(client, identity_of(record), "10.0.99.1")["Location"] == NOT_VERIFIED
    assert attempt(client, identity_of(other), "10.0.0.1")["Location"] == EMPLOYEE_NUMBER  # only that person waits


def test_changing_the_case_or_accents_of_the_name_counts_on_the_same_person(client):
    record = roster_person()
    names = [("MARIA", "SANTOS"), (" maría ", "santos"), ("Maria", "Santos ")]
    for n, day in enumerate(birthdates(registration_limits.PER_PERSON.count)):
        first, last = names[n % len(names)]
        typed = {**identity_of(record), "first_name": first, "last_name": last, "birth_date": day}
        assert attempt(client, typed, f"10.1.{n}.1")["Location"] == NOT_VERIFIED
    assert attempt(client, identity_of(record), "10.1.99.1")["Location"] == NOT_VERIFIED


def test_many_people_from_one_address_are_stopped_by_the_per_address_limit(client):
    record = roster_person()
    for n in range(registration_limits.PER_ADDRESS.count):
        attempt(client, {**identity_of(record), "last_name": f"Stranger{n}"}, "203.0.113.9")
    assert attempt(client, identity_of(record), "203.0.113.9")["Location"] == NOT_VERIFIED
    assert attempt(client, identity_of(record), "203.0.113.10")["Location"] == EMPLOYEE_NUMBER


def test_a_person_not_on_the_roster_is_counted_and_refused_exactly_like_one_who_is(client):
    """Counting only names that match a record would tell an attacker who is on the roster."""
    record = roster_person()
    nobody = {**identity_of(record), "first_name": "Nadie", "last_name": "Aqui"}
    for n, day in enumerate(birthdates(registration_limits.PER_PERSON.count + 1)):
        attempt(client, {**identity_of(record), "birth_date": day}, f"10.2.{n}.1")
        attempt(client, {**nobody, "birth_date": day}, f"10.3.{n}.1")
    details = list(AccountEvent.objects.order_by("-pk").values_list("detail", flat=True)[:2])
    assert [detail.split(" (person")[0] for detail in details] == ["identity: over the person limit, no match"] * 2


def test_over_the_limit_the_right_answer_for_a_registered_person_looks_unmatched_too(client):
    record = roster_person(first_name="Ana", last_name="Lima")
    EmployeeWithPhoneFactory.create(roster_record=record, first_name="Ana", last_name="Lima")
    for n, day in enumerate(birthdates(registration_limits.PER_PERSON.count, skipping=record.birth_date)):
        attempt(client, {**identity_of(record), "birth_date": day}, f"10.4.{n}.1")
    right = attempt(client, identity_of(record), "10.4.99.1")
    unmatched = attempt(client, {**identity_of(record), "zip_code": "02999"})
    assert answer(client, right, page=True) == answer(client, unmatched, page=True)


def test_every_refused_attempt_is_recorded_without_the_birthdate_or_the_name(client):
    record = roster_person()
    wrong = birthdates(registration_limits.PER_PERSON.count)
    for day in wrong:
        attempt(client, {**identity_of(record), "birth_date": day}, "198.51.100.20")
    attempt(client, identity_of(record), "198.51.100.20")
    events = list(AccountEvent.objects.filter(kind=AccountEventKind.REGISTRATION_REFUSED).order_by("pk"))
    assert len(events) == len(wrong) + 1
    assert {event.ip_address for event in events} == {"198.51.100.20"}
    assert events[-1].detail.startswith("identity: over the person limit, it matched (person ")
    assert events[0].detail.startswith("identity: no match (person ")
    typed = [*wrong, "01/02/1980", "1980-01-02", "1980", "Santos", "María", "Maria", "02108"]
    assert not [event.detail for event in events if any(value in event.detail for value in typed)]


def test_when_the_limits_cannot_be_read_the_identity_step_refuses(client, monkeypatch):
    record = roster_person()

    def unreachable(*args, **kwargs):
        raise RedisError("down")

    monkeypatch.setattr(registration_limits, "get_usage", unreachable)
    assert attempt(client, identity_of(record))["Location"] == NOT_VERIFIED
    assert AccountEvent.objects.get().detail.startswith("identity: limits unavailable, it matched")


def claim_of(record, **overrides):
    fields = {"first_name": record.first_name, "last_name": record.last_name, "zip_code": record.home_zip[:5],
              "birth_date": record.birth_date, **overrides}  # fmt: skip
    return IdentityClaim(**fields)


def test_the_per_person_limit_is_shared_by_two_processes_through_redis(client, shared_redis_limits):  # noqa: F811
    record = roster_person()
    for n, day in enumerate(birthdates(registration_limits.PER_PERSON.count)):
        attempt(client, {**identity_of(record), "birth_date": day}, f"10.5.{n}.1")
    seen_elsewhere = []

    def another_worker():  # a thread has its own cache connection, as another gunicorn process would
        request = RequestFactory().post("/accounts/register/", REMOTE_ADDR="10.5.99.1")
        seen_elsewhere.append(registration_limits.count_identity_attempt(request, claim_of(record)))

    other = threading.Thread(target=another_worker)
    other.start()
    other.join()
    assert seen_elsewhere == ["over the person limit"]
    assert attempt(client, identity_of(record), "10.5.98.1")["Location"] == NOT_VERIFIED


# Equal work on every path. The time an answer takes must not tell a match from no match, nor a person who has
# an account from one who has none: each path makes the same calls and the same kinds of query.


def counting(calls, name, function):
    def counted(*args):
        calls.append(name)
        return function(*args)

    return counted


def work_of(client, monkeypatch, identity_fields, address):
    """Where an answer goes, the expensive calls it made in order, its queries' kinds, and whether it read accounts."""
    calls: list[str] = []
    monkeypatch.setattr(registration, "matching_record", counting(calls, "lookup", identity.matching_record))
    monkeypatch.setattr(registration_limits, "_count", counting(calls, "count", registration_limits._count))
    monkeypatch.setattr(registration, "make_password", counting(calls, "hash", registration.make_password))
    client.cookies.clear()  # each path from a browser with no registration yet
    with CaptureQueriesContext(connection) as queries:
        response = attempt(client, identity_fields, address)
    monkeypatch.undo()
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    touches_accounts = any('"accounts_user"' in query["sql"] for query in queries.captured_queries)
    return response["Location"], calls, statements, touches_accounts


def test_every_answer_of_the_identity_step_does_the_same_work(client, monkeypatch):
    new = roster_person()
    registered = roster_person(first_name="Ana", last_name="Lima")
    EmployeeWithPhoneFactory.create(roster_record=registered, first_name="Ana", last_name="Lima")
    throttled = roster_person(first_name="Rui", last_name="Costa")
    for n, day in enumerate(birthdates(registration_limits.PER_PERSON.count)):
        attempt(client, {**identity_of(throttled), "birth_date": day}, f"10.6.{n}.1")
    for record in (new, registered):  # one earlier attempt each, so every count already exists in the cache
        attempt(client, {**identity_of(record), "zip_code": "02999"}, "10.6.50.1")
    paths = {
        "new": work_of(client, monkeypatch, identity_of(new), "10.6.50.1"),
        "registered": work_of(client, monkeypatch, identity_of(registered), "10.6.50.1"),
        "unmatched": work_of(client, monkeypatch, {**identity_of(new), "birth_date": "03/04/1975"}, "10.6.50.1"),
        "throttled": work_of(client, monkeypatch, identity_of(throttled), "10.6.50.1"),
    }
    assert {name: work[0] for name, work in paths.items()} == {
        "new": EMPLOYEE_NUMBER, "registered": EMPLOYEE_NUMBER, "unmatched": NOT_VERIFIED, "throttled": NOT_VERIFIED,
    }  # fmt: skip
    assert {tuple(work[1]) for work in paths.values()} == {("count", "count", "count", "lookup")}
    assert len({tuple(work[2]) for work in paths.values()}) == 1, {name: work[2] for name, work in paths.items()}
    assert not [name for name, work in paths.items() if work[3]]  # no path looks at accounts
