"""Registration actions: each step's rule and the one write it makes to the pending registration.

Only `complete_registration` creates an account, in one transaction, after the phone is verified.
Until then nothing is usable and no username is reserved (two people may be choosing the same one;
the first to finish gets it, the other is sent back to choose again).
"""

from __future__ import annotations

import enum

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.base import SessionBase
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from accounts import codes, registration_limits
from accounts.events import record_event
from accounts.identity import IdentityClaim, employee_number_matches, matching_record
from accounts.models import AccountEventKind, PendingRegistration, PhoneDevice, RegistrationStep, User
from notices.models import Channel
from notices.sending import queue_notice
from roster.models import RosterRecord

SESSION_REFERENCE = "accounts.registration"
SESSION_COMPLETED = "accounts.registration_completed"
SESSION_NUMBER_TRIES = "accounts.registration_number_tries"
EMPLOYEE_NUMBER_TRIES = 3
EMPLOYEE_NUMBER_RATE = "10/d"
NUMBER_GROUP = "accounts.registration.employee-number"


def current_registration(session: SessionBase) -> PendingRegistration | None:
    reference = session.get(SESSION_REFERENCE)
    if not reference:
        return None
    return PendingRegistration.objects.live().filter(reference=reference).first()


def begin_registration(request: HttpRequest, claim: IdentityClaim) -> PendingRegistration | None:
    """The identity step: a fresh registration for this browser if the claim matches one roster record and
    no limit refuses it (`accounts/registration_limits.py`); None, recorded, otherwise.

    Every path does the same work, so its time tells nothing: the same cleanup and session write, the three
    counts, the one roster query (made even over a limit), then one row written, the registration or the
    refusal's event. The step never looks at accounts: whether the person already has one is checked only
    with the employee number. The event names neither the birthdate nor the name, only a hash of the person.
    """
    PendingRegistration.objects.expired().delete()
    discard_registration(request.session)
    request.session.pop(SESSION_COMPLETED, None)
    request.session[SESSION_NUMBER_TRIES] = 0
    over_limit = registration_limits.count_identity_attempt(request, claim)
    record = matching_record(claim)
    if record is None or over_limit is not None:
        record_event(request, AccountEventKind.REGISTRATION_REFUSED, detail=identity_refusal(claim, record, over_limit))
        return None
    pending = PendingRegistration.objects.create(
        reference=codes.new_attempt_reference(), roster_record=record, step=RegistrationStep.EMPLOYEE_NUMBER
    )
    request.session[SESSION_REFERENCE] = pending.reference
    return pending


def identity_refusal(claim: IdentityClaim, record: RosterRecord | None, over_limit: str | None) -> str:
    """What the refusal's event says: why, whether it matched, and which person (hashed), never what was typed."""
    person = registration_limits.person_key(claim)[:12]
    if over_limit is None:
        return f"identity: no match (person {person})"
    matched = "it matched" if record is not None else "no match"
    return f"identity: {over_limit}, {matched} (person {person})"


def discard_registration(session: SessionBase) -> None:
    reference = session.pop(SESSION_REFERENCE, None)
    if reference:
        PendingRegistration.objects.filter(reference=reference).delete()


class NumberCheck(enum.Enum):
    CONFIRMED = "confirmed"
    WRONG = "wrong"  # mistyped, perhaps: the person may correct it on the same page
    REFUSED = "refused"  # the one refusal every mismatch ends in


def employee_number_tries_left(session: SessionBase) -> int:
    return max(0, EMPLOYEE_NUMBER_TRIES - int(session.get(SESSION_NUMBER_TRIES, 0)))


def wrong_numbers_over_rate(request: HttpRequest, record_id: int, *, count: bool) -> bool:
    """Whether the wrong numbers typed for one roster record today reached the rate (counting one more)."""
    usage = get_usage(
        request, group=NUMBER_GROUP, key=lambda _g, _r: f"record:{record_id}", rate=EMPLOYEE_NUMBER_RATE,
        increment=count,
    )  # fmt: skip
    limit, _period = EMPLOYEE_NUMBER_RATE.split("/")
    return usage is not None and int(usage["count"]) >= int(limit)


