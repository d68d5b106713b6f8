from django.contrib import admin

from policies.models import Policy, PolicyDecision, ReasonPolicy


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
