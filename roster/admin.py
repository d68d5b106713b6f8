from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from roster.models import Closure, EmploymentSpell, HoursWorkedReport, LocalHoliday, RosterRecord


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
