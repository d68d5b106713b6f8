"""Seed the desk with open cases that look submitted and worked on, fast: for `bench/desk.py` and its tests.

`seed_desk(count)` adds `count` open leave cases (and, beside them, a tenth as many unplanned absences and a
twentieth as many cancelled leaves, which the open queue must leave out) for new employees spread over eight
agencies and four work locations. Most rows are written with bulk_create through the project's models, as the
submit action writes them: the case with its contact answers, its reasons, its leave period (continuous) or
time entries and one-year span (intermittent), and its SUBMITTED history line; its decisions are attached by the
submit action's own `attach_policies`, each with the engine's eligibility note. Then desk work on a share of
them, as the desk's actions leave it: verification and review call notes, a medical certification asked for
(due 15 days later, some answered by an upload, some overdue), each with its history line; and each batch's desk
tasks, as the cases' events leave them (desk.worklist.sync_tasks: the queue reads its deadlines from them).

A sample (one case in a hundred, at most 20) goes all the way through the real actions instead: submitted by
`submit_leave_request` (confirmation notice and eligibility letter included), called, asked for a document and
one policy approved by the desk's `decide_policies` (its designation letter included). Bulk cases have no
notices or letters: the queue never reads them, and the sample shows the case view with them.

Submissions fall on the last 60 days, so the younger cases have their call deadlines still ahead and the older
ones, uncalled, are overdue.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from absence.days import DayEntry
from absence.reasons import CaseReason
from absence.windows import one_year_span
from accounts.models import ContactMethod, PhoneDevice, User
from cases.decisions import attach_policies
from cases.demo import EASTERN, full_day, scheduled_day_on_or_before, submit_demo_leave
from cases.models import (
    Case,
    CaseCondition,
    CaseEvent,
    CaseEventKind,
    CaseKind,
    Document,
    DocumentContentType,
    DocumentType,
    LeavePattern,
    LeavePeriod,
    PaymentOption,
    TimeEntry,
)
from cases.submission import _submitted_summary
from desk import actions
from desk.decisions import DecisionsRefused
from desk.models import AgencyAuthorization, CallNote, CallPurpose, DocumentRequest, Role, StaffRole
from desk.worklist import sync_tasks
from policies.models import DecidedBy, DecisionStatus, PolicyDecision
from roster.models import EmploymentSpell, HoursWorkedReport, RosterRecord, name_key

SPECIALIST_USERNAME = "bench.specialist"
HR_USERNAME = "bench.hr"
STAFF_PASSWORD = "Bench-desk-2026!"  # noqa: S105 - a throwaway database's staff, dropped after the run
SPECIALIST_PHONE = "+16175550180"
HR_PHONE = "+16175550181"
AGENCIES = (
    "Department of Revenue",
    "Executive Office of Health and Human Services",
    "Trial Court",
    "Department of Transportation",
    "Department of Correction",
    "Department of Children and Families",
    "Department of Public Health",
    "Executive Office of Education",
)
HR_AGENCIES = AGENCIES[:2]
LOCATIONS = ("MA",) * 7 + ("NH", "RI", "CT")
FIRST_NAMES = (
    "Maria",
    "Jose",
    "James",
    "Linh",
    "Aisha",
    "Patrick",
    "Mei",
    "Carlos",
    "Grace",
    "Tomasz",
    "Fatima",
    "Liam",
    "Nadia",
    "Kwame",
    "Sofia",
    "Daniel",
    "Priya",
    "Sean",
    "Ana",
    "Omar",
    "Hannah",
    "Diego",
    "Chloe",
    "Mohammed",
    "Rosa",
    "Kevin",
    "Yuki",
    "Brendan",
    "Amara",
    "Luis",
    "Siobhan",
    "Tariq",
    "Elena",
    "Marcus",
    "Ines",
    "Dmitri",
    "Keisha",
    "Ravi",
    "Colleen",
    "Thanh",
)
LAST_NAMES = (
    "Murphy",
    "Nguyen",
    "Silva",
    "Pereira",
    "O'Brien",
    "Santos",
    "Kim",
    "Sullivan",
    "Rodriguez",
    "Chen",
    "Walsh",
    "Patel",
    "Costa",
    "Kelly",
    "Lopez",
    "Fitzgerald",
    "Tran",
    "Gomes",
    "Ryan",
    "Hernandez",
    "Lee",
    "Doherty",
    "Okafor",
    "Cruz",
    "McCarthy",
    "Haddad",
    "Brennan",
    "Rivera",
    "Kowalski",
    "Mendes",
    "Garcia",
    "Flynn",
    "Nowak",
    "Ahmed",
    "Reyes",
    "Byrne",
    "Hughes",
    "Barros",
    "Lynch",
    "Thompson",
)
# (reason, share of the open cases, pattern's chance of being continuous, the reasons an employee gives)
REASONS: tuple[tuple[CaseReason, int, float, tuple[tuple[str, str], ...]], ...] = (
    (CaseReason.EMPLOYEE_HEALTH, 45, 0.6, (("Knee replacement surgery", "Z96.651"), ("Migraine", "G43.909"),
                                         ("Lower back pain", "M54.50"), ("Major depressive disorder", "F32.9"),
                                         ("Breast cancer", "C50.919"), ("Type 2 diabetes", "E11.9"))),
    (CaseReason.FAMILY_HEALTH, 20, 0.3, (("Parent's chemotherapy appointments", "Z51.11"),
                                        ("Child's asthma", "J45.909"), ("Spouse's hip surgery", "Z96.641"))),
    (CaseReason.PREGNANCY, 10, 0.8, (("Pregnancy", "Z34.90"), ("Prenatal care", "Z34.80"))),
    (CaseReason.BONDING, 15, 0.9, (("Birth of a child", ""), ("Adoption placement", ""))),
    (CaseReason.MILITARY_CAREGIVER, 3, 0.5, (("Caring for a wounded service member", ""),)),
    (CaseReason.QUALIFYING_EXIGENCY, 7, 0.2, (("Spouse's deployment", ""),)),
)  # fmt: skip
CALL_TEXTS = (
    "Verified the dates and the condition with the employee.",
    "Left a message; the employee called back and confirmed the start date.",
    "Explained the certification form and when it is due.",
)
DAYS_SPREAD = 60
SAMPLE_MOST = 20  # each takes a second or two: its notices and letters are rendered


@dataclass
class Seeded:
    """What one seeding added: for the bench's print-out and the tests."""

    open_cases: int = 0
    unplanned: int = 0
    cancelled: int = 0
    through_actions: list[str] = field(default_factory=list)  # case numbers of the sample
    employees: int = 0
    call_notes: int = 0
    document_requests: int = 0
    documents: int = 0


