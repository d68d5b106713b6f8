"""The demo data gives a specialist, an HR professional, a supervisor and cases in every decision status."""

import pytest
from django.core.management import call_command

from accounts.models import User
from audit.models import AuditEvent
from cases.models import Case
from desk.access import is_supervisor
from desk.models import Role, StaffRole
from policies.models import DecisionStatus, PolicyDecision

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_desk_people_and_every_decision_status_once():
    call_command("seed_demo")
    counts = (Case.objects.count(), AuditEvent.objects.count())
    call_command("seed_demo")
    assert (Case.objects.count(), AuditEvent.objects.count()) == counts
    roles = dict(StaffRole.objects.values_list("user__username", "role"))
    assert roles == {"demo.specialist": Role.SPECIALIST, "demo.hr": Role.HR}
    assert is_supervisor(User.objects.get(username="demo.supervisor"))
    statuses = set(PolicyDecision.objects.values_list("status", flat=True))
    assert statuses == set(DecisionStatus.values)
