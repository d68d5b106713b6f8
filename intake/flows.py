"""The two request flows built on the wizard: protected leave and the unplanned (day-to-day) absence.

Each flow is a Wizard subclass naming its steps (a StrEnum), the view class of each step, its
branches, its day-entry rules and its submit: the complete draft becomes a typed request
(cases.requests) handed to the action in cases.submission. The step view classes are small: a form,
a title, a template when the page needs more than the shared one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from absence import clock, limits, windows
from cases.models import AbsenceFor, Case, CaseReason, FiledAs, OvertimeShift, PaymentOption
from cases.requests import ContactPreference, Filer, LeaveRequest, UnplannedRequest
from cases.submission import submit_leave_request, submit_unplanned_absence, submitted_case
from intake.day_entry import DAY_ENTRY_VIEWS, DayStep
from intake.days import DayEntry, DayEntryRules
from intake.filing import may_file_for
from intake.forms import (
    BEST_TIMES,
    AbsenceForForm,
    ChildDateForm,
    CommunicationForm,
    ContinuousDatesForm,
    KnownDaysForm,
    LeavePatternForm,
    OvertimeForm,
    ProceduralForm,
)
from intake.models import Draft, FlowType
from intake.reasons import LeaveReasonsView, UnplannedReasonView
from intake.submission import lock_own_draft, submit_locked_draft
from intake.wizard import DraftIncompleteError, FormStepView, StepView, Wizard

if TYPE_CHECKING:
    from uuid import UUID

    from django_stubs_ext import StrOrPromise

    from accounts.models import User

LEAVE_REASON_KEY = "absence-type"


def scheduled_minutes_for(draft: Draft) -> int:
    """A full day for the employee the request is for: the roster's scheduled hours per day (8 when unknown)."""
    record = getattr(draft.subject, "roster_record", None)
    return clock.scheduled_day_minutes(record.scheduled_hours_per_day if record else None)


# --- Filing for a direct report ------------------------------------------------------------------
# A supervisor's draft names the report it is for (Draft.employee). The case is the report's; the supervisor
# gives no reason (the reason steps do not apply: the employee adds it from their case page) and, for a leave,
# is not asked the communication preference: documents and updates go to the employee's own email.


def filed_for(draft: Draft) -> tuple[User, Filer | None]:
    """(the employee the case is for, who filed it or None), checked again when the draft is submitted:
    the owner must still be allowed to file for the employee (still their supervisor, still HR for their agency)."""
    if not draft.is_filed_for_employee:
        return draft.owner, None
    employee = draft.subject
    if not may_file_for(draft.owner, draft.filed_as, employee):
        raise PermissionDenied("the owner may no longer file an absence for this employee")
    return employee, Filer(draft.owner, FiledAs(draft.filed_as))


def employee_contact(employee: User) -> ContactPreference:
    """The employee's own channel for a request filed for them: their account's email (else the roster's work
    email) and the phone of their two-step device; the best time to call is not asked."""
    record = getattr(employee, "roster_record", None)
    device = getattr(employee, "phone_device", None)
    return ContactPreference(
        by_email=True,
        email=employee.email or (record.work_email if record else ""),
        phone=getattr(device, "number", "") or "",
        best_time=None,
    )


def filed_for_section(draft: Draft) -> list[SummarySection]:
    if not draft.is_filed_for_employee:
        return []
    employee = draft.subject
    record = getattr(employee, "roster_record", None)
    name = record.full_name if record else (employee.get_full_name() or employee.username)
    return [
        SummarySection(
            _("Filed for"),
            [
                (_("Employee"), name),
                (_("Reason"), str(_("Left for the employee to add: they are invited to after you submit."))),
            ],
        )
    ]


@dataclass
class SummarySection:
    title: StrOrPromise
    rows: list[tuple[StrOrPromise, str]] = field(default_factory=list)
    edit_step: str = ""
    edit_url: str = ""
    days: list[DayEntry] = field(default_factory=list)


# --- Step views shared by both flows -----------------------------------------------------------


