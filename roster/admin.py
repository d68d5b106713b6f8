from django.contrib import admin

from roster.models import RosterRecord


@admin.register(RosterRecord)
class RosterRecordAdmin(admin.ModelAdmin):
    list_display = ["employee_number", "first_name", "last_name", "agency", "supervisor", "is_active"]
    list_filter = ["agency", "is_active"]
    search_fields = ["=employee_number", "first_name", "last_name"]
    list_select_related = ["supervisor"]
    # The roster holds tens of thousands of people: pick a supervisor by number, not from a drop-down.
    raw_id_fields = ["supervisor"]
    ordering = ["employee_number"]
    show_full_result_count = False
