"""The reports page: cases opened and decided, ageing, deadlines met and missed, approved leave (desk.reports)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from desk.access import cases_in_scope, desk_request_role, desk_view
from desk.charts import bar_charts
from desk.forms import DateInput
from desk.reports import (
    Period,
    ageing,
    approved_by_policy,
    deadlines_met,
    default_period,
    opened_and_decided,
    weekly_totals,
)
from desk.views.queue import visible_agencies
from policies.engine.wording import hours_text
from uswds.forms import PortalForm

LONGEST_PERIOD = timedelta(days=366)


class ReportForm(PortalForm):
    start = forms.DateField(
        label=gettext_lazy("First day"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Leave it blank for the Monday 12 weeks ago."),
    )
    end = forms.DateField(
        label=gettext_lazy("Last day"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Leave it blank for today."),
    )
    agency = forms.ChoiceField(label=gettext_lazy("Agency"), required=False)

    def __init__(self, *args: Any, agencies: list[str], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = default_period(today)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)  # noqa: S101
        agency.choices = [("", gettext_lazy("All agencies")), *((a, a) for a in agencies)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start") or self.default.start, data.get("end") or self.default.end
        if end < start:
            self.add_error("end", _("The last day must be on or after the first day. Change one of the dates."))
        elif end - start > LONGEST_PERIOD:
            self.add_error("end", _("A report covers at most a year. Pick dates closer together."))
        return data

    def period(self) -> Period:
        if not self.is_valid():
            return self.default
        return Period(self.cleaned_data["start"] or self.default.start, self.cleaned_data["end"] or self.default.end)

    def chosen_agency(self) -> str:
        return str(self.cleaned_data["agency"]) if self.is_valid() else ""


@require_GET
@desk_view
def reports(request: HttpRequest) -> HttpResponse:
    """Specialists see every agency; an HR professional their own (cases_in_scope)."""
    role = desk_request_role(request)
    today = timezone.localdate()
    form = ReportForm(request.GET or None, agencies=visible_agencies(role), today=today)
    period, agency = form.period(), form.chosen_agency()
    scope = cases_in_scope(role)
    if agency:
        scope = scope.filter(employee__roster_record__agency=agency)
    weekly = opened_and_decided(scope, period)
    totals = weekly_totals(weekly, period)
    buckets = ageing(scope, today)
    approved = approved_by_policy(scope, period)
    context = {
        "form": form,
        "period": period,
        "agency": agency,
        "today": today,
        "weekly": weekly,
        "totals": totals,
        "weekly_chart": bar_charts(
            "weekly-chart",
            _("Cases opened and decided per week"),
            _(
                "Bars for each week of the period: the cases opened, then the cases decided. The table beside has "
                "the same figures."
            ),
            [_("opened"), _("decided")],
            [(week.label, [week.opened, week.decided]) for week in totals],
        ),
        "ageing": buckets,
        "ageing_chart": bar_charts(
            "ageing-chart",
            _("Open cases by age"),
            _(
                "One bar for each age band, in days since the case was submitted. The table beside has the same "
                "figures."
            ),
            [_("open")],
            [(bucket.label, [bucket.cases]) for bucket in buckets],
        ),
        "deadlines": deadlines_met(scope, period, today),
        "approved": approved,
        "approved_chart": bar_charts(
            "approved-chart",
            _("Approved hours by policy"),
            _(
                "One bar for each policy: the hours the policy engine charges the approved decisions made in the "
                "period. The table below has the same figures and what was not counted."
            ),
            [_("hours")],
            [(row.short_name, [row.hours]) for row in approved],
            figure=lambda hours: hours_text(Decimal(hours)),
        ),
    }
    return render(request, "desk/reports.html", context)
