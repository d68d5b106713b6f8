"""The policy catalogue and the decision of each policy on each case.

The catalogue (policies and which case reasons imply them) is data, editable in the admin. A
decision's status changes only through the action functions in cases.decisions / the desk.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from absence.reasons import CaseReason
from policies.engine.facts import OpeningBalance as EngineOpeningBalance
from policies.engine.rules import PolicyRules, RulesError, parse_rules


class DecidedBy(models.TextChoices):
    SPECIALIST = "specialist", _("Case specialist")
    DEPARTMENT = "department", _("Employee's department")
    MANUAL = "manual", _("Decided by hand")


class Policy(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("e.g. FMLA"))
    decided_by = models.CharField(_("decided by"), max_length=12, choices=DecidedBy.choices)
    # Plan rules as data (eligibility thresholds, entitlement weeks, elimination period, …).
    rules = models.JSONField(_("rules"), default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Refuse rules the engine cannot read, naming the bad key."""
        try:
            self.engine_rules()
        except RulesError as error:
            raise ValidationError({"rules": str(error)}) from None

    def engine_rules(self) -> PolicyRules:
        """The rules as the engine reads them, the FMLA period method taken from the setting."""
        return parse_rules(
            self.code,
            self.name,
            self.rules,
            fmla_period_method=settings.FMLA_PERIOD_METHOD,
            short_name=self.short_name,
        )


class ReasonPolicy(models.Model):
    """A case reason implies this policy: intake attaches a pending decision for it."""

    reason = models.CharField(_("case reason"), max_length=20, choices=CaseReason.choices)
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="reason_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reason", "policy"], name="one_link_per_reason_and_policy")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} → {self.policy}"


class DecisionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")
    CANCELLED = "cancelled", _("Cancelled")


class PolicyDecision(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="decisions")
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="decisions")
    status = models.CharField(_("status"), max_length=10, choices=DecisionStatus.choices, default="pending")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    # Why the engine thinks the employee may not be eligible ("1,020 of 1,250 hours"); empty when eligible.
    eligibility_note = models.CharField(_("eligibility note"), max_length=300, blank=True)
    denial_reason = models.TextField(_("reason for denial"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Bumped by every change: a form carries the version it was read at, and saving over a newer one is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    # Set when a specialist approved time beyond what the policy had left, with the reason they gave.
    beyond_entitlement_reason = models.TextField(_("reason for approving beyond the entitlement"), blank=True)
    # MA PFML: the first day of leave when earlier employer-paid leave started the clock (set by a specialist);
    # the benefit year and waiting week count from it (policies.engine.benefit_year). None: the decision's dates.
    leave_began = models.DateField(_("leave began"), null=True, blank=True)
    # The day the employee meets the eligibility test when that is during the leave (29 CFR 825.110(d)): time
    # before it is not charged to the policy. Set by attach_policies from the eligibility check.
    eligible_from = models.DateField(_("eligible from"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "policy__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="decision_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy} on {self.case}: {self.get_status_display()}"


class OpeningBalance(models.Model):
    """Time an employee used under a policy before LeaveDesk, recorded by an administrator.

    The ledger counts it like approved leave on period_start (cases.balances feeds it to the engine as
    policies.engine.OpeningBalance): toward the entitlement of the period holding that day, and toward a combined
    cap the policy shares. A per-case plan (a disability's own maximum) does not count it.
    """

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="opening_balances"
    )
    policy = models.ForeignKey(Policy, verbose_name=_("policy"), on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(
        _("period start"),
        help_text=_(
            "the first day of the period the hours were used in; for a rolling 12-month period, the last day of that "
            "leave (the hours count until 12 months after this day)"
        ),
    )
    hours = models.DecimalField(
        _("hours used"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("where the figure comes from"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("opening balance")
        ordering = ["employee", "policy", "period_start"]
        constraints = [models.CheckConstraint(condition=models.Q(hours__gt=0), name="opening_balance_hours_positive")]

    def __str__(self) -> str:
        return f"{self.policy}: {self.hours} h before LeaveDesk, from {self.period_start}"

    def engine_value(self) -> EngineOpeningBalance:
        """The opening balance as the engine reads it."""
        return EngineOpeningBalance(self.policy.code, self.period_start, self.hours, self.note)
