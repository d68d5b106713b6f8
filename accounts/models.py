"""Accounts: a person who signs in. An employee's account is tied to one roster record.

Besides the user, this module holds what signing in needs: the registration in progress (kept on the
server so a reload resumes it), the phone that receives one-time codes (a django-otp device), the
sessions a user has open, and the record of account events.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import SideChannelDevice, ThrottlingMixin

from accounts import codes

REGISTRATION_LIFETIME = timedelta(minutes=30)
EMAIL_LINK_LIFETIME = timedelta(hours=24)


class UserManager(DjangoUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        """Usernames are unique regardless of case, so signing in ignores case too."""
        return self.get(username__iexact=username)


class User(AbstractUser):
    roster_record = models.OneToOneField(
        "roster.RosterRecord",
        verbose_name=_("roster record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
    )

    objects: ClassVar[UserManager] = UserManager()

    class Meta(AbstractUser.Meta):
        constraints = [models.UniqueConstraint(Lower("username"), name="username_unique_ignoring_case")]

    @property
    def phone_device(self) -> PhoneDevice | None:
        """The verified phone that receives this user's codes, if any."""
        return PhoneDevice.objects.filter(user=self, confirmed=True).order_by("-pk").first()

    @property
    def rate_limit_key(self) -> str:
        """The person this account belongs to, for per-account sending limits."""
        if self.roster_record_id:
            return f"person:{self.roster_record_id}"
        return f"user:{self.pk}"


class ContactMethod(models.TextChoices):
    SMS = "sms", _("Text message")
    VOICE = "voice", _("Phone call")


class RegistrationStep(models.TextChoices):
    """The registration steps, in the order the spec shows them."""

    IDENTITY = "identity", _("Register")
    EMPLOYEE_NUMBER = "employee-number", _("Enter your employee number")
    CREDENTIALS = "username-password", _("Create your username and password")
    TWO_STEP = "two-step", _("Two-step authentication")
    PHONE = "phone", _("Phone number")
    VERIFY = "verify", _("Verification code")
    COMPLETE = "complete", _("Registration complete")

    @classmethod
    def ordered(cls) -> list[RegistrationStep]:
        return list(cls)

    @property
    def position(self) -> int:
        return RegistrationStep.ordered().index(self)


def registration_expiry() -> datetime:
    return timezone.now() + REGISTRATION_LIFETIME


class PendingRegistrationQuerySet(models.QuerySet["PendingRegistration"]):
    def live(self) -> PendingRegistrationQuerySet:
        return self.filter(expires_at__gt=timezone.now())

    def expired(self) -> PendingRegistrationQuerySet:
        return self.filter(expires_at__lte=timezone.now())


