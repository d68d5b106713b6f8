import pytest

from accounts.demo import load_demo_accounts
from accounts.models import User
from cases.demo import load_demo_cases
from cases.history import claims_history
from cases.models import Case, Document
from roster.demo import load_demo_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_employee():
    load_demo_roster()
    load_demo_accounts()
    return User.objects.get(username="demo.employee")


def test_the_demo_employee_has_a_varied_history(demo_employee):
    load_demo_cases()

    summaries = claims_history(demo_employee)
    assert {summary.status for summary in summaries} == {"pending", "approved", "denied", "cancelled"}
    assert {summary.case.kind for summary in summaries} == {"leave", "unplanned"}
    assert {summary.case.pattern for summary in summaries} >= {"continuous", "intermittent"}
    assert any(summary.is_open_intermittent for summary in summaries)
    assert Document.objects.filter(case__employee=demo_employee).count() == 1


def test_other_employees_get_cases_for_the_desk(demo_employee):
    load_demo_cases()

    assert Case.objects.exclude(employee=demo_employee).count() == 2


def test_loading_the_demo_twice_changes_nothing(demo_employee):
    first = load_demo_cases()

    assert load_demo_cases() == 0
    assert Case.objects.count() == first
    assert Document.objects.count() == 1


def test_without_the_demo_account_only_the_desk_cases_are_made():
    load_demo_roster()

    assert load_demo_cases() == 2
