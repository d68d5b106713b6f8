""" "Submit new absence time" on an open intermittent case: the intake wizard and its day-entry steps, a third flow.

The steps are intake's day-entry component (date → full day? → hours or start/end → doctor visit →
notes → the list of days), with the list last: its button is "Submit Absence", which records the days
on the case (cases.case_time.record_reported_time) and shows "Submission Successful". Dates must lie
within the case's leave span, at most 30 days in the past, and not on a day already reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from cases.models import Case, TimeEntry
from intake import rules
from intake.day_entry import (
    DayDateView,
    DayListView,
    DayStep,
    DoctorVisitView,
    FullDayView,
    HoursView,
    NotesView,
    TimesView,
)
from intake.days import DayEntryRules, days_refusal, stored_days
from intake.flows import scheduled_minutes_for
from intake.models import Draft, FlowType
from intake.wizard import DraftIncompleteError, StepView, Wizard, get_draft_for_user, signed_in_user

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ALREADY_REPORTED = _("You have already reported time for this date on this case.")


@dataclass(frozen=True)
class CaseTimeWindow(rules.DateWindow):
    """The case's date window, which also refuses the days already reported on the case."""

    reported: frozenset[date] = frozenset()

    def refusal(self, day: date) -> StrOrPromise | None:
        if day in self.reported:
            return ALREADY_REPORTED
        return super().refusal(day)


def case_time_rules(case: Case, today: date, scheduled_minutes: int) -> DayEntryRules:
    """The day-entry rules for time reported on this case (its leave span, 30 days back, no repeats)."""
    period = case.leave_period
    window = rules.case_time_window(today, period.start_date, period.end_date)
    reported = frozenset(TimeEntry.objects.filter(case=case).values_list("date", flat=True))
    return DayEntryRules(
        window=CaseTimeWindow(window.earliest, window.latest, window.too_early, window.too_late, reported),
        date_question=_("Select the date of the absence being reported"),
        list_question=_("What day have you or will you miss?"),
        guidance=rules.INTERMITTENT_GUIDANCE,
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


def submitted_url(draft: Draft) -> str:
    assert draft.case is not None  # noqa: S101 (a case-time draft always names its case)
    return reverse("cases:time_submitted", args=[draft.case.case_number, draft.id])


class CaseTimeStepMixin(StepView):
    """Sends a submitted draft to this flow's own confirmation (intake's is about new cases)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        draft = get_draft_for_user(signed_in_user(request), kwargs["draft_id"], FlowType.CASE_TIME)
        if draft.is_submitted:
            return HttpResponseRedirect(submitted_url(draft))
        return super().dispatch(request, *args, **kwargs)


class CaseTimeDateView(CaseTimeStepMixin, DayDateView):
    pass


class CaseTimeFullDayView(CaseTimeStepMixin, FullDayView):
    pass


class CaseTimeHoursView(CaseTimeStepMixin, HoursView):
    pass


class CaseTimeTimesView(CaseTimeStepMixin, TimesView):
    pass


class CaseTimeDoctorVisitView(CaseTimeStepMixin, DoctorVisitView):
    pass


class CaseTimeNotesView(CaseTimeStepMixin, NotesView):
    pass


class CaseTimeListView(CaseTimeStepMixin, DayListView):
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
        draft.save(update_fields=["answers", "updated_at"])
        try:
            import_string(self.wizard.submit_action)(draft)
        except DraftIncompleteError as incomplete:
            return self.render(error=incomplete.message)
        return HttpResponseRedirect(submitted_url(draft))


class CaseTimeWizard(Wizard):
    flow_type = FlowType.CASE_TIME
    Step = CaseTimeStep
    title = _("Submit new absence time")
    submit_action = "cases.case_time.record_reported_time"
    # Shown under the flow title on every step (intake/step.html includes it): "Case #N", "Back to claim details".
    header_template = "cases/includes/case_time_header.html"
    views = {
        CaseTimeStep.DAY_DATE: CaseTimeDateView,
        CaseTimeStep.DAY_FULL_DAY: CaseTimeFullDayView,
        CaseTimeStep.DAY_HOURS: CaseTimeHoursView,
        CaseTimeStep.DAY_TIMES: CaseTimeTimesView,
        CaseTimeStep.DAY_DOCTOR: CaseTimeDoctorVisitView,
        CaseTimeStep.DAY_NOTES: CaseTimeNotesView,
        CaseTimeStep.DAY_LIST: CaseTimeListView,
    }

    @property
    def case(self) -> Case:
        assert self.draft.case is not None  # noqa: S101 (a case-time draft always names its case)
        return self.draft.case

    def build_day_rules(self) -> DayEntryRules:
        return case_time_rules(self.case, self.today, scheduled_minutes_for(self.draft))

    def url(self, step: str, query: str = "") -> str:
        address = reverse(f"cases:{self.url_name(step)}", kwargs={"draft_id": self.draft.id})
        return f"{address}?{query}" if query else address