def confirm_employee_number(request: HttpRequest, pending: PendingRegistration, employee_number: str) -> NumberCheck:
    """The number must be the matched record's, and that record must have no account yet.

    A wrong number may be typed again, `EMPLOYEE_NUMBER_TRIES` times in all per registration and
    `EMPLOYEE_NUMBER_RATE` per roster record, so the number cannot be guessed. When the record
    already has an account, its owner is told (the person registering is not).
    """
    record = pending.roster_record
    if record is None or wrong_numbers_over_rate(request, record.pk, count=False):
        return NumberCheck.REFUSED
    if not employee_number_matches(record, employee_number):
        request.session[SESSION_NUMBER_TRIES] = int(request.session.get(SESSION_NUMBER_TRIES, 0)) + 1
        over_rate = wrong_numbers_over_rate(request, record.pk, count=True)
        if over_rate or employee_number_tries_left(request.session) == 0:
            record_event(request, AccountEventKind.REGISTRATION_REFUSED, detail="employee number")
            return NumberCheck.REFUSED
        return NumberCheck.WRONG
    owner = User.objects.filter(roster_record=record).first()
    if owner is not None:
        tell_owner_of_registration_attempt(owner)
        record_event(request, AccountEventKind.REGISTRATION_REFUSED, user=owner, detail="already registered")
        return NumberCheck.REFUSED
    pending.advance_to(RegistrationStep.CREDENTIALS)
    return NumberCheck.CONFIRMED


def tell_owner_of_registration_attempt(owner: User) -> None:
    context = {"administrator": settings.ADMINISTRATOR}
    device = owner.phone_device
    if device is not None:
        queue_notice(Channel.SMS, device.number, "account_registration_attempt", context)
    elif owner.email:
        queue_notice(Channel.EMAIL, owner.email, "account_registration_attempt", context)


def username_is_taken(username: str) -> bool:
    return User.objects.filter(username__iexact=username.strip()).exists()


def choose_credentials(pending: PendingRegistration, username: str, password: str) -> None:
    pending.username = username.strip()
    pending.password_hash = make_password(password)
    pending.advance_to(RegistrationStep.TWO_STEP)


def acknowledge_two_step(pending: PendingRegistration) -> None:
    pending.advance_to(RegistrationStep.PHONE)


def choose_phone(pending: PendingRegistration, number: str, method: str) -> PhoneDevice:
    """The phone to verify; choosing again (the "Edit" link) replaces the previous one."""
    PhoneDevice.objects.filter(pending_registration=pending).delete()
    device = PhoneDevice.objects.create(pending_registration=pending, number=number, method=method, name="phone")
    pending.advance_to(RegistrationStep.VERIFY)
    return device


def pending_phone(pending: PendingRegistration) -> PhoneDevice | None:
    return PhoneDevice.objects.filter(pending_registration=pending).order_by("-pk").first()


def rate_limit_key(pending: PendingRegistration) -> str:
    return f"person:{pending.roster_record_id}"


def complete_registration(request: HttpRequest, pending: PendingRegistration, device: PhoneDevice) -> User | None:
    """Create the account from a registration whose phone was just verified.

    Returns None, and sends the registration back to the username step, if someone took the
    username meanwhile.
    """
    record = pending.roster_record
    if record is None or username_is_taken(pending.username) or User.objects.filter(roster_record=record).exists():
        pending.advance_to(RegistrationStep.CREDENTIALS)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create(
                username=pending.username,
                password=pending.password_hash,
                first_name=record.first_name,
                last_name=record.last_name,
                email=record.work_email,
                roster_record=record,
            )
            device.user = user
            device.pending_registration = None
            device.confirmed = True
            device.save()
            pending.delete()
    except IntegrityError:
        pending.advance_to(RegistrationStep.CREDENTIALS)
        return None
    request.session.pop(SESSION_REFERENCE, None)
    request.session[SESSION_COMPLETED] = True
    record_event(request, AccountEventKind.REGISTERED, user=user)
    return user
