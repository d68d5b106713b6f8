"""A case has one owner, set only by the assignment actions or, for a new case, by the rule of DESK_ASSIGNMENT."""

import pytest

from audit.models import AuditAction, AuditEvent
from cases.models import CaseEventKind
from cases.submission import submit_leave_request
from cases.tests.test_submit_actions import leave_request
from desk import ownership
from desk.actions import DeskActionError
from desk.models import AgencyAuthorization, CaseAssignment
from desk.tests.factories import make_hr_professional, make_specialist

pytestmark = pytest.mark.django_db


def history(case):
    return list(case.events.filter(kind=CaseEventKind.OWNER).order_by("at", "id").values_list("summary", flat=True))


def test_picking_an_unowned_case_makes_me_its_owner_with_a_history_line_and_an_audit_event(report_case, specialist):
    ownership.pick_case(report_case, by=specialist)
    assert ownership.owner_of(report_case) == specialist
    assert history(report_case) == ["Picked by Casey Specialist"]
    assert AuditEvent.objects.filter(action=AuditAction.ASSIGNED_CASE, case_number=report_case.case_number).exists()


def test_a_case_someone_owns_cannot_be_picked_but_can_be_reassigned(report_case, specialist):
    other = make_specialist("other")
    ownership.pick_case(report_case, by=other)
    with pytest.raises(DeskActionError, match=r"already owns case .* reassign it to yourself"):
        ownership.pick_case(report_case, by=specialist)
    ownership.reassign_case(report_case, specialist, by=specialist)
    assert ownership.owner_of(report_case) == specialist
    assert history(report_case)[-1].startswith("Reassigned from")


def test_a_released_case_is_unowned_and_a_second_release_says_there_is_nothing_to_release(report_case, specialist):
    ownership.pick_case(report_case, by=specialist)
    ownership.release_case(report_case, by=specialist)
    assert ownership.owner_of(report_case) is None
    assert history(report_case)[-1] == "Released by Casey Specialist: nobody owns it now"
    with pytest.raises(DeskActionError, match="nothing to release"):
        ownership.release_case(report_case, by=specialist)


def test_only_an_active_specialist_can_own_a_case(report_case, specialist):
    hr = make_hr_professional()
    with pytest.raises(DeskActionError, match="not an active case specialist"):
        ownership.assign_case(report_case, hr, by=specialist)
    assert not CaseAssignment.objects.filter(case=report_case, owner__isnull=False).exists()


def test_by_default_a_new_case_waits_unassigned(employee, specialist):
    case = submit_leave_request(leave_request(employee))
    assert ownership.owner_of(case) is None


def test_the_round_robin_gives_new_cases_in_turn_to_the_agency_team(settings, employee, specialist):
    settings.DESK_ASSIGNMENT = ownership.ROUND_ROBIN
    agency = employee.roster_record.agency
    first, second, elsewhere = make_specialist("ana"), make_specialist("ben"), make_specialist("cy")
    for member in (first, second):
        AgencyAuthorization.objects.create(staff_role=member.staff_role, agency=agency)
    AgencyAuthorization.objects.create(staff_role=elsewhere.staff_role, agency="Another agency")
    owners = [ownership.owner_of(submit_leave_request(leave_request(employee))) for _ in range(3)]
    assert owners[0] != owners[1]
    assert owners[2] == owners[0]
    assert set(owners) == {first, second}
    case = submit_leave_request(leave_request(employee))
    assert history(case)[0].endswith("in turn (round robin)")


def test_the_round_robin_turns_over_every_specialist_when_the_agency_has_no_team(settings, employee, specialist):
    settings.DESK_ASSIGNMENT = ownership.ROUND_ROBIN
    other = make_specialist("other")
    owners = {ownership.owner_of(submit_leave_request(leave_request(employee))) for _ in range(2)}
    assert owners == {specialist, other}
