"""Admins browse the access log here; nobody can add, change or delete an event through the admin."""

from __future__ import annotations

from datetime import UTC

from django.contrib import admin
from django.http import HttpRequest

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["when_utc", "actor_username", "action", "case_number", "target", "ip_address"]
    list_filter = ["action", "at"]
    search_fields = ["actor_username", "case_number", "target"]
    date_hierarchy = "at"
    readonly_fields = ["at", "actor", "actor_username", "action", "case_number", "target", "detail", "ip_address"]
    list_select_related = False

    @admin.display(description="when (UTC)", ordering="at")
    def when_utc(self, event: AuditEvent) -> str:
        return event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
