from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from roster.models import WEEKDAY_HOURS_FIELDS, Closure, EmploymentSpell, HoursWorkedReport, LocalHoliday, RosterRecord


class EmploymentSpellInline(admin.TabularInline):
    """Earlier employments: the feed adds one per hire date; an administrator enters the separation date."""

    model = EmploymentSpell
    extra = 0
    fields = ["hire_date", "separation_date"]


class HoursWorkedReportInline(admin.TabularInline):
    """The hours figure each feed import brought, with its date: kept as the feed wrote it."""

    model = HoursWorkedReport
    extra = 0
    fields = ["as_of", "hours"]
    readonly_fields = ["as_of", "hours"]
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: RosterRecord | None = None) -> bool:
        return False


@admin.register(RosterRecord)
class RosterRecordAdmin(admin.ModelAdmin):
    list_display = ["employee_number", "first_name", "last_name", "agency", "supervisor", "is_active"]
    list_filter = ["agency", "is_active"]
    search_fields = ["=employee_number", "first_name", "last_name"]
    list_select_related = ["supervisor"]
    # The roster holds tens of thousands of people: pick a supervisor or spouse by number, not from a drop-down.
    raw_id_fields = ["supervisor", "spouse"]
    ordering = ["employee_number"]
    fieldsets = [
        (None, {"fields": ["employee_number", "first_name", "last_name", "birth_date", "home_zip", "work_email"]}),
        (_("Job"), {"fields": ["hire_date", "agency", "supervisor", "spouse", "work_location", "is_active"]}),
        (
            _("Schedule"),
            {
                "fields": ["hours_worked_last_12_months", "scheduled_hours_per_day", "work_days"],
                "description": _("One figure for every scheduled day, from the HR feed."),
            },
        ),
        (
            _("Variable schedule (29 CFR 825.205(b)(3))"),
            {
                "fields": [*WEEKDAY_HOURS_FIELDS, "average_weekly_hours_last_12_months"],
                "description": _(
                    "Hours on each weekday, when they differ: when any is filled in, a blank day is a day off and "
                    "these replace the figure above. The average counts the FMLA and PFML entitlement."
                ),
            },
        ),
    ]
    show_full_result_count = False
    inlines = [EmploymentSpellInline, HoursWorkedReportInline]


@admin.register(LocalHoliday)
class LocalHolidayAdmin(admin.ModelAdmin):
    """A work location's own holidays beyond the statewide list (Evacuation Day, Bunker Hill Day in Suffolk)."""

    list_display = ["date", "name", "location"]
    list_filter = ["location"]
    ordering = ["-date"]


@admin.register(Closure)
class ClosureAdmin(admin.ModelAdmin):
    """The employer's closures: one of a week or more is not charged to FMLA (29 CFR 825.200(h))."""

    list_display = ["start", "end", "reason", "location"]
    list_filter = ["location"]
    ordering = ["-start"]
