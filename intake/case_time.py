""" "Submit new absence time" on an open intermittent case: the third flow, on the wizard and its day-entry steps.

The steps are the day-entry component (date → full day? → hours or start/end → doctor visit → notes →
the list of days), with the list last: its button is "Submit Absence", which hands the days to
`cases.case_time.record_reported_time` as a `CaseTimeReport` and shows "Submission Successful". Dates
must lie within the case's leave span, at most 30 days in the past, and not on a day already reported.

The flow's URLs live under /cases/ (beside the case they report on) in their own namespace, `case_time`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from absence import limits, windows
from cases.access import get_case_for_employee
from cases.case_time import record_reported_time
from cases.history import is_open_intermittent, summarize
from cases.models import Case, TimeEntry
from cases.requests import CaseTimeReport, RequestRefusedError
from intake.day_entry import DAY_ENTRY_VIEWS, DayListView, DayStep
from intake.days import DayEntryRules, days_refusal, stored_days
from intake.flows import scheduled_minutes_for
from intake.models import Draft, FlowType
from intake.submission import submit_draft
from intake.wizard import DraftIncompleteError, Wizard, get_draft_for_user, signed_in_user

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NAMESPACE = "case_time"


@dataclass(frozen=True)
class CaseTimeWindow(windows.DateWindow):
    """The case's date window, which also refuses the days already reported on the case."""

    reported: frozenset[date] = frozenset()

    def refusal(self, day: date) -> StrOrPromise | None:
        if day in self.reported:
            return limits.ALREADY_REPORTED
        return super().refusal(day)


def case_time_rules(case: Case, today: date, scheduled_minutes: int) -> DayEntryRules:
    """The day-entry rules for time reported on this case (its leave span, 30 days back, no repeats)."""
    period = case.leave_period
    window = windows.case_time_window(today, period.start_date, period.end_date)
    reported = frozenset(TimeEntry.objects.filter(case=case).values_list("date", flat=True))
    return DayEntryRules(
        window=CaseTimeWindow(window.earliest, window.latest, window.too_early, window.too_late, reported),
        date_question=_("Select the date of the absence being reported"),
        list_question=_("What day have you or will you miss?"),
        guidance=limits.INTERMITTENT_GUIDANCE,
        scheduled_minutes=scheduled_minutes,
    )


class CaseTimeStep(StrEnum):
    DAY_DATE = DayStep.DATE.value
    DAY_FULL_DAY = DayStep.FULL_DAY.value
    DAY_HOURS = DayStep.HOURS.value
    DAY_TIMES = DayStep.TIMES.value
    DAY_DOCTOR = DayStep.DOCTOR.value
    DAY_NOTES = DayStep.NOTES.value
    DAY_LIST = DayStep.LIST.value  # last: the list is this flow's review step


class CaseTimeListView(DayListView):
    """The list of days; "Submit Absence" records them on the case."""

    button_text = _("Submit Absence")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("remove"):
            return super().post(request, *args, **kwargs)
        draft = self.wizard.draft
        refusal = days_refusal(stored_days(draft.answers), self.wizard.day_rules())
        if refusal:
            return self.render(error=refusal)
        draft.answers[self.step] = {"done": True}
        self.wizard.save_draft()
        try:
            submit_draft(draft)
        except DraftIncompleteError as incomplete:
            return self.render(error=incomplete.message)
        return HttpResponseRedirect(self.wizard.done_url())


class CaseTimeWizard(Wizard):
    flow_type = FlowType.CASE_TIME
    Step = CaseTimeStep
    namespace = NAMESPACE
    title = _("Submit new absence time")
    header_template = "cases/includes/case_time_header.html"
    views = {**DAY_ENTRY_VIEWS, CaseTimeStep.DAY_LIST: CaseTimeListView}

    @property
    def case(self) -> Case:
        assert self.draft.case is not None  # noqa: S101 (a case-time draft always names its case)
        return self.draft.case

    def build_day_rules(self) -> DayEntryRules:
        return case_time_rules(self.case, self.today, scheduled_minutes_for(self.draft))

    def done_url(self) -> str:
        return reverse(f"{NAMESPACE}:submitted", args=[self.case.case_number, self.draft.id])

    def submit(self, now: datetime) -> list[TimeEntry]:
        self.validate()
        days = DayListView.revalidate(self, CaseTimeStep.DAY_LIST)["days"]
        report = CaseTimeReport(
            submission_key=self.draft.id, employee=self.draft.owner, case_id=self.case.pk, days=tuple(days)
        )
        try:
            return record_reported_time(report, now=now)
        except RequestRefusedError as refused:
            raise DraftIncompleteError(CaseTimeStep.DAY_LIST, refused.message) from None

    def already_submitted(self) -> list[TimeEntry]:
        return []


@require_POST
def start_case_time(request: HttpRequest, case_number: str) -> HttpResponseRedirect:
    """Open the user's unfinished time report for this case, or start one; only for an open intermittent case."""
    user = signed_in_user(request)
    cases = Case.objects.select_related("leave_period").prefetch_related("decisions")
    case = get_case_for_employee(user, case_number, cases)
    if not is_open_intermittent(case, summarize(case).status):
        raise Http404("this case takes no new absence time")
    draft = Draft.objects.filter(owner=user, flow=FlowType.CASE_TIME, case=case, submitted_at__isnull=True).first()
    if draft is None:
        draft = Draft.objects.create(owner=user, flow=FlowType.CASE_TIME, case=case)
    wizard = CaseTimeWizard(draft)
    return wizard.redirect_to(wizard.resume_step())


@require_GET
def case_time_submitted(request: HttpRequest, case_number: str, draft_id: UUID) -> HttpResponse:
    """Submission Successful: the days just recorded, and the note that they cannot be changed here."""
    draft = get_draft_for_user(signed_in_user(request), draft_id, FlowType.CASE_TIME)
    case = draft.case
    if case is None or case.case_number != case_number:
        raise Http404
    if not draft.is_submitted:
        wizard = CaseTimeWizard(draft)
        return wizard.redirect_to(wizard.resume_step())
    context = {"case": case, "days": stored_days(draft.answers)}
    return render(request, "cases/case_time_submitted.html", context)


def urlpatterns() -> list[URLPattern]:
    """/cases/case-time/<draft id>/<step>/ from the step list, and the flow's start and confirmation."""
    return [
        *CaseTimeWizard.urlpatterns(),
        path("<str:case_number>/time/new/", start_case_time, name="start"),
        path("<str:case_number>/time/submitted/<uuid:draft_id>/", case_time_submitted, name="submitted"),
    ]
