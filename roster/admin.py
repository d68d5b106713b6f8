from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from roster.models import WEEKDAY_HOURS_FIELDS, RosterRecord


@admin.register(RosterRecord)
class RosterRecordAdmin(admin.ModelAdmin):
    list_display = ["employee_number", "first_name", "last_name", "agency", "supervisor", "is_active"]
    list_filter = ["agency", "is_active"]
    search_fields = ["=employee_number", "first_name", "last_name"]
    list_select_related = ["supervisor"]
    # The roster holds tens of thousands of people: pick a supervisor by number, not from a drop-down.
    raw_id_fields = ["supervisor"]
    ordering = ["employee_number"]
    fieldsets = [
        (None, {"fields": ["employee_number", "first_name", "last_name", "birth_date", "home_zip", "work_email"]}),
        (_("Job"), {"fields": ["hire_date", "agency", "supervisor", "work_location", "is_active"]}),
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
