from django.contrib import admin

from notices.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "recipient", "subject", "status"]
    list_filter = ["channel", "status"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [f.name for f in Message._meta.fields]