class SummaryView(StepView):
    """Every answer, grouped by section, each with "Edit"; "Submit" runs the flow's submit action."""

    template_name = "intake/summary.html"
    title = _("Summary")
    button_text = _("Submit")

    @classmethod
    def is_complete(cls, wizard: Wizard, step: str) -> bool:
        return False

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            cleaned = self.wizard.validate()
        except DraftIncompleteError as incomplete:
            return self.wizard.redirect_to(incomplete.step)
        if self.wizard.draft.step_reached != self.step:
            self.wizard.mark_reached(self.step)
            self.wizard.draft.save(update_fields=["step_reached", "updated_at"])
        sections = self.wizard.summary_sections(cleaned)
        for section in sections:
            section.edit_url = self.wizard.url(section.edit_step) if section.edit_step else ""
        return self.render(sections=sections)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """A POST submits: the whole request is one transaction, and its one read of the draft takes the draft's
        lock (`read_draft`), so the answers checked are those the submit holds until it commits. A second submit
        waits for the first there, and then finds the draft submitted (the confirmation)."""
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        try:
            with transaction.atomic():
                return super().dispatch(request, *args, **kwargs)
        except DraftIncompleteError as incomplete:  # raised inside: nothing the submit began is kept
            return self.wizard.redirect_to(incomplete.step)

    def read_draft(self, user: User, draft_id: UUID) -> Draft:
        if self.request.method != "POST":
            return super().read_draft(user, draft_id)
        assert self.wizard_class is not None  # noqa: S101 - set by Wizard.urlpatterns()
        draft = lock_own_draft(user, draft_id, self.wizard_class.flow_type)
        if draft is None:
            raise Http404("no such draft of yours")
        return draft

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        submit_locked_draft(self.wizard)  # DraftIncompleteError: see dispatch
        return HttpResponseRedirect(self.wizard.done_url())


def yes_no(value: object) -> str:
    return str(_("Yes") if value else _("No"))


# --- Protected leave -------------------------------------------------------------------------


class LeaveStep(StrEnum):
    REASONS = "reason-for-leave"
    CHILD_DATE = "child-date"
    PATTERN = "continuous-or-intermittent"
    DATES = "continuous-dates"
    KNOWN_DAYS = "known-days"
    DAY_DATE = DayStep.DATE.value
    DAY_FULL_DAY = DayStep.FULL_DAY.value
    DAY_HOURS = DayStep.HOURS.value
    DAY_TIMES = DayStep.TIMES.value
    DAY_DOCTOR = DayStep.DOCTOR.value
    DAY_NOTES = DayStep.NOTES.value
    DAY_LIST = DayStep.LIST.value
    PROCEDURAL = "procedural-questions"
    COMMUNICATION = "communication-preference"
    SUMMARY = "summary"


class ChildDateView(FormStepView):
    form_class = ChildDateForm
    title = _("About the child")


CHILD_DATE_REASONS = (CaseReason.BONDING, CaseReason.PREGNANCY)


class PatternView(FormStepView):
    form_class = LeavePatternForm
    title = _("Intermittent or Continuous Leave Request")


class ContinuousDatesView(FormStepView):
    form_class = ContinuousDatesForm
    template_name = "intake/continuous_dates.html"
    title = _("Continuous Leave Request")
    intro = limits.CONTINUOUS_GUIDANCE


class KnownDaysView(FormStepView):
    form_class = KnownDaysForm
    title = _("Intermittent Leave Request")


class ProceduralView(FormStepView):
    form_class = ProceduralForm
    title = _("Procedural Questions Asked by the Commonwealth")
    intro = _(
        "The Commonwealth requires some additional questions about the absence being reported to ensure that "
        "payroll, contact tracing, and infection prevention protocols are followed."
    )


class CommunicationView(FormStepView):
    form_class = CommunicationForm
    template_name = "intake/communication.html"
    title = _("Communication Preference")

    def initial(self) -> dict[str, Any]:
        saved = super().initial()
        if saved:
            return saved
        owner = self.wizard.draft.owner
        record = getattr(owner, "roster_record", None)
        device = getattr(owner, "phone_device", None)
        return {
            "by_email": "yes",
            "email": owner.email or (record.work_email if record else ""),
            "phone": getattr(device, "number", "") or "",
        }


