from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from policies.models import OpeningBalance, Policy, PolicyDecision, ReasonPolicy


class ReasonPolicyInline(admin.TabularInline):
    model = ReasonPolicy
    extra = 0


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "decided_by", "is_active"]
    inlines = [ReasonPolicyInline]


@admin.register(PolicyDecision)
class PolicyDecisionAdmin(admin.ModelAdmin):
    list_display = ["case", "policy", "status", "start_date", "end_date"]
    list_filter = ["status", "policy"]
    readonly_fields = ["case", "policy", "status", "decided_at", "decided_by"]


@admin.register(OpeningBalance)
class OpeningBalanceAdmin(admin.ModelAdmin):
    """Time used before LeaveDesk: the ledger counts it like approved leave in its period."""

    list_display = ["employee", "policy", "period_start", "hours", "note", "recorded_by", "recorded_at"]
    list_filter = ["policy"]
    search_fields = ["employee__username", "employee__last_name", "employee__roster_record__employee_number"]
    list_select_related = ["employee", "policy", "recorded_by"]
    raw_id_fields = ["employee"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def save_model(self, request: HttpRequest, obj: OpeningBalance, form: Any, change: bool) -> None:
        if not change:
            obj.recorded_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
