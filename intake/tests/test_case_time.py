from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import EmployeeFactory
from cases.models import CaseCondition, LeavePattern, TimeEntry
from cases.notify import long_date
from cases.tests.factories import LeavePeriodFactory, TimeEntryFactory
from intake.models import Draft
from intake.submission import submit_draft
from intake.tests.walking import enter_day, post_ok
from notices.models import Message
from policies.tests.factories import PolicyDecisionFactory
from roster.tests.factories import RosterRecordFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("employee_client")]  # signed in as the employee
TODAY = timezone.localdate()


@pytest.fixture
def unregistered_supervisor(employee):
    """Maria's supervisor on the roster, Grace, who has no account: her notices go to the roster's work email."""
    grace = RosterRecordFactory.create(first_name="Grace", work_email="grace@example.gov")
    employee.roster_record.supervisor = grace
    employee.roster_record.save()
    return grace


@pytest.fixture
def case(employee, unregistered_supervisor):
    """An open intermittent leave spanning a year that began two months ago."""
    period = LeavePeriodFactory.create(
        case__employee=employee,
        case__pattern=LeavePattern.INTERMITTENT,
        start_date=TODAY - timedelta(days=60),
        end_date=TODAY + timedelta(days=304),
    )
    PolicyDecisionFactory.create(
        case=period.case, status="approved", start_date=period.start_date, end_date=period.end_date
    )
    CaseCondition.objects.create(case=period.case, label="Migraine", code="G43.909")
    return period.case


def start(client, case):
    return post_ok(client, reverse("case_time:start", args=[case.case_number]), {})


def test_an_open_intermittent_case_offers_submit_new_absence_time(client, case):
    page = client.get(reverse("cases:detail", args=[case.case_number])).content.decode()

    assert "Submit new absence time" in page


def test_a_continuous_or_denied_case_does_not(client, employee):
    continuous = LeavePeriodFactory.create(case__employee=employee).case
    denied = LeavePeriodFactory.create(case__employee=employee, case__pattern=LeavePattern.INTERMITTENT).case
    PolicyDecisionFactory.create(case=denied, status="denied")

    for closed in (continuous, denied):
        assert (
            "Submit new absence time"
            not in client.get(reverse("cases:detail", args=[closed.case_number])).content.decode()
        )
        assert client.post(reverse("case_time:start", args=[closed.case_number])).status_code == 404


def test_every_step_names_the_case_and_leads_back_to_its_details(client, case):
    page = client.get(start(client, case)).content.decode()

    assert "Submit new absence time" in page
    assert f"Case #{case.case_number}" in page
    assert f'<a href="/cases/{case.case_number}/">Back to claim details</a>' in page
    assert "Select the date of the absence being reported" in page


def test_reported_days_are_recorded_on_the_case_and_the_desk_is_told(client, case):
    day = TODAY - timedelta(days=3)
    url = enter_day(client, start(client, case), day, doctor_visit="yes", notes="Migraine clinic")
    list_page = client.get(url).content.decode()
    assert "Submit Absence" in list_page

    confirmation = client.get(post_ok(client, url, {})).content.decode()

    assert "Submission Successful" in confirmation
    assert "Thank you for submitting your form." in confirmation
    assert "cannot be edited or deleted through the Consumer Portal" in confirmation
    entry = TimeEntry.objects.get(case=case)
    assert (entry.date, entry.full_day, entry.doctor_visit, entry.source) == (day, True, True, "reported")
    case.refresh_from_db()
    assert case.has_new_time_entries is True


def test_the_supervisor_learns_the_dates_and_hours_but_never_the_reason(client, case):
    day = TODAY - timedelta(days=2)
    url = enter_day(client, start(client, case), day, full_day="no", start="08:00 AM", end="10:00 AM", notes="Neuro")
    post_ok(client, url, {})

    notice = Message.objects.get(recipient="grace@example.gov")
    assert f"{long_date(day)}: 08:00 AM" in notice.body
    assert "(02:00)" in notice.body
    for secret in ("Migraine", "G43", "Neuro", "Employee Health Condition"):
        assert secret not in notice.body
        assert secret not in notice.subject


def test_a_day_outside_the_case_span_is_refused(client, case):
    response = client.post(start(client, case), {"date": (TODAY + timedelta(days=400)).isoformat()})

    assert response.status_code == 200
    assert "must fall within this case&#x27;s leave period" in response.content.decode()


def test_a_day_more_than_30_days_past_is_refused_with_the_guides_advice(client, case):
    response = client.post(start(client, case), {"date": (TODAY - timedelta(days=31)).isoformat()})

    page = response.content.decode()
    assert "The earliest date you can enter here is" in page
    assert 'please visit the <a class="usa-link" href="/contact-us/">Contact Us</a> page and call us' in page


def test_a_day_already_reported_on_the_case_is_refused(client, case):
    TimeEntryFactory.create(case=case, date=TODAY - timedelta(days=5))

    response = client.post(start(client, case), {"date": (TODAY - timedelta(days=5)).isoformat()})

    assert "You have already reported time for this date on this case." in response.content.decode()


def test_submitting_the_same_report_twice_records_it_once(client, case):
    url = enter_day(client, start(client, case), TODAY - timedelta(days=1))
    post_ok(client, url, {})
    draft = Draft.objects.get(case=case)

    assert submit_draft(draft) == []
    again = client.post(url, {})
    assert again.status_code == 302
    assert again["Location"] == reverse("case_time:submitted", args=[case.case_number, draft.id])
    assert TimeEntry.objects.filter(case=case).count() == 1
    assert Message.objects.filter(recipient="grace@example.gov").count() == 1


def test_a_day_reported_meanwhile_through_another_report_is_refused_on_submit(client, case):
    url = enter_day(client, start(client, case), TODAY - timedelta(days=4))
    TimeEntryFactory.create(case=case, date=TODAY - timedelta(days=4))

    response = client.post(url, {})

    assert "You have already reported time for this date on this case." in response.content.decode()
    assert TimeEntry.objects.filter(case=case).count() == 1


def test_another_employees_case_and_report_are_not_found(client, case):
    stranger = EmployeeFactory.create()
    theirs = LeavePeriodFactory.create(case__employee=stranger, case__pattern=LeavePattern.INTERMITTENT).case
    assert client.post(reverse("case_time:start", args=[theirs.case_number])).status_code == 404
    my_step = start(client, case)
    client.force_login(stranger)
    assert client.get(my_step).status_code == 404
