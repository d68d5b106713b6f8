"""The demo account: a registered employee anyone can sign in as (README). Codes are read from the outbox."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from accounts.models import ContactMethod, PhoneDevice, User
from roster.models import RosterRecord

DEMO_EMPLOYEE_NUMBER = "100004"
DEMO_USERNAME = "demo.employee"
DEMO_PASSWORD = "Leave!Desk1"  # noqa: S105 - the published demo password
DEMO_PHONE = "+16175550104"


def load_demo_accounts() -> int:
    """Create or refresh the demo employee's account (after load_demo_roster). Returns how many accounts."""
    record = RosterRecord.objects.get(employee_number=DEMO_EMPLOYEE_NUMBER)
    user = User.objects.filter(username__iexact=DEMO_USERNAME).first() or User(username=DEMO_USERNAME)
    user.roster_record = record
    user.first_name = record.first_name
    user.last_name = record.last_name
    user.email = record.work_email
    user.is_active = True
    if not user.password or not user.check_password(DEMO_PASSWORD):
        user.password = make_password(DEMO_PASSWORD)
    user.save()
    PhoneDevice.objects.update_or_create(
        user=user,
        confirmed=True,
        defaults={"number": DEMO_PHONE, "method": ContactMethod.SMS, "name": "phone"},
    )
    return 1