class LeaveWizard(Wizard):
    flow_type = FlowType.LEAVE
    Step = LeaveStep
    title = _("Request a protected leave of absence")
    header_template = "intake/_filing_for.html"
    views = {
        LeaveStep.REASONS: LeaveReasonsView,
        LeaveStep.CHILD_DATE: ChildDateView,
        LeaveStep.PATTERN: PatternView,
        LeaveStep.DATES: ContinuousDatesView,
        LeaveStep.KNOWN_DAYS: KnownDaysView,
        **DAY_ENTRY_VIEWS,
        LeaveStep.PROCEDURAL: ProceduralView,
        LeaveStep.COMMUNICATION: CommunicationView,
        LeaveStep.SUMMARY: SummaryView,
    }

    def applies(self, step: str) -> bool:
        continuous = self.draft.answer(LeaveStep.PATTERN).get("continuous")
        if step in (LeaveStep.REASONS, LeaveStep.COMMUNICATION):
            return not self.draft.is_filed_for_employee
        if step == LeaveStep.CHILD_DATE:
            return not self.draft.is_filed_for_employee and self.case_reason in CHILD_DATE_REASONS
        if step == LeaveStep.DATES:
            return continuous == "yes"
        if step == LeaveStep.KNOWN_DAYS:
            return continuous == "no"
        if step in DayStep.__members__.values():
            return continuous == "no" and self.draft.answer(LeaveStep.KNOWN_DAYS).get("known") == "yes"
        return True

    def build_day_rules(self) -> DayEntryRules:
        return DayEntryRules(
            window=windows.intermittent_window(self.today),
            date_question=_("Select the date of the absence"),
            list_question=_("What day have you or will you miss?"),
            section_title=_("Intermittent Leave Request"),
            guidance=limits.INTERMITTENT_GUIDANCE,
            scheduled_minutes=scheduled_minutes_for(self.draft),
        )

    @property
    def case_reason(self) -> CaseReason:
        return CaseReason(self.draft.answer(LEAVE_REASON_KEY)["reason"])

    def request(self, cleaned: dict[str, dict[str, Any]]) -> LeaveRequest:
        """The complete draft as the typed request the submit action takes."""
        continuous = cleaned[LeaveStep.PATTERN]["continuous"]
        procedural = cleaned[LeaveStep.PROCEDURAL]
        dates = cleaned.get(LeaveStep.DATES, {})
        employee, filer = filed_for(self.draft)
        return LeaveRequest(
            submission_key=self.draft.id,
            employee=employee,
            filed_by=filer,
            reason=self.case_reason,
            conditions=() if filer else tuple(cleaned[LeaveStep.REASONS]["reasons"]),
            continuous=continuous,
            payment_option=procedural["payment_option"],
            work_related=procedural["work_related"],
            contact=employee_contact(employee) if filer else contact_preference(cleaned[LeaveStep.COMMUNICATION]),
            start=dates.get("start_date") if continuous else None,
            end=dates.get("end_date") if continuous else None,
            days=() if continuous else tuple(cleaned.get(LeaveStep.DAY_LIST, {}).get("days", [])),
            child_event_date=cleaned.get(LeaveStep.CHILD_DATE, {}).get("child_date"),
        )

    def submit(self, now: datetime) -> Case:
        return submit_leave_request(self.request(self.validate()), now=now)

    def already_submitted(self) -> Case | None:
        return submitted_case(self.draft.id)

    def summary_sections(self, cleaned: dict[str, dict[str, Any]]) -> list[SummarySection]:
        filed = self.draft.is_filed_for_employee
        reasons = [] if filed else cleaned[LeaveStep.REASONS]["reasons"]
        leave = SummarySection(_("Intermittent or Continuous Leave Request"), edit_step=LeaveStep.PATTERN)
        days: SummarySection | None = None
        continuous = cleaned[LeaveStep.PATTERN]["continuous"]
        leave.rows.append((_("Leave"), str(_("Continuous") if continuous else _("Intermittent"))))
        if continuous:
            dates = cleaned[LeaveStep.DATES]
            leave.rows.append((_("Start Date"), dates["start_date"].strftime("%B %d, %Y")))
            leave.rows.append((_("End Date"), dates["end_date"].strftime("%B %d, %Y")))
        else:
            known = cleaned[LeaveStep.KNOWN_DAYS]["known"]
            leave.rows.append((_("Do you know the days you have missed or will miss?"), yes_no(known)))
            if known:
                days = SummarySection(
                    _("Days you have missed or will miss"),
                    edit_step=LeaveStep.DAY_LIST,
                    days=cleaned[LeaveStep.DAY_LIST]["days"],
                )
        procedural = cleaned[LeaveStep.PROCEDURAL]
        reason_for_leave = SummarySection(
            _("Reason for Leave"),
            [(_("Reason/condition"), reason.label) for reason in reasons],
            edit_step=LeaveStep.REASONS,
        )
        if filed:
            communication = SummarySection(
                _("Communication Preference"),
                [(_("Documents and updates"), str(_("Sent to the employee, by the email on their account")))],
            )
        else:
            communication = SummarySection(
                _("Communication Preference"),
                communication_rows(cleaned[LeaveStep.COMMUNICATION]),
                LeaveStep.COMMUNICATION,
            )
        child = cleaned.get(LeaveStep.CHILD_DATE)
        child_section = SummarySection(
            ChildDateView.title,
            [(ChildDateForm(wizard=self).fields["child_date"].label or "", f"{child['child_date']:%B %d, %Y}")]
            if child
            else [],
            edit_step=LeaveStep.CHILD_DATE,
        )
        return [
            *filed_for_section(self.draft),
            SummarySection(_("Absence type"), [(_("Reason"), str(self.case_reason.label))]),
            *([] if filed else [reason_for_leave]),
            *([child_section] if child else []),
            leave,
            *([days] if days else []),
            SummarySection(
                _("Procedural Questions"),
                [
                    (
                        _("How do you plan to be paid during your leave of absence?"),
                        str(PaymentOption(procedural["payment_option"]).label),
                    ),
                    (_("Is your absence due to a work-related illness or injury?"), yes_no(procedural["work_related"])),
                ],
                edit_step=LeaveStep.PROCEDURAL,
            ),
            communication,
        ]


