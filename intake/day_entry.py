"""The day-entry component: the steps that collect days of absence, shared by every flow that has days.

The steps, in order: the date → was a full day missed? → how much time (full day) or the start and
end time (partial day) → a visit to a doctor? → additional information → the list of entered days.
A flow includes them by naming the `DayStep` slugs in its own step enum, mapping them to these view
classes (`DAY_ENTRY_VIEWS`) and returning its `DayEntryRules` from `Wizard.build_day_rules()`.

The day being entered lives in the draft under "day" (with "seen": the questions answered for it);
the last question that applies moves it into the list under "days".
"""

from __future__ import annotations

import datetime
from datetime import date, time
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from absence import clock, limits
from intake.days import (
    DAYS_KEY,
    WORKING_KEY,
    commit_working_entry,
    days_refusal,
    remove_day,
    stored_days,
    working_entry,
)
from intake.forms import DatePickerInput, yes_no_field
from intake.wizard import DraftIncompleteError, FormStepView, StepForm, StepView, Wizard
from uswds.forms import required_when_shown

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DayStep(StrEnum):
    DATE = "day-date"
    FULL_DAY = "day-full-day"
    HOURS = "day-hours"
    TIMES = "day-times"
    DOCTOR = "day-doctor-visit"
    NOTES = "day-notes"
    LIST = "day-list"


QUESTIONS = (DayStep.DATE, DayStep.FULL_DAY, DayStep.HOURS, DayStep.TIMES, DayStep.DOCTOR, DayStep.NOTES)


def working(wizard: Wizard) -> dict[str, Any]:
    return working_entry(wizard.draft.answers) or {}


def working_date(wizard: Wizard) -> date | None:
    raw = working(wizard).get("date")
    return date.fromisoformat(raw) if raw else None


def with_contact_us_link(guidance: StrOrPromise) -> SafeString:
    """The user guide's date guidance with its "Contact Us page" linked to that page."""
    name = gettext("Contact Us")
    link = format_html('<a class="usa-link" href="{}">{}</a>', reverse("portal:contact_us"), name)
    return mark_safe(escape(guidance).replace(escape(name), link, 1))  # noqa: S308 - escaped just above


def in_words_only(field: forms.Field, **messages: StrOrPromise) -> forms.Field:
    """Replace the framework's messages ("Select a valid choice...") with ones that say what to do."""
    field.error_messages.update(messages)
    return field


# --- Forms -----------------------------------------------------------------------------------


class DayDateForm(StepForm):
    date = forms.DateField(
        widget=DatePickerInput(),
        error_messages={"required": _("Enter the date of the absence."), "invalid": _("Enter a real date.")},
    )
    editing = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        day_rules = self.wizard.day_rules()
        field = self.fields["date"]
        field.label = day_rules.date_question
        field.help_text = with_contact_us_link(day_rules.guidance)
        if day_rules.window.earliest:
            field.widget.attrs["min"] = day_rules.window.earliest.isoformat()
        if day_rules.window.latest:
            field.widget.attrs["max"] = day_rules.window.latest.isoformat()

    def clean_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["date"]
        refusal = self.wizard.day_rules().window.refusal(day)
        if refusal:
            raise ValidationError(refusal)
        editing = self.data.get("editing") or ""
        taken = {item["date"] for item in self.wizard.draft.answers.get(DAYS_KEY, [])} - {editing}
        if day.isoformat() in taken:
            raise ValidationError(_("You have already entered this date. Select it in the list to edit it."))
        maximum = self.wizard.day_rules().max_days
        if not editing and maximum is not None and len(taken) >= maximum:
            raise ValidationError(_("Each absence date and time will need to be submitted individually."))
        return day


class FullDayForm(StepForm):
    full_day = in_words_only(
        yes_no_field(_("Was a full day of work missed or will be missed for this absence?")),
        invalid_choice=_("Select Yes or No."),
    )