class PendingRegistration(models.Model):
    """A registration in progress. It holds no usable account and reserves no username.

    The browser's session stores only `reference`; everything else stays here, so a reload or a
    second tab resumes at `step`. It expires `REGISTRATION_LIFETIME` after its last change.
    """

    reference = models.CharField(max_length=64, unique=True)
    step = models.CharField(max_length=20, choices=RegistrationStep.choices, default=RegistrationStep.IDENTITY)
    roster_record = models.ForeignKey(
        "roster.RosterRecord", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    password_hash = models.CharField(max_length=256, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=registration_expiry, db_index=True)

    objects = PendingRegistrationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"registration {self.pk} at {self.step}"

    @property
    def current_step(self) -> RegistrationStep:
        return RegistrationStep(self.step)

    def advance_to(self, step: RegistrationStep) -> None:
        self.step = step
        self.expires_at = timezone.now() + REGISTRATION_LIFETIME
        self.save()


class PhoneDevice(ThrottlingMixin, SideChannelDevice):
    """A phone that receives one-time codes by text message or call.

    Belongs either to a user or, while registering, to a pending registration. `token` holds only
    the keyed hash of the current code (never the code); see `accounts.codes` for the rules.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pending_registration = models.ForeignKey(
        PendingRegistration, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    confirmed = models.BooleanField(default=False)
    number = models.CharField(_("phone number"), max_length=20)
    method = models.CharField(_("contact method"), max_length=5, choices=ContactMethod.choices)
    token = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phone")

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_PHONE_THROTTLE_FACTOR", 1))

    def issue_code(self, attempt: str) -> str:
        """A new code for `attempt`; the previous code stops working. Returns the code to send."""
        code = codes.new_code()
        self.token = codes.code_digest(code, attempt=attempt, device_id=self.pk)
        self.valid_until = timezone.now() + codes.CODE_LIFETIME
        self.throttle_reset(commit=False)
        self.save()
        return code

    def check_code(self, code: str, attempt: str) -> codes.CodeCheck:
        """Check a code typed for `attempt`. A right code works once; 5 wrong ones void it."""
        if not self.token:
            return codes.CodeCheck.NO_CODE
        allowed, _detail = self.verify_is_allowed()
        if not allowed:
            return codes.CodeCheck.TOO_SOON
        if timezone.now() >= self.valid_until:
            return codes.CodeCheck.EXPIRED
        if codes.digest_matches(self.token, code, attempt=attempt, device_id=self.pk):
            self.token = ""
            self.valid_until = timezone.now()
            self.throttle_reset(commit=False)
            self.save()
            return codes.CodeCheck.ACCEPTED
        self.throttle_increment(commit=False)
        if self.throttling_failure_count >= codes.WRONG_ENTRIES_ALLOWED:
            self.token = ""
            self.save()
            return codes.CodeCheck.VOIDED
        self.save()
        return codes.CodeCheck.WRONG

    def verify_token(self, token: str) -> bool:
        """django-otp's entry point is disabled: a code is only valid with the attempt that asked."""
        return False


class UserSession(models.Model):
    """A signed-in session, so a user can see and end theirs, and a password reset can end all."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"session of {self.user_id} from {self.ip_address}"


class AccountEventKind(models.TextChoices):
    SIGN_IN = "sign-in", _("Signed in")
    SIGN_IN_FAILED = "sign-in-failed", _("Sign-in failed")
    LOCKED_OUT = "locked-out", _("Locked out")
    SIGN_OUT = "sign-out", _("Signed out")
    CODE_SENT = "code-sent", _("Code sent")
    CODE_REFUSED = "code-refused", _("Code refused")
    SEND_LIMITED = "send-limited", _("Code not sent: limit reached")
    REGISTERED = "registered", _("Registered")
    REGISTRATION_REFUSED = "registration-refused", _("Registration refused")
    PASSWORD_CHANGED = "password-changed", _("Password changed")
    PASSWORD_RESET = "password-reset", _("Password reset")
    PASSWORD_CONFIRMED = "password-confirmed", _("Password typed again (profile)")
    PASSWORD_CONFIRM_FAILED = "password-confirm-failed", _("Wrong password typed again (profile)")
    PHONE_CHANGED = "phone-changed", _("Phone changed")
    EMAIL_CHANGED = "email-changed", _("Email changed")
    EMAIL_CHANGE_REQUESTED = "email-change-requested", _("Email change asked for (link sent)")
    EMAIL_CHANGE_CANCELLED = "email-change-cancelled", _("Email change cancelled")
    EMAIL_LINK_REFUSED = "email-link-refused", _("Email link refused")
    FACTOR_ADDED = "factor-added", _("Authenticator app added")
    FACTOR_REMOVED = "factor-removed", _("Authenticator app removed")
    USERNAME_SENT = "username-sent", _("Username sent")
    SESSION_ENDED = "session-ended", _("Session ended")


def email_link_expiry() -> datetime:
    return timezone.now() + EMAIL_LINK_LIFETIME


class EmailChangeStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the link to be opened")
    DONE = "done", _("Done: the new address is in use")
    REPLACED = "replaced", _("Replaced by a later change")
    CANCELLED = "cancelled", _("Cancelled")


class EmailChange(models.Model):
    """A new email waiting to be verified. Until the link sent to it is opened, the old address stays in use.

    The link carries a random token; only its hash is kept here. It works once, only for `user` and
    `new_email`, until `expires_at`, and dies when the change is cancelled or another one is started
    (`accounts.profile`).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_changes")
    new_email = models.EmailField(_("new email"))
    token_digest = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=EmailChangeStatus.choices, default=EmailChangeStatus.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=email_link_expiry)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="waiting"), name="one_waiting_email_change_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"email change {self.pk} of {self.user_id}: {self.status}"


class AccountEvent(models.Model):
    """One account event: who, what, when (UTC in the database), from which address. Never a secret."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="account_events"
    )
    username = models.CharField(max_length=150, blank=True, help_text=_("as typed, for attempts on no account"))
    kind = models.CharField(max_length=30, choices=AccountEventKind.choices)
    detail = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.username}"
