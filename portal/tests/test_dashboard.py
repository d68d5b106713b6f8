from datetime import datetime

import pytest
from django.utils import timezone

from intake.models import Draft, FlowType
from portal.drafts import absence_dates, read_date, short_date

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def started(draft, month, day):
    when = datetime(TODAY.year, month, day, 9, 30, tzinfo=timezone.get_current_timezone())
    Draft.objects.filter(pk=draft.pk).update(created_at=when)


def dashboard(client):
    return client.get("/dashboard/").content.decode()


def test_an_unplanned_absence_draft_says_which_day_it_is_for_and_when_it_was_started(employee_client, employee):
    draft = Draft.objects.create(
        owner=employee, flow=FlowType.UNPLANNED, answers={"days": [{"date": f"{TODAY.year}-12-03"}]}
    )
    started(draft, 12, 1)
    assert "<strong>Unplanned absence for Dec 3</strong>, started Dec 1" in dashboard(employee_client)


def test_a_continuous_leave_draft_gives_its_first_and_last_day(employee_client, employee):
    answers = {
        "absence-type": {"reason": "bonding"},
        "continuous-dates": {"start_date": f"12/03/{TODAY.year}", "end_date": f"12/10/{TODAY.year}"},
    }
    draft = Draft.objects.create(owner=employee, flow=FlowType.LEAVE, answers=answers)
    started(draft, 11, 28)
    assert "Leave of absence: Bonding with a Child for Dec 3 – Dec 10</strong>, started Nov 28" in dashboard(
        employee_client
    )


def test_a_draft_without_dates_yet_says_what_it_is_and_when_it_was_started(employee_client, employee):
    draft = Draft.objects.create(owner=employee, flow=FlowType.UNPLANNED, answers={})
    started(draft, 1, 5)
    assert "<strong>Unplanned absence</strong>, started Jan 5" in dashboard(employee_client)


def test_drafts_come_first_on_the_dashboard_before_the_choices(employee_client, employee):
    Draft.objects.create(owner=employee, flow=FlowType.UNPLANNED, answers={})
    page = dashboard(employee_client)
    assert page.index("Requests in progress") < page.index("What would you like to do today?")


def test_another_users_drafts_are_not_listed(employee_client, employee, supervisor):
    Draft.objects.create(owner=supervisor, flow=FlowType.UNPLANNED, answers={})
    assert "Requests in progress" not in dashboard(employee_client)


def test_a_date_from_another_year_shows_its_year():
    assert short_date(TODAY.replace(year=TODAY.year - 1, month=3, day=4), TODAY) == f"Mar 4, {TODAY.year - 1}"


def test_half_typed_or_malformed_dates_are_left_out():
    assert read_date("12/3") is None
    assert read_date(None) is None
    assert absence_dates({"days": [{"date": "nonsense"}, "oops"]}) == []
    assert absence_dates({"days": [{"date": "nonsense"}], "day": {"date": "2025-12-04"}}) == [read_date("2025-12-04")]


def test_the_cards_are_rendered_once_per_language_then_read_from_the_fragments(employee_client):
    def cards_rendered(response):
        return "portal/dashboard_cards.html" in [template.name for template in response.templates]

    first, second = employee_client.get("/dashboard/"), employee_client.get("/dashboard/")

    assert cards_rendered(first)
    assert not cards_rendered(second)

    def cards(response):
        page = response.content.decode()
        return page[page.index('<p class="usa-intro">') : page.index("</ul>", page.index("usa-card-group"))]

    assert cards(first) == cards(second)
    assert '<a class="usa-button" href="/request/">Request an absence</a>' in second.content.decode()


def test_a_draft_filed_for_a_report_names_them_on_the_dashboard(employee_client, employee, supervisor):
    Draft.objects.create(owner=employee, employee=supervisor, flow=FlowType.UNPLANNED, answers={})
    name = supervisor.get_full_name() or supervisor.username
    assert f"<strong>Unplanned absence (for {name})</strong>" in dashboard(employee_client)
