"""The desk's tasks: what needs doing on a case and by when, opened and closed by the case's own events.

`wanted_tasks(case)` is the one place that says which tasks a case has, from its state: the deadlines of
desk.queue.case_deadlines (the verification call, the specialist's contact, each document asked for, the
return to work and the fitness-for-duty certification: their rules are written there, once), plus

- the FMLA eligibility notice, for a leave case with an FMLA decision: due 5 business days after the request
  (29 CFR 825.300(b)(1), absence.calendar.fmla_notice_due), met by the eligibility letter issued;
- a time report to review, while the case has time entries the desk has not seen: due the business day after the
  latest was reported, met when a specialist opens the case;
- a decision awaiting certification, while a desk-decided policy is pending and a certification was asked for
  (desk.certification.CERTIFICATION_TYPES) but not yet accepted or recorded complete: due on the due date of the
  latest request (its rule was applied when it was made: 15 calendar days, 29 CFR 825.305(b), or the cure's 7,
  825.305(c)), so a certification found incomplete moves it to the cure's date; met when the desk accepts an
  upload or records a complete certification after that request; no longer wanted once decided or cancelled.

`sync_tasks` makes the Task rows say the same: it opens the tasks that appeared, closes those met (with the event
that met them) or no longer wanted (a case decided, or cancelled), reopens one whose deadline is due again, and
moves a due date that changed (a leave extended). It runs after every case event (cases.events.on_case_event,
registered when the apps load), so an action completes its task in its own transaction; the daily reminders run
it too for every case with an open task. Follow-ups (`add_follow_up`) are the one kind a specialist adds by hand,
with a date and a note; `close_follow_up` marks one done.

The queue sorts and filters by deadline on these rows (each case's earliest open one is its `next_deadline`,
written by desk.queue_state at the end of every sync; desk.queue.with_deadline): they are the one SQL form of the
deadlines, so the rules stay written once, in Python.

"My work" is the open tasks of the cases the specialist owns (desk.ownership): an unowned case's tasks wait in the
queue until someone picks it, so nothing shows in two people's lists. Tasks are listed by due date, so the
overdue and today's come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from absence.calendar import OFFICE_CALENDAR, BusinessCalendar, fmla_notice_due
from accounts.models import User
from audit.log import record
from audit.models import AuditAction
from cases.decisions import attached_answers
from cases.events import record_event
from cases.models import Case, CaseEvent, CaseEventKind, CaseKind, Document, TimeEntry
from cases.submission import NewCase, new_case_in_hand, primed_queryset
from desk.actions import DeskActionError
from desk.certification import CERTIFICATION_TYPES
from desk.deadlines import Deadline, local_date
from desk.models import (
    DEADLINE_TASK_KINDS,
    CallNote,
    Certification,
    DocumentRequest,
    DocumentReview,
    ReviewOutcome,
    Task,
    TaskKind,
)
from desk.ownership import assign_new_case
from desk.queue import awaits_desk_decision, case_deadlines, row_calendars
from desk.queue_state import refresh_queue_state
from letters.issuing import letters_issued_on
from letters.models import Letter, LetterKind
from policies.models import PolicyDecision
from roster.calendars import calendar_for_location

FMLA_POLICY_CODE = "fmla"
FOLLOW_UP_NOTE_LENGTH = Task._meta.get_field("note").max_length or 500


@dataclass(frozen=True)
class WantedTask:
    kind: TaskKind
    key: str
    due: date
    met: bool
    label: str = ""


def _from_deadline(deadline: Deadline) -> WantedTask:
    return WantedTask(
        TaskKind(deadline.kind.value), deadline.ref or deadline.kind.value, deadline.due, deadline.met_on is not None,
        deadline.label,
    )  # fmt: skip


def wanted_tasks(case: Case, deadlines: list[Deadline]) -> list[WantedTask]:
    """The tasks of a case (loaded by `with_task_details`) with its `deadlines` (desk.queue.case_deadlines)."""
    wanted = [_from_deadline(d) for d in deadlines]
    if case.is_cancelled:
        return wanted  # case_deadlines kept only what was met
    submitted_on = local_date(case.submitted_at)
    if case.kind == CaseKind.LEAVE and any(d.policy.code == FMLA_POLICY_CODE for d in case.decisions.all()):
        sent = any(letter.kind == LetterKind.FMLA_ELIGIBILITY for letter in case.letters.all())
        wanted.append(WantedTask(TaskKind.ELIGIBILITY_NOTICE, TaskKind.ELIGIBILITY_NOTICE.value,
                                 fmla_notice_due(submitted_on), sent))  # fmt: skip
    entries = list(case.time_entries.all())
    if case.has_new_time_entries and entries:
        reported_on = local_date(max(entry.created_at for entry in entries))
        due = OFFICE_CALENDAR.add_business_days(reported_on, 1)
        wanted.append(WantedTask(TaskKind.TIME_REPORT, TaskKind.TIME_REPORT.value, due, False))
    awaiting = _awaiting_certification(case)
    if awaiting is not None:
        wanted.append(awaiting)
    return wanted


def _awaiting_certification(case: Case) -> WantedTask | None:
    """The decision awaiting certification (see the module's docstring), or None when no decision waits on one."""
    if not awaits_desk_decision(case.decisions.all()):
        return None
    asked = [r for r in case.document_requests.all() if r.document_type in CERTIFICATION_TYPES]
    if not asked:
        return None
    latest: DocumentRequest = max(asked, key=lambda r: (r.requested_at, r.pk))
    reviews = [
        review
        for document in case.documents.all()
        if document.document_type in CERTIFICATION_TYPES and (review := _review_of(document)) is not None
    ]
    accepted = any(r.outcome == ReviewOutcome.ACCEPTED and r.reviewed_at >= latest.requested_at for r in reviews)
    recorded = any(c.complete and c.recorded_at >= latest.requested_at for c in case.certifications.all())
    label = str(latest.get_document_type_display())
    if any(r.cure_request_id == latest.pk for r in reviews):
        label = _("%(type)s found incomplete: cure period") % {"type": label}
    kind = TaskKind.AWAITING_CERTIFICATION
    return WantedTask(kind, kind.value, latest.due_date, accepted or recorded, label)


def _review_of(document: Document) -> DocumentReview | None:
    try:
        return document.review
    except DocumentReview.DoesNotExist:
        return None


def _documents_with_reviews() -> QuerySet[Document]:
    fields = ["id", "case_id", "document_type", "uploaded_at"]
    review = ["id", "document_id", "outcome", "reviewed_at", "cure_request_id"]
    return Document.objects.select_related("review").only(*fields, *(f"review__{name}" for name in review))


def with_task_details(cases: QuerySet[Case]) -> QuerySet[Case]:
    """What `wanted_tasks` and `sync_tasks` read, prefetched: a fixed number of queries however many cases."""
    return cases.select_related("employee__roster_record", "leave_period", "return_to_work").prefetch_related(
        Prefetch("decisions", queryset=PolicyDecision.objects.select_related("policy")),
        Prefetch("call_notes", queryset=CallNote.objects.only("id", "case_id", "purpose", "outcome", "called_at")),
        "document_requests",
        Prefetch("documents", queryset=_documents_with_reviews()),
        Prefetch("certifications", queryset=Certification.objects.only("id", "case_id", "complete", "recorded_at")),
        Prefetch("letters", queryset=Letter.objects.only("id", "case_id", "kind")),
        Prefetch("time_entries", queryset=TimeEntry.objects.only("id", "case_id", "created_at")),
        Prefetch("tasks", queryset=Task.objects.exclude(key=""), to_attr="derived_tasks"),
    )


def sync_tasks(case_ids: Iterable[int], *, event: CaseEvent | None = None, now: datetime | None = None) -> None:
    """Make the derived Task rows of these cases match their state (see the module's docstring)."""
    moment = now or timezone.now()
    cases = list(with_task_details(Case.objects.filter(pk__in=list(case_ids))))
    calendars = row_calendars(cases)
    new: list[Task] = []
    changed: list[Task] = []
    for case in cases:
        record_ = case.employee.roster_record
        calendar = calendars.get((record_.work_location if record_ is not None else "") or "MA")
        _follow(case, calendar, event, moment, new=new, changed=changed)
    Task.objects.bulk_create(new, ignore_conflicts=True)
    Task.objects.bulk_update(changed, ["due_date", "label", "closed_at", "closed_by_event"])
    refresh_queue_state(case.pk for case in cases)


def _follow(
    case: Case,
    calendar: BusinessCalendar | None,
    event: CaseEvent | None,
    moment: datetime,
    *,
    new: list[Task],
    changed: list[Task],
) -> None:
    """The rows to add (`new`) and to save (`changed`) so that the case's Task rows say what `wanted_tasks` says."""
    wanted = {w.key: w for w in wanted_tasks(case, case_deadlines(case, calendar))}
    rows: dict[str, Task] = {task.key: task for task in case.derived_tasks}  # type: ignore[attr-defined]
    for key, want in wanted.items():
        row = rows.get(key)
        if row is None:
            new.append(Task(case=case, kind=want.kind, key=key, label=want.label[:100], due_date=want.due,
                            opened_at=moment, closed_at=moment if want.met else None,
                            closed_by_event=event if want.met else None))  # fmt: skip
        elif _update(row, want, event, moment):
            changed.append(row)
    for key, row in rows.items():
        if key not in wanted and row.closed_at is None:
            row.closed_at, row.closed_by_event = moment, event
            changed.append(row)


def sync_new_case_tasks(case: Case, in_hand: NewCase, *, event: CaseEvent | None, now: datetime) -> None:
    """`sync_tasks` for a case its submit action is making (cases.submission.new_case_in_hand), from what the
    action holds rather than read again: the instance, its employee's roster record, its leave period and
    decisions with their policies (cases.decisions.attached_answers), its time entries, the letters issued on it
    (letters.issuing.letters_issued_on); and nothing where a new case has nothing yet (calls, documents asked for
    or received, certifications, a return to work, tasks). The rules are the same (`wanted_tasks`,
    `case_deadlines`): they read these through the instance's prefetch cache, primed here and emptied again
    afterwards, so the instance reads the database as usual once its action is over."""
    answers = attached_answers(case)
    if answers is None:  # not made by the submit action's attach_policies: read it all, as for any case
        sync_tasks([int(case.pk)], event=event, now=now)
        return
    record_ = case.employee.roster_record
    calendar = calendar_for_location(record_.work_location if record_ is not None else None)
    new: list[Task] = []
    with new_case_primed(case, in_hand, list(answers.decisions.values())):
        _follow(case, calendar, event, now, new=new, changed=[])
    Task.objects.bulk_create(new, ignore_conflicts=True)
    _write_new_case_queue_state(case, list(answers.decisions.values()), new)


def _write_new_case_queue_state(case: Case, decisions: list[PolicyDecision], tasks: list[Task]) -> None:
    """The queue's columns of a case its submit is making (ADR 0014), from the rows it holds: they are all the
    case's decisions and tasks (nothing else can hold a row of it before the commit). The rules are
    `desk.queue_state.refresh_queue_state`'s, for loaded rows: a desk-decided policy pending
    (`desk.queue.awaits_desk_decision`), and the earliest due date of the open deadline tasks. A plain UPDATE
    of two values, where refresh_queue_state's subqueries cost about five times its CPU; a test holds the two
    to the same result (desk/tests/test_worklist_new_case.py)."""
    due = [task.due_date for task in tasks if task.closed_at is None and task.kind in DEADLINE_TASK_KINDS]
    case.awaits_desk_decision = awaits_desk_decision(decisions)
    case.next_deadline = min(due, default=None)
    Case.objects.filter(pk=case.pk).update(awaits_desk_decision=case.awaits_desk_decision,
                                           next_deadline=case.next_deadline)  # fmt: skip


@contextmanager
def new_case_primed(case: Case, in_hand: NewCase, decisions: list[PolicyDecision]) -> Iterator[Case]:
    """Within the block, the instance answers what `with_task_details` would have loaded for it, from the objects
    given (a new case's: see `sync_new_case_tasks`), each relation in its model's order; after it, nothing primed."""
    letters = sorted(letters_issued_on(case), key=lambda letter: (letter.created_at, letter.pk or 0), reverse=True)
    related: dict[str, list[Any]] = {
        "decisions": sorted(decisions, key=lambda d: (d.start_date, d.policy.name)),
        "call_notes": [],
        "document_requests": [],
        "documents": [],
        "certifications": [],
        "letters": letters,
        "time_entries": sorted(in_hand.time_entries, key=lambda entry: entry.date),
    }
    before = case.__dict__.get("_prefetched_objects_cache")
    primed: dict[str, Any] = {}
    case.__dict__["_prefetched_objects_cache"] = primed
    for name, objects in related.items():
        primed[name] = primed_queryset(case, name, objects)
    had_return = Case.return_to_work.related.is_cached(case)
    if not had_return:
        Case.return_to_work.related.set_cached_value(case, None)  # none yet
    case.derived_tasks = []  # type: ignore[attr-defined]
    try:
        yield case
    finally:
        if before is None:
            del case.__dict__["_prefetched_objects_cache"]
        else:
            case.__dict__["_prefetched_objects_cache"] = before
        if not had_return:
            Case.return_to_work.related.delete_cached_value(case)
        del case.derived_tasks  # type: ignore[attr-defined]


def _update(row: Task, want: WantedTask, event: CaseEvent | None, moment: datetime) -> bool:
    before = (row.due_date, row.label, row.closed_at)
    row.due_date, row.label = want.due, want.label[:100]
    if want.met and row.closed_at is None:
        row.closed_at, row.closed_by_event = moment, event
    elif not want.met and row.closed_at is not None:
        row.closed_at, row.closed_by_event = None, None
    return before != (row.due_date, row.label, row.closed_at)


def sync_after_event(event: CaseEvent) -> None:
    """The case-event listener: the case's tasks follow the event, in its transaction; for a case its submit action
    is making, from what the action holds (`sync_new_case_tasks`)."""
    case = CaseEvent.case.field.get_cached_value(event, None)  # the instance the action gave record_event
    in_hand = new_case_in_hand(case) if isinstance(case, Case) else None
    if isinstance(case, Case) and in_hand is not None:
        sync_new_case_tasks(case, in_hand, event=event, now=event.at)
    else:
        sync_tasks([event.case_id], event=event, now=event.at)


def case_submitted(case: Case) -> None:
    """A leave case was just submitted, its notices sent (cases.submission.on_leave_submitted): the assignment rule.
    Its tasks follow right after, once, when the submission's held events reach `sync_after_event`
    (cases.events.followed_once), the eligibility letter's included."""
    assign_new_case(case)


def sync_open_cases(now: datetime) -> int:
    """The daily run: every case with an open task, and every live case with none yet (e.g. data loaded before the
    tasks existed), in chunks. Returns how many cases were looked at."""
    open_ids = set(Task.objects.filter(closed_at__isnull=True).values_list("case_id", flat=True))
    untracked = set(Case.objects.filter(cancelled_at__isnull=True, tasks__isnull=True).values_list("pk", flat=True))
    ids = sorted(open_ids | untracked)
    for start in range(0, len(ids), 200):
        with transaction.atomic():
            sync_tasks(ids[start : start + 200], now=now)
    return len(ids)


# --- Follow-ups: the one kind a specialist adds -------------------------------------------------------------------


def add_follow_up(case: Case, *, due_date: date, note: str, by: User, request: HttpRequest | None = None) -> Task:
    note = " ".join(note.split())
    if not note:
        raise DeskActionError(_("Say what to follow up on, in a few words."))
    if case.is_cancelled:
        raise DeskActionError(_("Case %(number)s was cancelled: it needs no follow-up.") % {
            "number": case.case_number})  # fmt: skip
    if due_date < timezone.localdate():
        raise DeskActionError(_("The follow-up date cannot be in the past: choose today or a later day."))
    with transaction.atomic():
        task = Task.objects.create(case=case, kind=TaskKind.FOLLOW_UP, due_date=due_date,
                                   note=note[:FOLLOW_UP_NOTE_LENGTH], created_by=by)  # fmt: skip
        summary = _("Follow-up due %(due)s: %(note)s") % {"due": f"{due_date:%b %d, %Y}", "note": task.note}
        record_event(case, CaseEventKind.FOLLOW_UP, summary, actor=by)
        record(by, AuditAction.ADDED_FOLLOW_UP, case=case, target=f"task {task.pk}", detail=summary, request=request)
    return task


def close_follow_up(task: Task, *, by: User) -> Task:
    """Mark a follow-up done (its line in the history is the event that closed it)."""
    if task.kind != TaskKind.FOLLOW_UP or task.closed_at is not None:
        return task
    with transaction.atomic():
        event = record_event(task.case, CaseEventKind.FOLLOW_UP, _("Follow-up done: %(note)s") % {"note": task.note},
                             actor=by)  # fmt: skip
        task.closed_at, task.closed_by_event = timezone.now(), event
        task.save(update_fields=["closed_at", "closed_by_event"])
    return task


# --- My work ----------------------------------------------------------------------------------------------------


def my_open_tasks(user: User) -> QuerySet[Task]:
    """The open tasks of the cases `user` owns, earliest due first (overdue, then today's, then later)."""
    return (
        Task.objects.filter(closed_at__isnull=True, case__assignment__owner=user)
        .select_related("case__employee__roster_record")
        .order_by("due_date", "id")
    )


SECTIONS = {
    TaskKind.VERIFICATION_CALL: "calls",
    TaskKind.SPECIALIST_CONTACT: "calls",
    TaskKind.RETURN_TO_WORK: "return-to-work",
    TaskKind.FITNESS_FOR_DUTY: "return-to-work",
    TaskKind.AWAITING_CERTIFICATION: "certification",
}


def task_anchor(task: Task) -> str:
    """The section of the case page where the task is done: the calls, the return to work, or the task list."""
    return SECTIONS.get(TaskKind(task.kind), "tasks")
