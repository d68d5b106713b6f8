"""The outbox in the admin: what was sent to whom, when, and how delivery went, never the body.

A notice's body may hold a live one-time code (account_code_*), a username, or a case's reasons and
denial reasons: those are read on the desk, where every view is audited, not here.
"""

from django.contrib import admin

from notices.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "recipient", "subject", "template", "status"]
    list_filter = ["channel", "status"]
    search_fields = ["recipient", "subject", "template"]
    exclude = ["body"]
    readonly_fields = [f.name for f in Message._meta.fields if f.name != "body"]
