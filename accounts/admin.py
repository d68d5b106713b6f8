"""Accounts in the admin: users, and authenticator apps without their secret keys.

django-otp's own TOTP admin shows the device key and its QR code (anyone who sees them can make that
person's codes); ours lists the apps and lets an administrator remove one, never shows or sets a key.
Phones (PhoneDevice) are not in the admin at all: their token is a code's hash, useful to nobody.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

admin.site.register(User, UserAdmin)

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAppAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # an app is added by its owner in Edit Profile, where the key is shown once

    def has_change_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        return False