def contact_preference(answers: dict[str, Any]) -> ContactPreference:
    """The Communication Preference step's cleaned answers as the request carries them."""
    by_email = answers["by_email"]
    address = {} if by_email else {key: answers.get(key, "") for key in ADDRESS_FIELDS}
    return ContactPreference(
        by_email=by_email,
        email=answers["email"] if by_email else "",
        phone=answers["phone"],
        best_time=answers["best_time"],
        **address,
    )


ADDRESS_FIELDS = ("address_line1", "address_line2", "city", "state", "zip_code")


def communication_rows(answers: dict[str, Any]) -> list[tuple[StrOrPromise, str]]:
    rows: list[tuple[StrOrPromise, str]] = [(_("Documents and updates via email"), yes_no(answers["by_email"]))]
    if answers["by_email"]:
        rows.append((_("Email address"), answers["email"]))
    else:
        rows.append((_("Mailing address"), mailing_address(answers)))
    rows.append((_("Preferred phone number"), answers["phone"]))
    rows.append((_("Best time to reach you (Eastern)"), dict(BEST_TIMES)[answers["best_time"]]))
    return rows


def mailing_address(answers: dict[str, Any]) -> str:
    """The address on one line, as the summary shows it."""
    lines = [answers["address_line1"], answers.get("address_line2", ""), f"{answers['city']}, {answers['state']}"]
    return ", ".join(line for line in lines if line) + f" {answers['zip_code']}"


# --- Unplanned absence -----------------------------------------------------------------------


class UnplannedStep(StrEnum):
    WHO = "who"
    DAY_DATE = DayStep.DATE.value
    DAY_FULL_DAY = DayStep.FULL_DAY.value
    DAY_HOURS = DayStep.HOURS.value
    DAY_TIMES = DayStep.TIMES.value
    DAY_DOCTOR = DayStep.DOCTOR.value
    DAY_NOTES = DayStep.NOTES.value
    DAY_LIST = DayStep.LIST.value
    REASON = "reason"
    OVERTIME = "overtime-shift"
    SUMMARY = "summary"