class HoursForm(StepForm):
    amount = forms.ChoiceField(
        label=_("How much time was missed or will be missed for this absence?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the time missed."), "invalid_choice": _("Select the time missed.")},
    )
    hours = required_when_shown(
        forms.IntegerField(
            label=_("Hours"),
            required=False,
            min_value=0,
            max_value=24,
            error_messages={
                "invalid": _("Enter the hours as a whole number, like 7."),
                "min_value": _("Enter 0 hours or more."),
                "max_value": _("Enter 24 hours or less."),
            },
        )
    )
    minutes = required_when_shown(
        forms.IntegerField(
            label=_("Minutes"),
            required=False,
            min_value=0,
            max_value=59,
            error_messages={
                "invalid": _("Enter the minutes as a whole number, like 30."),
                "min_value": _("Enter 0 minutes or more."),
                "max_value": _("Enter 59 minutes or less."),
            },
        )
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scheduled = self.wizard.day_rules().scheduled_minutes
        cast(forms.ChoiceField, self.fields["amount"]).choices = [
            ("scheduled", clock.format_hours(scheduled)),
            ("other", _("OTHER")),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("amount") == "scheduled":
            # The hours and minutes boxes belong to OTHER (hidden otherwise): what is left in them does not count.
            for name in ("hours", "minutes"):
                self.errors.pop(name, None)
            cleaned["total_minutes"] = self.wizard.day_rules().scheduled_minutes
        elif cleaned.get("amount") == "other" and "hours" not in self.errors and "minutes" not in self.errors:
            total = (cleaned.get("hours") or 0) * 60 + (cleaned.get("minutes") or 0)
            refusal = clock.minutes_refusal(total)
            if refusal:
                self.add_error("hours", refusal)
            cleaned["total_minutes"] = total
        return cleaned


TIME_EXAMPLE = _("Enter a time like 9:00 AM.")


def times_key(start: time, end: time) -> str:
    """'14:00-13:00': the exact times a "Yes, that's right" confirms."""
    return f"{start:%H:%M}-{end:%H:%M}"


class TimesForm(StepForm):
    """The start and end time, typed as people type them ("9am", "14:00") and shown back as "09:00 AM".

    A partial day that ends the next day or outlasts the scheduled day is kept only once confirmed: the first
    submit asks (`confirm_question`); "Yes, that's right" posts `confirmed` with the times it confirms.
    """

    start = forms.CharField(
        label=_("Start:"),
        help_text=_("HH:MM AM/PM"),
        max_length=12,
        error_messages={"required": _("Enter the start time, like 08:00 AM."), "max_length": TIME_EXAMPLE},
    )
    end = forms.CharField(
        label=_("End:"),
        help_text=_("HH:MM AM/PM"),
        max_length=12,
        error_messages={"required": _("Enter the end time, like 10:00 AM."), "max_length": TIME_EXAMPLE},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.confirm_question = ""
        self.confirm_key = ""
        if self.is_bound:
            # Shown back as read: "9am" becomes "09:00 AM" in the field, for the person to check.
            data = dict(self.data.items())
            for name in ("start", "end"):
                parsed = clock.parse_clock_time(str(data.get(name, "")))
                if parsed is not None:
                    data[name] = clock.format_clock_time(parsed)
            self.data = data

    def clean_start(self) -> Any:
        return self._clock("start")

    def clean_end(self) -> Any:
        return self._clock("end")

    def _clock(self, name: str) -> Any:
        parsed = clock.parse_clock_time(self.cleaned_data[name])
        if parsed is None:
            raise ValidationError(TIME_EXAMPLE)
        return parsed

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            cleaned["total_minutes"] = clock.partial_day_minutes(start, end)
            if clock.minutes_refusal(cleaned["total_minutes"]):
                self.add_error("end", _("The end time must differ from the start time."))
            else:
                self._ask_about_unusual_times(start, end)
        return cleaned

    def _ask_about_unusual_times(self, start: time, end: time) -> None:
        question = clock.unusual_partial_day(start, end, self.wizard.day_rules().scheduled_minutes)
        key = times_key(start, end)
        current = working(self.wizard)
        confirmed = {str(self.data.get("confirmed", "")), f"{current.get('start')}-{current.get('end')}"}
        if question and key not in confirmed:
            self.confirm_question, self.confirm_key = question, key
            raise ValidationError(question, code="confirm")


class DoctorVisitForm(StepForm):
    doctor_visit = in_words_only(
        yes_no_field(
            _("Was / Is this absence for a visit to a doctor's office or other health care professional?"),
            _("If the absence was due to incapacity without an appointment, select No."),
        ),
        invalid_choice=_("Select Yes or No."),
    )


class NotesForm(StepForm):
    notes = forms.CharField(
        label=_(
            "If there is any other information you would like to share about this absence request, please provide it "
            "here."
        ),
        help_text=_("Up to 1,000 characters."),
        required=False,
        max_length=limits.MAX_NOTES_LENGTH,
        error_messages={"max_length": limits.NOTES_TOO_LONG},
        widget=forms.Textarea({"rows": 5, "placeholder": _("Enter additional information here.")}),
    )


# --- Step views ------------------------------------------------------------------------------


class DayQuestionView(FormStepView):
    """One question about the day being entered: answers go into the working entry, not under the slug."""

    template_name = "intake/day_question.html"
    button_text = _("Continue")

    @classmethod
    def is_complete(cls, wizard: Wizard, step: str) -> bool:
        current = working_entry(wizard.draft.answers)
        if current is not None:
            return step in current.get("seen", [])
        return bool(wizard.draft.answers.get(DAYS_KEY))

    @classmethod
    def is_visitable(cls, wizard: Wizard, step: str) -> bool:
        return working_entry(wizard.draft.answers) is not None

    @classmethod
    def revalidate(cls, wizard: Wizard, step: str) -> dict[str, Any]:
        return {}  # the list step checks every committed day

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        title = self.wizard.day_rules().section_title
        return super().get_context_data(day=working_date(self.wizard), title=title, **kwargs)

    def save(self, form: StepForm) -> None:
        current = self.wizard.draft.answers.setdefault(WORKING_KEY, {})
        self.store(current, form.cleaned_data)
        current["seen"] = [*[seen for seen in current.get("seen", []) if seen != self.step], self.step]
        if self.is_last_question():
            commit_working_entry(self.wizard.draft.answers)

    def store(self, current: dict[str, Any], cleaned: dict[str, Any]) -> None:
        raise NotImplementedError

    def initial(self) -> dict[str, Any]:
        return {}

    def is_last_question(self) -> bool:
        later = QUESTIONS[QUESTIONS.index(DayStep(self.step)) + 1 :]
        return not any(self.wizard.step_applies(step) for step in later if step in self.wizard.order())


class DayDateView(DayQuestionView):
    form_class = DayDateForm
    template_name = "intake/day_date.html"

    @classmethod
    def is_visitable(cls, wizard: Wizard, step: str) -> bool:
        return True

    def initial(self) -> dict[str, Any]:
        chosen = self.request.GET.get("day", "")
        if chosen == "new":
            return {}
        for item in self.wizard.draft.answers.get(DAYS_KEY, []):
            if item["date"] == chosen:
                return {"date": item["date"], "editing": item["date"]}
        current = working(self.wizard)
        return {"date": current.get("date"), "editing": current.get("editing") or ""}

    def save(self, form: StepForm) -> None:
        editing = form.cleaned_data.get("editing") or ""
        answers = self.wizard.draft.answers
        current = working_entry(answers)
        if current is None or (current.get("editing") or "") != editing:
            # A new day, or another day than the one in progress: start from the stored entry (if editing).
            stored: dict[str, Any] = next((item for item in answers.get(DAYS_KEY, []) if item["date"] == editing), {})
            answers[WORKING_KEY] = {**stored, "editing": editing or None, "seen": []}
        super().save(form)

    def store(self, current: dict[str, Any], cleaned: dict[str, Any]) -> None:
        current["date"] = cleaned["date"].isoformat()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("action") == "cancel":
            self.wizard.draft.answers.pop(WORKING_KEY, None)
            self.wizard.save_draft()
            return self.wizard.redirect_to(self.wizard.resume_step())
        return super().post(request, *args, **kwargs)


class FullDayView(DayQuestionView):
    form_class = FullDayForm

    def initial(self) -> dict[str, Any]:
        full_day = working(self.wizard).get("full_day")
        return {"full_day": None if full_day is None else ("yes" if full_day else "no")}

    def store(self, current: dict[str, Any], cleaned: dict[str, Any]) -> None:
        if current.get("full_day") != cleaned["full_day"]:
            for key in ("minutes", "start", "end"):
                current.pop(key, None)
            current["seen"] = [step for step in current.get("seen", []) if step not in (DayStep.HOURS, DayStep.TIMES)]
        current["full_day"] = cleaned["full_day"]


class HoursView(DayQuestionView):
    form_class = HoursForm
    template_name = "intake/day_hours.html"

    @classmethod
    def applies_to(cls, wizard: Wizard, step: str) -> bool:
        current = working_entry(wizard.draft.answers)
        return current is None or current.get("full_day") is not False

    def initial(self) -> dict[str, Any]:
        minutes = working(self.wizard).get("minutes")
        scheduled = self.wizard.day_rules().scheduled_minutes
        if minutes is None or minutes == scheduled:
            return {"amount": "scheduled"}
        return {"amount": "other", "hours": minutes // 60, "minutes": minutes % 60}

    def store(self, current: dict[str, Any], cleaned: dict[str, Any]) -> None:
        current.update(minutes=cleaned["total_minutes"], start=None, end=None)


class TimesView(DayQuestionView):
    form_class = TimesForm
    template_name = "intake/day_times.html"

    @classmethod
    def applies_to(cls, wizard: Wizard, step: str) -> bool:
        current = working_entry(wizard.draft.answers)
        return current is None or current.get("full_day") is not True

    def initial(self) -> dict[str, Any]:
        current = working(self.wizard)
        if not current.get("start") or not current.get("end"):
            return {}
        entry_start, entry_end = (time.fromisoformat(current[key]) for key in ("start", "end"))
        return {"start": clock.format_clock_time(entry_start), "end": clock.format_clock_time(entry_end)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        typed = form.data if form is not None and form.is_bound else self.initial()
        start = clock.parse_clock_time(str(typed.get("start", "")))
        end = clock.parse_clock_time(str(typed.get("end", "")))
        duration = clock.format_duration(clock.partial_day_minutes(start, end)) if start and end else "00:00"
        crosses = bool(start and end and clock.crosses_midnight(start, end))
        return super().get_context_data(
            duration=duration,
            crosses_midnight=crosses,
            start_shown=clock.format_clock_time(start) if start else "",
            end_shown=clock.format_clock_time(end) if end else "",
            # As typed, so the browser writes a reading back only into a field that still holds what was read.
            typed=self.request.POST,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("action") == "calculate":
            # "Calculate duration" shows the duration without moving on: the page without JavaScript, the duration
            # alone for htmx as the times are typed.
            form = self.get_form(request.POST)
            if request.headers.get("HX-Request"):
                return render(request, "intake/_duration.html", self.get_context_data(form=form))
            return self.render(form=form, calculating=True)  # a night shift or long day is asked about on submit
        return super().post(request, *args, **kwargs)

    def store(self, current: dict[str, Any], cleaned: dict[str, Any]) -> None:
        current.update(
            minutes=cleaned["total_minutes"],
            start=cleaned["start"].strftime("%H:%M"),
            end=cleaned["end"].strftime("%H:%M"),
        )


class DoctorVisitView(DayQuestionView):
    form_class = DoctorVisitForm

    @classmethod
    def applies_to(cls, wizard: Wizard, step: str) -> bool:
        return wizard.day_rules().ask_doctor_visit

    def initial(self) -> dict[str, Any]:
        visit = working(self.wizard).get("doctor_visit")
        return {"doctor_visit": None if visit is None else ("yes" if visit else "no")}

    def store(self, current: dict[str, Any], cleaned: dict[str, Any]) -> None:
        current["doctor_visit"] = cleaned["doctor_visit"]


class NotesView(DayQuestionView):
    form_class = NotesForm
    button_text = _("Next")

    @classmethod
    def applies_to(cls, wizard: Wizard, step: str) -> bool:
        return wizard.day_rules().ask_notes

    def initial(self) -> dict[str, Any]:
        return {"notes": working(self.wizard).get("notes", "")}

    def store(self, current: dict[str, Any], cleaned: dict[str, Any]) -> None:
        current["notes"] = cleaned["notes"]


class DayListView(StepView):
    """The entered days: select one to edit it, its red "x" to remove it, "Next" when done."""

    template_name = "intake/day_list.html"
    button_text = _("Next")

    @classmethod
    def is_complete(cls, wizard: Wizard, step: str) -> bool:
        answers = wizard.draft.answers
        return step in answers and working_entry(answers) is None and bool(answers.get(DAYS_KEY))

    @classmethod
    def revalidate(cls, wizard: Wizard, step: str) -> dict[str, Any]:
        try:
            entries = stored_days(wizard.draft.answers)
        except ValueError as error:
            raise DraftIncompleteError(step, str(error)) from None
        refusal = days_refusal(entries, wizard.day_rules())
        if refusal:
            raise DraftIncompleteError(step, str(refusal))
        return {"days": entries}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entries = stored_days(self.wizard.draft.answers)
        day_rules = self.wizard.day_rules()
        can_add = day_rules.max_days is None or len(entries) < day_rules.max_days
        date_step = self.wizard.url(DayStep.DATE)
        return super().get_context_data(
            title=day_rules.section_title,
            entries=entries,
            day_rules=day_rules,
            guidance=with_contact_us_link(day_rules.guidance),
            add_url=f"{date_step}?day=new" if can_add else "",
            date_step_url=date_step,
            **kwargs,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        answers = self.wizard.draft.answers
        removing = request.POST.get("remove")
        if removing:
            removed = [entry for entry in stored_days(answers) if entry.day.isoformat() == removing]
            if remove_day(answers, removing) and removed:
                messages.success(request, gettext("%(day)s was removed.") % {"day": removed[0].label})
            if not answers.get(DAYS_KEY):
                answers.pop(self.step, None)
            self.wizard.save_draft()
            return HttpResponseRedirect(self.wizard.url(self.step))
        refusal = days_refusal(stored_days(answers), self.wizard.day_rules())
        if refusal:
            return self.render(error=refusal)
        answers[self.step] = {"done": True}
        return self.save_and_advance()


DAY_ENTRY_VIEWS: dict[str, type[StepView]] = {
    DayStep.DATE: DayDateView,
    DayStep.FULL_DAY: FullDayView,
    DayStep.HOURS: HoursView,
    DayStep.TIMES: TimesView,
    DayStep.DOCTOR: DoctorVisitView,
    DayStep.NOTES: NotesView,
    DayStep.LIST: DayListView,
}
