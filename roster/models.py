"""The roster: the employer's demographic and job data for each employee (the HR feed)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import holidays
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from absence.calendar import DEFAULT_LOCATION

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_WORK_DAYS = "Mon Tue Wed Thu Fri"
WEEKDAY_HOURS_FIELDS = (
    "hours_monday",
    "hours_tuesday",
    "hours_wednesday",
    "hours_thursday",
    "hours_friday",
    "hours_saturday",
    "hours_sunday",
)
DEFAULT_HOURS_PER_DAY = Decimal("8")
DEFAULT_WORK_LOCATION = DEFAULT_LOCATION
# The US states and territories whose holidays the business calendar knows (absence.calendar): two-letter codes.
WORK_LOCATIONS = frozenset(holidays.country_holidays("US").subdivisions)
WORK_LOCATION_LENGTH = 2


def name_key(name: str) -> str:
    """The form of a name that registration compares: no accents, no case, no surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def is_work_location(code: str) -> bool:
    """Whether a code (as written: upper case) is a US state or territory the business calendar knows."""
    return code in WORK_LOCATIONS


def validate_work_location(code: str) -> None:
    if not is_work_location(code):
        raise ValidationError(
            _("“%(value)s” is not a US state or territory code such as MA."), code="invalid", params={"value": code}
        )


