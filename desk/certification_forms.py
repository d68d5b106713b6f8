"""The desk's certification forms: reviewing a document, recording a certification, asking for a recertification
and deciding a day beyond the certified frequency (the actions are desk.certification)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from absence.certification import DurationUnit, EpisodeKind, FrequencyPeriod
from cases.models import Document
from desk.certification import CertificationFacts
from desk.forms import DateInput
from desk.models import ReviewOutcome
from uswds.forms import PortalForm, required_when_shown

StrOrPromise = str | Promise


class DocumentReviewForm(PortalForm):
    outcome = forms.ChoiceField(
        label=_("Review"),
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose accepted, incomplete or not needed.")},
    )
    missing = required_when_shown(
        forms.CharField(
            label=_("What is missing"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "Needed when it is incomplete: one item a line. The employee reads it in the cure notice, with 7 "
                "calendar days to send it."
            ),
        )
    )

    def __init__(self, *args: Any, document_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"review-{document_id}")
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == ReviewOutcome.INCOMPLETE and not str(data.get("missing", "")).strip():
            self.add_error("missing", _("Say what is missing: the employee reads it in the cure notice."))
        return data


def _choices(choices: Sequence[tuple[str, StrOrPromise]]) -> list[tuple[str, StrOrPromise]]:
    return [("", _("- Select -")), *choices]


class CertificationForm(PortalForm):
    received_on = forms.DateField(
        label=_("Received on"), widget=DateInput(), error_messages={"required": _("Enter the day it arrived.")}
    )
    complete = forms.TypedChoiceField(
        label=_("Is it complete?"),
        choices=[("yes", _("Complete")), ("no", _("Incomplete"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the certification is complete.")},
    )
    missing = required_when_shown(
        forms.CharField(
            label=_("What is missing"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
        )
    )
    condition_start = forms.DateField(label=_("The condition began"), widget=DateInput(), required=False)
    condition_end = forms.DateField(
        label=_("The condition is expected to end"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave it empty for a lifetime or chronic condition."),
    )
    lifetime = forms.BooleanField(label=_("Lifetime or chronic condition"), required=False)
    episode_kind = forms.ChoiceField(
        label=_("Intermittent leave: what is expected"), choices=_choices(EpisodeKind.choices), required=False
    )
    # Needed for intermittent leave when complete (desk.certification.certification_problems says so).
    episodes = required_when_shown(
        forms.IntegerField(label=_("How many, at most"), min_value=1, max_value=31, required=False)
    )
    per = required_when_shown(
        forms.ChoiceField(label=_("Per"), choices=_choices(FrequencyPeriod.choices), required=False)
    )
    duration = required_when_shown(
        forms.DecimalField(
            label=_("Each lasting up to"), min_value=Decimal("0.25"), max_digits=5, decimal_places=2, required=False
        )
    )
    duration_unit = required_when_shown(
        forms.ChoiceField(label=_("Unit"), choices=_choices(DurationUnit.choices), required=False)
    )

    document = forms.TypedChoiceField(label=_("From the upload"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, documents: Iterable[Document] = (), **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "certification")
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        field = self.fields["document"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
        field.choices = [
            ("", _("- None (received another way) -")),
            *((d.pk, f"{d.get_document_type_display()}: {d.file_name} ({d.uploaded_at:%b %d, %Y})") for d in documents),
        ]

    def facts(self) -> CertificationFacts:
        data = self.cleaned_data
        return CertificationFacts(
            received_on=data["received_on"],
            complete=data["complete"],
            missing=data.get("missing", ""),
            condition_start=data.get("condition_start"),
            condition_end=data.get("condition_end"),
            lifetime=bool(data.get("lifetime")),
            episode_kind=EpisodeKind(data["episode_kind"]) if data.get("episode_kind") else None,
            episodes=data.get("episodes"),
            per=FrequencyPeriod(data["per"]) if data.get("per") else None,
            duration=data.get("duration"),
            duration_unit=DurationUnit(data["duration_unit"]) if data.get("duration_unit") else None,
        )


class RecertificationForm(PortalForm):
    reason = forms.CharField(
        label=_("Why sooner (only before the allowed date)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The circumstances changed significantly (for example, absences longer or more often than certified), "
            "or the employee asked to extend the leave (29 CFR 825.308(c))."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "recertification")
        super().__init__(*args, **kwargs)