class AbsenceForView(FormStepView):
    form_class = AbsenceForForm
    title = _("Reporting a day-to-day absence")
    template_name = "intake/absence_for.html"


class OvertimeView(FormStepView):
    form_class = OvertimeForm
    title = _("Overtime shift")
    intro = ProceduralView.intro


class UnplannedWizard(Wizard):
    flow_type = FlowType.UNPLANNED
    Step = UnplannedStep
    title = _("Reporting a day-to-day absence (Unplanned Absence)")
    header_template = "intake/_filing_for.html"
    starts_without_draft = True
    views = {
        UnplannedStep.WHO: AbsenceForView,
        **DAY_ENTRY_VIEWS,
        UnplannedStep.REASON: UnplannedReasonView,
        UnplannedStep.OVERTIME: OvertimeView,
        UnplannedStep.SUMMARY: SummaryView,
    }

    def applies(self, step: str) -> bool:
        if step == UnplannedStep.REASON:
            return not self.draft.is_filed_for_employee
        return True

    def build_day_rules(self) -> DayEntryRules:
        return DayEntryRules(
            window=windows.unplanned_window(self.today),
            date_question=_("What is the date of the absence being reported?"),
            list_question=_("What is the date of the absence being reported?"),
            section_title=_("Reporting a day-to-day absence"),
            guidance=limits.UNPLANNED_GUIDANCE,
            max_days=1,
            ask_doctor_visit=False,
            ask_notes=False,
            scheduled_minutes=scheduled_minutes_for(self.draft),
        )

    def request(self, cleaned: dict[str, dict[str, Any]]) -> UnplannedRequest:
        """The complete draft as the typed request the submit action takes."""
        who = cleaned[UnplannedStep.WHO]
        (day,) = cleaned[UnplannedStep.DAY_LIST]["days"]
        employee, filer = filed_for(self.draft)
        condition = None
        if filer is None:
            (condition,) = cleaned[UnplannedStep.REASON]["reasons"]
        return UnplannedRequest(
            submission_key=self.draft.id,
            employee=employee,
            filed_by=filer,
            absence_for=who["absence_for"],
            relationship=who["relationship"],
            day=day,
            condition=condition,
            overtime_shift=cleaned[UnplannedStep.OVERTIME]["overtime_shift"],
        )

    def submit(self, now: datetime) -> Case:
        return submit_unplanned_absence(self.request(self.validate()), now=now)

    def already_submitted(self) -> Case | None:
        return submitted_case(self.draft.id)

    def summary_sections(self, cleaned: dict[str, dict[str, Any]]) -> list[SummarySection]:
        who = cleaned[UnplannedStep.WHO]
        filed = self.draft.is_filed_for_employee
        who_label = AbsenceForForm.FOR_EMPLOYEE_LABELS[AbsenceFor(who["absence_for"])] if filed else None
        who_rows: list[tuple[StrOrPromise, str]] = [
            (_("Who is this absence for?"), str(who_label or AbsenceFor(who["absence_for"]).label))
        ]
        if who["relationship"]:
            who_rows.append((_("Relationship"), who["relationship"]))
        reason = SummarySection(
            _("Reason"),
            [(_("Reason"), reason.label) for reason in cleaned.get(UnplannedStep.REASON, {}).get("reasons", [])],
            UnplannedStep.REASON,
        )
        return [
            *filed_for_section(self.draft),
            SummarySection(_("Who is this absence for?"), who_rows, UnplannedStep.WHO),
            SummarySection(
                _("Date of the absence"), edit_step=UnplannedStep.DAY_LIST, days=cleaned[UnplannedStep.DAY_LIST]["days"]
            ),
            *([] if filed else [reason]),
            SummarySection(
                _("Overtime shift"),
                [
                    (
                        _("Is your absence for an overtime shift?"),
                        str(OvertimeShift(cleaned[UnplannedStep.OVERTIME]["overtime_shift"]).label),
                    )
                ],
                UnplannedStep.OVERTIME,
            ),
        ]