class RosterRecord(models.Model):
    employee_number = models.CharField(_("employee number"), max_length=20, unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    first_name_key = models.CharField(max_length=100, editable=False)
    last_name_key = models.CharField(max_length=100, editable=False)
    birth_date = models.DateField(_("birth date"))
    home_zip = models.CharField(_("home ZIP code"), max_length=10)
    hire_date = models.DateField(_("hire date"))
    hours_worked_last_12_months = models.DecimalField(
        _("hours worked in the last 12 months"), max_digits=7, decimal_places=2
    )
    scheduled_hours_per_day = models.DecimalField(
        _("scheduled hours per day"), max_digits=4, decimal_places=2, default=DEFAULT_HOURS_PER_DAY
    )
    work_days = models.CharField(
        _("weekdays worked"), max_length=27, default=DEFAULT_WORK_DAYS, help_text=_("e.g. Mon Tue Thu Fri")
    )
    # A variable schedule (29 CFR 825.205(b)(3)): hours on each weekday, blank when the day's figure above applies.
    # The HR feed leaves them blank; an administrator fills them in. When any is given, a blank day is a day off.
    hours_monday = models.DecimalField(_("hours on Monday"), max_digits=4, decimal_places=2, null=True, blank=True)
    hours_tuesday = models.DecimalField(_("hours on Tuesday"), max_digits=4, decimal_places=2, null=True, blank=True)
    hours_wednesday = models.DecimalField(
        _("hours on Wednesday"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    hours_thursday = models.DecimalField(_("hours on Thursday"), max_digits=4, decimal_places=2, null=True, blank=True)
    hours_friday = models.DecimalField(_("hours on Friday"), max_digits=4, decimal_places=2, null=True, blank=True)
    hours_saturday = models.DecimalField(_("hours on Saturday"), max_digits=4, decimal_places=2, null=True, blank=True)
    hours_sunday = models.DecimalField(_("hours on Sunday"), max_digits=4, decimal_places=2, null=True, blank=True)
    average_weekly_hours_last_12_months = models.DecimalField(
        _("average weekly hours scheduled over the last 12 months"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("for a schedule that varies from week to week: the FMLA entitlement is counted in weeks of it"),
    )
    work_location = models.CharField(
        _("work location"),
        max_length=WORK_LOCATION_LENGTH,
        default=DEFAULT_WORK_LOCATION,
        validators=[validate_work_location],
        help_text=_("the US state or territory where the employee works, e.g. MA; its holidays are days off"),
    )
    agency = models.CharField(_("agency"), max_length=100)
    supervisor = models.ForeignKey(
        "self", verbose_name=_("supervisor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    work_email = models.EmailField(_("work email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Spouses who both work for the employer share 12 weeks of FMLA for bonding and a parent's care (29 CFR
    # 825.120(a)(3), 825.201(b)); the link is set on one of the two records (spouse_of reads both ways).
    spouse = models.OneToOneField(
        "self",
        verbose_name=_("spouse at the employer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="spouse_of_record",
    )

    class Meta:
        verbose_name = _("roster record")
        indexes = [
            models.Index(fields=["last_name_key", "first_name_key", "birth_date"], name="roster_identity_idx"),
            # The desk's agency filter, an HR professional's scope and the queue's list of agencies.
            models.Index(fields=["agency"], name="roster_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_number} {self.first_name} {self.last_name}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.first_name_key = name_key(self.first_name)
        self.last_name_key = name_key(self.last_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def zip5(self) -> str:
        return self.home_zip[:5]

    @property
    def weekday_hours(self) -> tuple[Decimal, ...]:
        """Hours on each weekday, Monday first, when a variable schedule is given (a blank day is 0); else ()."""
        figures = [getattr(self, field) for field in WEEKDAY_HOURS_FIELDS]
        if all(figure is None for figure in figures):
            return ()
        return tuple(Decimal(0) if figure is None else figure for figure in figures)

    @property
    def weekday_numbers(self) -> frozenset[int]:
        """The weekdays worked as date.weekday() numbers (Monday is 0)."""
        return frozenset(WEEKDAY_NAMES.index(name) for name in self.work_days.split())


def spouse_of(record: RosterRecord) -> RosterRecord | None:
    """The employee's spouse on the roster, whichever of the two records holds the link (no query when both
    relations were selected with the record)."""
    if record.spouse_id is not None:
        return record.spouse
    try:
        return record.spouse_of_record
    except RosterRecord.DoesNotExist:
        return None


class EmploymentSpell(models.Model):
    """One employment of the person: for service with breaks (29 CFR 825.110(b)).

    The feed writes one for each hire date it brings (a rehire brings a new one); an administrator enters the
    separation date of an earlier one in the admin. An earlier employment without one is not counted."""

    record = models.ForeignKey(RosterRecord, on_delete=models.CASCADE, related_name="employment_spells")
    hire_date = models.DateField(_("hire date"))
    separation_date = models.DateField(_("separation date"), null=True, blank=True)

    class Meta:
        verbose_name = _("employment")
        ordering = ["hire_date"]
        constraints = [
            models.UniqueConstraint(fields=["record", "hire_date"], name="one_spell_per_hire_date"),
            models.CheckConstraint(
                condition=models.Q(separation_date__isnull=True) | models.Q(separation_date__gte=models.F("hire_date")),
                name="spell_separated_after_hire",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.hire_date} – {self.separation_date or ''}"


class HoursWorkedReport(models.Model):
    """The hours worked in the 12 months to `as_of`, as one roster import brought them (29 CFR 825.110(c))."""

    record = models.ForeignKey(RosterRecord, on_delete=models.CASCADE, related_name="hours_reports")
    as_of = models.DateField(_("as of"))
    hours = models.DecimalField(_("hours worked in the 12 months before"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("hours worked report")
        ordering = ["as_of"]
        constraints = [models.UniqueConstraint(fields=["record", "as_of"], name="one_hours_report_a_day")]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.hours} h to {self.as_of}"


class LocalHoliday(models.Model):
    """A holiday of one work location beyond the statewide list (Suffolk County's Evacuation Day, March 17)."""

    location = models.CharField(
        _("work location"), max_length=WORK_LOCATION_LENGTH, validators=[validate_work_location]
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("local holiday")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["location", "date"], name="one_local_holiday_a_day")]

    def __str__(self) -> str:
        return f"{self.location} {self.date}: {self.name}"


class Closure(models.Model):
    """The employer's business stopped: a closure of a week or more is not charged to FMLA (29 CFR 825.200(h))."""

    location = models.CharField(
        _("work location"),
        max_length=WORK_LOCATION_LENGTH,
        blank=True,
        validators=[validate_work_location],
        help_text=_("Leave blank for a closure of every location."),
    )
    start = models.DateField(_("first day closed"))
    end = models.DateField(_("last day closed"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closure")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="closure_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.location or 'all'} {self.start} – {self.end}: {self.reason}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The last day closed must be on or after the first day closed.")})


class RosterFeedRow(models.Model):
    """One row of a roster file being imported, staged so that checks across rows run in SQL.

    Rows live only inside the import's transaction: the import empties the table before it commits,
    and a rejected file rolls them back with everything else. A bad row is staged too (is_valid
    false, its values blank) so that others may still name it as their supervisor.
    """

    line_number = models.PositiveIntegerField()
    employee_number = models.CharField(max_length=20)
    is_valid = models.BooleanField()
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    first_name_key = models.CharField(max_length=100, blank=True)
    last_name_key = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True)
    home_zip = models.CharField(max_length=10, blank=True)
    hire_date = models.DateField(null=True)
    hours_worked_last_12_months = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    scheduled_hours_per_day = models.DecimalField(max_digits=4, decimal_places=2, null=True)
    work_days = models.CharField(max_length=27, blank=True)
    work_location = models.CharField(max_length=WORK_LOCATION_LENGTH, blank=True)
    agency = models.CharField(max_length=100, blank=True)
    supervisor_number = models.CharField(max_length=20, blank=True)
    work_email = models.EmailField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["employee_number", "line_number"], name="roster_feed_number_idx"),
            models.Index(fields=["supervisor_number"], name="roster_feed_supervisor_idx"),
        ]

    def __str__(self) -> str:
        return f"line {self.line_number}: {self.employee_number}"


class RosterFeedProblem(models.Model):
    """Why one line of a roster file being imported is bad; staged like RosterFeedRow."""

    line_number = models.PositiveIntegerField(db_index=True)
    message = models.TextField()

    def __str__(self) -> str:
        return f"line {self.line_number}: {self.message}"
