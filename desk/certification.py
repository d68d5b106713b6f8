"""The desk's certification work: reviewing uploaded documents, recording what a certification says, asking for a
recertification, and deciding reported time beyond the certified frequency (the rules are absence.certification).

Reads (no writes), on prefetched rows:
- `document_matches(case)`: each upload and the open requests it answered (a document of the requested type
  uploaded on or after the request, cases.documents.requests.answers);
- `current_certification(case)`: the latest complete certification, the one time is checked against;
- `recertification_status(case, today)`: when a recertification may next be asked (29 CFR 825.308);
- `frequency_rows(case)`: each reported day beyond the approved frequency and duration, with the desk's decision.

Actions, each in one transaction on the locked case, with a history line (`certification`) and an audit event:
- `review_document`: accepted, incomplete (what is missing: the cure notice and a new request due in 7 calendar
  days, 825.305(c)) or not needed; once per document;
- `record_certification`: received date, complete or not, the condition's duration, the frequency and duration;
- `request_recertification`: a request of the certification's type, only from the date the rule allows unless
  the specialist states why sooner (825.308(c));
- `decide_frequency`: a flagged day charged to the leave, or not covered (the engine then does not charge it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from absence.calendar import BusinessCalendar
from absence.certification import (
    DurationUnit,
    EpisodeKind,
    FrequencyFlag,
    FrequencyPeriod,
    Recertification,
    ReportedDay,
    check_frequency,
    cure_due,
    pattern_sentence,
    recertification_allowed_from,
)
from accounts.models import User
from audit.log import record
from audit.models import AuditAction
from cases.balance_cache import balances_changed
from cases.balances import calendar_of, schedule_of
from cases.documents.requests import answers
from cases.events import record_event
from cases.models import Case, CaseEventKind, CaseKind, Document, DocumentType, LeavePattern, TimeEntry
from desk.actions import DeskActionError, request_document
from desk.deadlines import document_due, local_date
from desk.models import Certification, DocumentRequest, DocumentReview, FrequencyDecision, ReviewOutcome
from letters.cure import send_cure_notice

# The document types a certification arrives as (a recertification asks for the same type).
CERTIFICATION_TYPES = frozenset({DocumentType.MEDICAL_CERTIFICATION, DocumentType.PROOF_OF_BIRTH})


def _day(value: date) -> str:
    return f"{value:%b %d, %Y}"


def _locked(case: Case) -> Case:
    locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if locked.is_cancelled:
        raise DeskActionError(_("This case was cancelled."))
    return locked


# --- Reads ---------------------------------------------------------------------------------------


def document_matches(case: Case) -> dict[int, list[DocumentRequest]]:
    """The requests each upload answered (first upload of the type after a request answers it), by document id.
    Reads case.documents and case.document_requests: prefetch them."""
    documents = sorted(case.documents.all(), key=lambda d: (d.uploaded_at, d.pk))
    matches: dict[int, list[DocumentRequest]] = {}
    answered: set[int] = set()
    for document in documents:
        found = [r for r in case.document_requests.all() if r.pk not in answered and answers(document, r)]
        answered.update(r.pk for r in found)
        matches[document.pk] = sorted(found, key=lambda r: r.due_date)
    return matches


def current_certification(case: Case) -> Certification | None:
    """The latest complete certification of the case (reads case.certifications: prefetch it)."""
    complete = [c for c in case.certifications.all() if c.complete]
    return max(complete, key=lambda c: (c.received_on, c.pk)) if complete else None


def recertification_status(case: Case) -> Recertification | None:
    """When a recertification may next be asked for, counted from the latest certification received or asked
    for since; None before any certification is recorded (reads certifications and document_requests)."""
    certifications = list(case.certifications.all())
    if not certifications:
        return None
    latest = max(certifications, key=lambda c: (c.received_on, c.pk))
    asked = [
        local_date(r.requested_at)
        for r in case.document_requests.all()
        if r.document_type in CERTIFICATION_TYPES and local_date(r.requested_at) > latest.received_on
    ]
    last_asked = max([latest.received_on, *asked])
    return recertification_allowed_from(last_asked, latest.condition_end, latest.lifetime)


@dataclass(frozen=True)
class FrequencyRow:
    """A reported day beyond the approved pattern: the entry, why, and the desk's decision when made."""

    entry: TimeEntry
    flag: FrequencyFlag
    decision: FrequencyDecision | None