def seed_staff() -> tuple[User, User]:
    """The specialist and the HR professional (of two agencies), each with a phone for the sign-in codes."""
    people = []
    for username, first, last, phone, role, agencies in (
        (SPECIALIST_USERNAME, "Casey", "Specialist", SPECIALIST_PHONE, Role.SPECIALIST, ()),
        (HR_USERNAME, "Harper", "Reyes", HR_PHONE, Role.HR, HR_AGENCIES),
    ):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username, first_name=first, last_name=last, email=f"{username}@workpartners.example",
                password=make_password(STAFF_PASSWORD),
            )  # fmt: skip
            PhoneDevice.objects.create(user=user, number=phone, method=ContactMethod.SMS, name="phone", confirmed=True)
            staff_role = StaffRole.objects.create(user=user, role=role)
            AgencyAuthorization.objects.bulk_create(
                AgencyAuthorization(staff_role=staff_role, agency=a) for a in agencies
            )
        people.append(user)
    return people[0], people[1]


def seed_desk(count: int, *, seed: int = 2026, now: datetime | None = None) -> Seeded:
    """Add `count` open leave cases (with the unplanned and cancelled ones beside them); see the module."""
    rng = random.Random(f"{seed}-{Case.objects.count()}")  # a second call adds different people and cases
    now = now or timezone.now()
    specialist, _hr = seed_staff()
    seeded = Seeded()
    sample = min(SAMPLE_MOST, count // 100)
    bulk = count - sample
    unplanned, cancelled = count // 10, count // 20
    employees = _seed_employees(rng, max(1, (bulk + unplanned + cancelled) * 3 // 5), now.date())
    seeded.employees = len(employees)
    for start in range(0, bulk + cancelled, 500):
        batch = range(start, min(start + 500, bulk + cancelled))
        with transaction.atomic():
            cases = _seed_leave_cases(rng, employees, len(batch), now)
            _attach_decisions(cases)
            live, dropped = cases[: max(0, min(len(cases), bulk - start))], cases[max(0, bulk - start) :]
            _seed_desk_work(rng, live, specialist, now, seeded)
            _cancel(dropped, specialist, now)
            sync_tasks([case.pk for case in cases], now=now)  # as the cases' events leave them
        seeded.open_cases += len(live)
        seeded.cancelled += len(dropped)
    with transaction.atomic():
        absences = _seed_unplanned(rng, employees, unplanned, now)
        sync_tasks([case.pk for case in absences], now=now)
        seeded.unplanned = len(absences)
    for _index in range(sample):
        seeded.through_actions.append(_through_actions(rng, rng.choice(employees), specialist, now).case_number)
    seeded.open_cases += sample
    return seeded


# --- People -----------------------------------------------------------------------------------------------


def seed_roster(count: int, *, seed: int = 2026) -> list[User]:
    """`count` employees on the roster with their accounts and no case (a tenth of them supervisors), as the feed
    and registration leave them: the others a bench's employees work among."""
    return _seed_employees(random.Random(seed), count, timezone.localdate())


def _seed_employees(rng: random.Random, count: int, today: date) -> list[User]:
    """Roster records (one in ten supervises the nine after it) with their accounts, as the feed and registration
    leave them: some hired under a year ago and some under 1,250 hours, so eligibility notes vary."""
    first_number = 500_000 + RosterRecord.objects.count()
    records = []
    for index in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        months = rng.choice((3, 8, 14, 30, 60, 120, 240))
        records.append(
            RosterRecord(
                employee_number=f"{first_number + index}",
                first_name=first, last_name=last, first_name_key=name_key(first), last_name_key=name_key(last),
                birth_date=date(1960, 1, 1) + timedelta(days=rng.randrange(15_000)),
                home_zip=f"0{rng.randrange(1000, 2800)}",
                hire_date=today - timedelta(days=months * 30 + rng.randrange(30)),
                hours_worked_last_12_months=Decimal(rng.choice((640, 1100, 1300, 1750, 1950, 2080))),
                scheduled_hours_per_day=Decimal(rng.choice(("7.5", "8"))),
                work_location=rng.choice(LOCATIONS),
                agency=AGENCIES[index % len(AGENCIES)],
                work_email=f"{first.lower()}.{name_key(last).replace(chr(39), '')}.{first_number + index}@mass.example",
            )
        )  # fmt: skip
    leaders = RosterRecord.objects.bulk_create(records[::10])
    for position, record in enumerate(records):
        if position % 10:
            record.supervisor = leaders[position // 10]
    RosterRecord.objects.bulk_create([r for position, r in enumerate(records) if position % 10])
    EmploymentSpell.objects.bulk_create(EmploymentSpell(record=r, hire_date=r.hire_date) for r in records)
    HoursWorkedReport.objects.bulk_create(
        HoursWorkedReport(record=r, as_of=today - timedelta(days=7), hours=r.hours_worked_last_12_months)
        for r in records
    )
    unusable = make_password(None)
    return User.objects.bulk_create(
        User(username=f"employee.{r.employee_number}", first_name=r.first_name, last_name=r.last_name,
             email=r.work_email, roster_record=r, password=unusable)
        for r in records
    )  # fmt: skip


# --- Cases ------------------------------------------------------------------------------------------------


def _case_numbers(rng: random.Random, count: int) -> list[str]:
    """Ten-digit numbers with no leading zero, none in use (cases.numbers draws them one query at a time)."""
    taken = set(Case.objects.values_list("case_number", flat=True))
    numbers: list[str] = []
    while len(numbers) < count:
        number = str(rng.randrange(1_000_000_000, 10_000_000_000))
        if number not in taken:
            taken.add(number)
            numbers.append(number)
    return numbers


def _submitted_at(rng: random.Random, now: datetime) -> datetime:
    """A weekday between 7 AM and 7 PM Eastern within the last DAYS_SPREAD days, before now."""
    while True:
        day = timezone.localdate(now) - timedelta(days=rng.randrange(DAYS_SPREAD))
        moment = datetime.combine(day, time(rng.randrange(7, 19), rng.randrange(60)), tzinfo=EASTERN)
        if day.weekday() < 5 and moment < now:
            return moment


def _reason(rng: random.Random) -> tuple[CaseReason, bool, tuple[tuple[str, str], ...]]:
    reason, _share, continuous, conditions = rng.choices(REASONS, weights=[r[1] for r in REASONS])[0]
    return reason, rng.random() < continuous, conditions


def _seed_leave_cases(rng: random.Random, employees: list[User], count: int, now: datetime) -> list[Case]:
    """Leave cases as `submit_leave_request` writes them, without their notices, and without decisions yet."""
    cases, conditions, periods, entries, events = [], [], [], [], []
    for number in _case_numbers(rng, count):
        employee = rng.choice(employees)
        reason, continuous, offered = _reason(rng)
        submitted = _submitted_at(rng, now)
        case = Case(
            case_number=number, employee=employee, kind=CaseKind.LEAVE, reason=reason,
            pattern=LeavePattern.CONTINUOUS if continuous else LeavePattern.INTERMITTENT,
            payment_option=rng.choice(PaymentOption.values), work_related=False, contact_by_email=True,
            email=employee.email, phone=f"617-555-{rng.randrange(10_000):04d}", best_time_to_reach=rng.randrange(8, 18),
            submitted_at=submitted, submission_key=uuid.uuid4(),
            child_event_date=submitted.date() + timedelta(days=14) if reason == CaseReason.BONDING else None,
        )  # fmt: skip
        cases.append(case)
        for position, (label, code) in enumerate(rng.sample(offered, k=min(len(offered), rng.choice((1, 1, 2))))):
            conditions.append(CaseCondition(case=case, label=label, code=code, position=position))
        if continuous:
            start = submitted.date() + timedelta(days=rng.randrange(-10, 30))
            period = LeavePeriod(case=case, start_date=start, end_date=start + timedelta(weeks=rng.randrange(1, 17)))
        else:
            days = _reported_days(rng, employee.roster_record, submitted.date())
            entries += [TimeEntry(case=case, date=d.day, full_day=True, minutes=d.minutes, doctor_visit=True)
                        for d in days]  # fmt: skip
            span = one_year_span(min((d.day for d in days), default=submitted.date()))
            period = LeavePeriod(case=case, start_date=span[0], end_date=span[1])
        periods.append(period)
        summary = _submitted_summary(case, period.start_date, period.end_date)
        events.append(_event(case, CaseEventKind.SUBMITTED, summary, at=submitted, actor=employee))
    Case.objects.bulk_create(cases)
    for rows in (conditions, periods, entries, events):
        _bulk_create_with_cases(rows)
    return cases


def _reported_days(rng: random.Random, record: RosterRecord | None, submitted_on: date) -> list[DayEntry]:
    """No day, or up to three scheduled days before the submission, reported with the request."""
    days: dict[date, DayEntry] = {}
    for _index in range(rng.choice((0, 0, 1, 2, 3))):
        day = scheduled_day_on_or_before(record, submitted_on - timedelta(days=rng.randrange(1, 20)))
        days[day] = full_day(record, day)
    return sorted(days.values(), key=lambda d: d.day)


def _bulk_create_with_cases(rows: list) -> None:
    """Rows of one model whose `case` was saved after the row was built: point them at its id, then insert."""
    if not rows:
        return
    for row in rows:
        row.case = row.case
    type(rows[0]).objects.bulk_create(rows)


def _event(case: Case, kind: CaseEventKind, summary: str, *, at: datetime, actor: User | None) -> CaseEvent:
    return CaseEvent(case=case, kind=kind, summary=summary[:500], at=at, actor=actor)


def _attach_decisions(cases: list[Case]) -> None:
    """The submit action's own `attach_policies` for each case, reading what was just written in two queries."""
    loaded = (
        Case.objects.filter(pk__in=[c.pk for c in cases])
        .select_related("employee__roster_record", "leave_period")
        .prefetch_related(Prefetch("time_entries"))
    )
    for case in loaded:
        attach_policies(case)


def _seed_unplanned(rng: random.Random, employees: list[User], count: int, now: datetime) -> list[Case]:
    """One-day unplanned absences reported that morning: the department decides them, the open queue leaves them."""
    cases, entries, events = [], [], []
    for number in _case_numbers(rng, count):
        employee = rng.choice(employees)
        day = scheduled_day_on_or_before(employee.roster_record, _submitted_at(rng, now).date())
        entry = full_day(employee.roster_record, day)
        case = Case(
            case_number=number, employee=employee, kind=CaseKind.UNPLANNED, reason=CaseReason.EMPLOYEE_SICK,
            overtime_shift="not_ot", contact_by_email=True, email=employee.email,
            submitted_at=datetime.combine(day, time(7, 5), tzinfo=EASTERN), submission_key=uuid.uuid4(),
        )  # fmt: skip
        cases.append(case)
        entries.append(TimeEntry(case=case, date=day, full_day=True, minutes=entry.minutes, doctor_visit=False))
        events.append(_event(case, CaseEventKind.SUBMITTED, f"{case.get_kind_display()}: {day:%b %d, %Y}",
                             at=case.submitted_at, actor=employee))  # fmt: skip
    Case.objects.bulk_create(cases)
    _bulk_create_with_cases(entries)
    _bulk_create_with_cases(events)
    _attach_decisions(cases)
    return cases


def _cancel(cases: list[Case], by: User, now: datetime) -> None:
    """Cancelled by the desk, as `cancel_case` leaves them (without its notices)."""
    reason = "The employee withdrew the request."
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(cancelled_at=now, cancel_reason=reason)
    PolicyDecision.objects.filter(case__in=cases).update(status=DecisionStatus.CANCELLED, version=2)
    CaseEvent.objects.bulk_create(
        CaseEvent(case=c, kind=CaseEventKind.CANCELLED, summary="Case cancelled", reason=reason, at=now, actor=by)
        for c in cases
    )


# --- The desk's work --------------------------------------------------------------------------------------


def _seed_desk_work(rng: random.Random, cases: list[Case], specialist: User, now: datetime, seeded: Seeded) -> None:
    """Calls on about half the cases, a medical certification asked for on a third (half of those answered,
    some of the answers not yet seen by the desk), as the desk's actions and the upload leave them."""
    notes, requests, documents, events, flagged = [], [], [], [], []
    label = str(DocumentType.MEDICAL_CERTIFICATION.label)
    for case in cases:
        called = case.submitted_at + timedelta(days=rng.choice((0, 1, 1, 2, 4)), hours=2)
        if rng.random() < 0.5 and called < now:
            for purpose in (CallPurpose.VERIFICATION, CallPurpose.REVIEW)[: rng.choice((1, 1, 2))]:
                notes.append(CallNote(case=case, purpose=purpose, called_at=called, text=rng.choice(CALL_TEXTS),
                                      author=specialist))  # fmt: skip
                events.append(_event(case, CaseEventKind.CALL, str(CallPurpose(purpose).label), at=called,
                                     actor=specialist))  # fmt: skip
        asked = case.submitted_at + timedelta(days=rng.randrange(1, 6))
        if rng.random() < 0.33 and asked < now:
            due = timezone.localdate(asked) + timedelta(days=15)
            requests.append(DocumentRequest(case=case, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=due,
                                            requested_at=asked, requested_by=specialist))  # fmt: skip
            events.append(_event(case, CaseEventKind.DOCUMENT_REQUESTED, f"{label}, due {due:%b %d, %Y}", at=asked,
                                 actor=specialist))  # fmt: skip
            uploaded = asked + timedelta(days=rng.randrange(1, 20), hours=3)
            if rng.random() < 0.5 and uploaded < now:
                name = f"certification-{case.case_number}.pdf"
                documents.append(Document(
                    case=case, document_type=DocumentType.MEDICAL_CERTIFICATION, file_name=name,
                    stored_name=f"case-documents/bench-{uuid.uuid4().hex}.pdf", content_type=DocumentContentType.PDF,
                    size=rng.randrange(40_000, 900_000), sha256=uuid.uuid4().hex * 2, uploaded_by=case.employee,
                    uploaded_at=uploaded,
                ))  # fmt: skip
                events.append(_event(case, CaseEventKind.DOCUMENT_UPLOADED, f"{label}: {name}", at=uploaded,
                                     actor=case.employee))  # fmt: skip
                if rng.random() < 0.4:
                    flagged.append(case.pk)
    for rows in (notes, requests, documents, events):
        _bulk_create_with_cases(rows)
    Case.objects.filter(pk__in=flagged).update(has_new_documents=True)
    seeded.call_notes += len(notes)
    seeded.document_requests += len(requests)
    seeded.documents += len(documents)


def _through_actions(rng: random.Random, employee: User, specialist: User, now: datetime) -> Case:
    """A case taken through the real actions: submitted, called, a certification asked for, one policy approved."""
    reason, _continuous, offered = _reason(rng)
    start = timezone.localdate(now) + timedelta(days=rng.randrange(3, 20))
    case = submit_demo_leave(
        uuid.uuid4(), employee, reason, submitted_on=timezone.localdate(now) - timedelta(days=rng.randrange(0, 10)),
        condition=offered[0][0], start=start, end=start + timedelta(weeks=rng.randrange(2, 12)),
        child_event_date=start if reason == CaseReason.BONDING else None,
    )  # fmt: skip
    actions.record_call_note(case, purpose=CallPurpose.VERIFICATION, text=CALL_TEXTS[0], called_at=now, by=specialist)
    actions.request_document(
        case, document_type=DocumentType.MEDICAL_CERTIFICATION, due_date=timezone.localdate(now) + timedelta(days=15),
        by=specialist,
    )  # fmt: skip
    desk_decided = [d for d in case.decisions.select_related("policy") if d.policy.decided_by == DecidedBy.SPECIALIST]
    first = desk_decided[0]
    # Refused beyond what the policy has left: it stays pending, as a specialist would leave it.
    with contextlib.suppress(DecisionsRefused):
        actions.approve_decision(first, start_date=first.start_date, end_date=first.end_date, by=specialist)
    return case