def frequency_rows(
    case: Case, certification: Certification | None, calendar: BusinessCalendar | None = None
) -> list[FrequencyRow]:
    """Each time entry of an intermittent case beyond the certification's frequency and duration (the entries are
    case.time_entries with their frequency_decision: prefetch or select them; one query for the calendar unless
    the work location's `calendar` is given)."""
    frequency = certification.frequency if certification is not None else None
    if frequency is None or case.kind != CaseKind.LEAVE or case.pattern != LeavePattern.INTERMITTENT:
        return []
    record_ = case.employee.roster_record
    schedule, holidays = schedule_of(record_), (calendar or calendar_of(record_)).holidays
    entries = {entry.date: entry for entry in case.time_entries.all()}
    flags = check_frequency(
        frequency,
        (ReportedDay(day, entry.minutes) for day, entry in entries.items()),
        lambda day: schedule.hours_on(day) > 0 and day not in holidays,
    )
    return [FrequencyRow(entries[f.day], f, _decision_of(entries[f.day])) for f in flags]


def _decision_of(entry: TimeEntry) -> FrequencyDecision | None:
    try:
        return entry.frequency_decision
    except FrequencyDecision.DoesNotExist:
        return None


# --- Reviewing a document ------------------------------------------------------------------------


def review_document(
    case: Case,
    document: Document,
    *,
    outcome: ReviewOutcome,
    missing: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> DocumentReview:
    """Mark an uploaded document accepted, incomplete (saying what is missing) or not needed, once.

    Incomplete starts the cure period: the cure notice (a letter by the employee's channel) and a new request of
    the same type due 7 calendar days after today (29 CFR 825.305(c)), which the reminders and the overdue mark
    then work on; the upload that cures it answers that request."""
    missing = missing.strip()
    if outcome == ReviewOutcome.INCOMPLETE and not missing:
        raise DeskActionError(_("Say what is missing: the employee reads it in the cure notice."))
    with transaction.atomic():
        locked = _locked(case)
        if document.case_id != locked.pk:
            raise DeskActionError(_("This document is not on this case."))
        existing = DocumentReview.objects.filter(document=document).first()
        if existing is not None:
            raise DeskActionError(
                _("This document was already reviewed (%(outcome)s) on %(day)s.")
                % {"outcome": existing.get_outcome_display().lower(), "day": _day(local_date(existing.reviewed_at))}
            )
        prefetched = Case.objects.prefetch_related("documents", "document_requests").get(pk=locked.pk)
        matched = document_matches(prefetched).get(document.pk, [])
        review = DocumentReview.objects.create(
            document=document,
            outcome=outcome,
            missing=missing if outcome == ReviewOutcome.INCOMPLETE else "",
            answered=matched[0] if matched else None,
            reviewed_by=by,
        )
        label = DocumentType(document.document_type).label
        summary = _("%(type)s “%(file)s” reviewed: %(outcome)s") % {
            "type": label,
            "file": document.file_name,
            "outcome": review.get_outcome_display().lower(),
        }
        if outcome == ReviewOutcome.INCOMPLETE:
            summary = _start_cure(locked, document, review, summary, by=by)
        record_event(locked, CaseEventKind.CERTIFICATION, summary, actor=by, reason=review.missing)
        event = record(by, AuditAction.REVIEWED_DOCUMENT, case=locked, target=f"document {document.pk}",
                       detail=summary, request=request)  # fmt: skip
        if outcome == ReviewOutcome.INCOMPLETE:
            today = local_date(review.reviewed_at)
            send_cure_notice(locked, document, missing=missing, notified_on=today, cure_due=cure_due(today),
                             cause=f"desk-event-{event.pk}")  # fmt: skip
    return review


def _start_cure(case: Case, document: Document, review: DocumentReview, summary: str, *, by: User) -> str:
    due = cure_due(local_date(review.reviewed_at))
    review.cure_request = DocumentRequest.objects.create(
        case=case, document_type=document.document_type, due_date=due, requested_by=by
    )
    review.save(update_fields=["cure_request"])
    return _("%(summary)s; the cure is due %(due)s (7 calendar days)") % {"summary": summary, "due": _day(due)}


# --- Recording a certification -------------------------------------------------------------------


@dataclass(frozen=True)
class CertificationFacts:
    """What the specialist read on the certification (the form's cleaned values)."""

    received_on: date
    complete: bool
    missing: str = ""
    condition_start: date | None = None
    condition_end: date | None = None
    lifetime: bool = False
    episode_kind: EpisodeKind | None = None
    episodes: int | None = None
    per: FrequencyPeriod | None = None
    duration: Decimal | None = None
    duration_unit: DurationUnit | None = None


def certification_problems(case: Case, facts: CertificationFacts, today: date) -> dict[str, str]:
    """What is wrong with these facts, by field ({} when they can be recorded)."""
    problems: dict[str, str] = {}
    if facts.received_on > today:
        problems["received_on"] = _("The received date cannot be in the future: enter the day it arrived.")
    if not facts.complete and not facts.missing.strip():
        problems["missing"] = _("Say what is missing from the certification.")
    if facts.lifetime and facts.condition_end is not None:
        problems["condition_end"] = _("A lifetime or chronic condition has no end date: leave it empty.")
    if facts.condition_start and facts.condition_end and facts.condition_end < facts.condition_start:
        problems["condition_end"] = _("The condition's end must be on or after its start.")
    frequency = [facts.episodes, facts.per, facts.duration, facts.duration_unit]
    intermittent = case.pattern == LeavePattern.INTERMITTENT
    if intermittent and facts.complete and any(value in (None, "") for value in frequency):
        problems["episodes"] = _(
            "For intermittent leave, enter the approved frequency and duration: how many episodes, per week or "
            "month, and how long each may last."
        )
    if facts.episodes is not None and facts.episodes < 1:
        problems["episodes"] = _("Enter at least 1 episode.")
    if facts.duration is not None and facts.duration <= 0:
        problems["duration"] = _("Enter how long each episode may last, more than 0.")
    return problems


def record_certification(
    case: Case,
    facts: CertificationFacts,
    *,
    document: Document | None = None,
    by: User,
    request: HttpRequest | None = None,
) -> Certification:
    """Record what a certification says. Refused (DeskActionError) when the facts do not hold together."""
    with transaction.atomic():
        locked = _locked(case)
        problems = certification_problems(locked, facts, timezone.localdate())
        if problems:
            raise DeskActionError(" ".join(problems.values()))
        if document is not None and document.case_id != locked.pk:
            raise DeskActionError(_("This document is not on this case."))
        certification = Certification.objects.create(
            case=locked,
            document=document,
            received_on=facts.received_on,
            complete=facts.complete,
            missing="" if facts.complete else facts.missing.strip(),
            condition_start=facts.condition_start,
            condition_end=None if facts.lifetime else facts.condition_end,
            lifetime=facts.lifetime,
            episode_kind=facts.episode_kind or "",
            episodes=facts.episodes,
            per=facts.per or "",
            duration=facts.duration,
            duration_unit=facts.duration_unit or "",
            recorded_by=by,
        )
        summary = _certification_summary(certification)
        record_event(locked, CaseEventKind.CERTIFICATION, summary, actor=by, reason=certification.missing)
        record(by, AuditAction.RECORDED_CERTIFICATION, case=locked, target=f"certification {certification.pk}",
               detail=summary, request=request)  # fmt: skip
    return certification


def _certification_summary(certification: Certification) -> str:
    state = _("complete") if certification.complete else _("incomplete")
    summary = _("Certification received %(day)s recorded, %(state)s") % {
        "day": _day(certification.received_on),
        "state": state,
    }
    frequency = certification.frequency
    return f"{summary}: {pattern_sentence(frequency)}" if frequency is not None else summary


# --- Recertification -----------------------------------------------------------------------------


def request_recertification(
    case: Case, *, reason: str = "", by: User, request: HttpRequest | None = None
) -> DocumentRequest:
    """Ask for a recertification (a request of the certification's type, due in 15 calendar days), only from the
    day 29 CFR 825.308 allows, or sooner with the reason (circumstances changed significantly, or an extension
    asked for, 825.308(c)). A refusal names the earliest allowed day."""
    reason = reason.strip()
    loaded = Case.objects.prefetch_related("certifications__document", "document_requests").get(pk=case.pk)
    status = recertification_status(loaded)
    if status is None:
        raise DeskActionError(_("No certification is recorded on this case yet: request the certification itself."))
    today = timezone.localdate()
    if today < status.allowed_from and not reason:
        raise DeskActionError(
            _("A recertification can be asked for from %(day)s (%(rule)s). To ask sooner, say why: the "
              "circumstances changed significantly, or the employee asked to extend the leave.")
            % {"day": _day(status.allowed_from), "rule": status.rule}
        )  # fmt: skip
    latest = max(loaded.certifications.all(), key=lambda c: (c.received_on, c.pk))
    kind = DocumentType(latest.document.document_type) if latest.document else DocumentType.MEDICAL_CERTIFICATION
    with transaction.atomic():
        asked = request_document(case, document_type=kind, due_date=document_due(today), by=by, request=request)
        summary = _("Recertification requested, due %(due)s") % {"due": _day(asked.due_date)}
        if today < status.allowed_from:
            summary += _(" (before %(day)s, because the circumstances changed)") % {"day": _day(status.allowed_from)}
        record_event(case, CaseEventKind.CERTIFICATION, summary, actor=by, reason=reason)
        record(by, AuditAction.REQUESTED_RECERTIFICATION, case=case, target=f"document request {asked.pk}",
               detail=f"{summary}. {reason}".strip(), request=request)  # fmt: skip
    return asked


# --- Time beyond the certified frequency ---------------------------------------------------------


def decide_frequency(
    case: Case, entry: TimeEntry, *, charged: bool, by: User, request: HttpRequest | None = None
) -> FrequencyDecision:
    """Charge a flagged day to the leave, or mark it not covered (the engine then leaves it out), once."""
    with transaction.atomic():
        locked = _locked(case)
        loaded = (
            Case.objects.select_related("employee__roster_record")
            .prefetch_related("certifications", "time_entries__frequency_decision")
            .get(pk=locked.pk)
        )
        row = next((r for r in frequency_rows(loaded, current_certification(loaded)) if r.entry.pk == entry.pk), None)
        if row is None:
            raise DeskActionError(_("This day is within the approved frequency and duration: nothing to decide."))
        if row.decision is not None:
            raise DeskActionError(_("This day was already decided."))
        decision = FrequencyDecision.objects.create(
            time_entry=row.entry, charged=charged, flag_reason=row.flag.reason[:300], decided_by=by
        )
        if not charged:
            TimeEntry.objects.filter(pk=row.entry.pk).update(not_covered=True)
            balances_changed(employees=[locked.employee_id])  # an UPDATE sends no model signal
        words = _("charged to the leave") if charged else _("not covered by the leave, not charged")
        summary = _("Time on %(day)s beyond the certified frequency: %(decision)s") % {
            "day": _day(row.entry.date),
            "decision": words,
        }
        record_event(locked, CaseEventKind.CERTIFICATION, summary, actor=by, reason=row.flag.reason)
        record(by, AuditAction.DECIDED_FREQUENCY, case=locked, target=f"time entry {row.entry.pk}",
               detail=summary, request=request)  # fmt: skip
    return decision
