"""My work, Next, the case page's owner and follow-up forms, and the queue's bulk actions, over HTTP."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import DocumentType
from cases.tests.factories import CaseFactory
from desk import ownership, worklist
from desk.models import CaseAssignment, DocumentRequest, Task, TaskKind
from desk.tests.conftest import desk_case, sign_in_to_desk
from desk.tests.factories import make_specialist
from desk.views.case import POST_ACTIONS

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def desk(client, specialist):
    return sign_in_to_desk(client, specialist)


def follow_up(case, by, days, note="Check the schedule"):
    return worklist.add_follow_up(case, due_date=TODAY + timedelta(days=days), note=note, by=by)


def test_my_work_lists_my_cases_tasks_overdue_first_with_the_word_and_not_other_peoples(desk, specialist, report_case,
                                                                                        health_case):  # fmt: skip
    ownership.pick_case(report_case, by=specialist)
    ownership.assign_case(health_case, make_specialist("other"), by=specialist)
    follow_up(report_case, specialist, 3, "Later one")
    follow_up(health_case, specialist, 0, "Not mine")
    page = desk.get(reverse("desk:my_work")).content.decode()
    # The verification call of a case submitted 2026-11-23 is long overdue: it comes first, with its word.
    assert page.index("Verification call") < page.index("Later one")
    assert "OVERDUE" in page
    assert "Not mine" not in page
    assert report_case.case_number in page
    assert health_case.case_number not in page


def test_next_opens_the_case_of_the_earliest_task_at_its_section(desk, specialist, report_case):
    ownership.pick_case(report_case, by=specialist)
    response = desk.get(reverse("desk:next_task"))
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:case", args=[report_case.case_number]) + "#calls"


def test_next_with_nothing_to_do_comes_back_to_my_work_saying_so(desk):
    response = desk.get(reverse("desk:next_task"), follow=True)
    assert "You have no open tasks. Pick a case from the queue" in response.content.decode()


def test_my_work_costs_the_same_queries_for_one_task_as_for_a_hundred(desk, specialist, team,
                                                                     django_assert_max_num_queries):  # fmt: skip
    _supervisor, report = team
    case = desk_case(report)
    ownership.pick_case(case, by=specialist)
    with django_assert_max_num_queries(30) as one:
        desk.get(reverse("desk:my_work"))
    for number in range(48):  # 96 follow-ups and the first case's 3 tasks: one page
        more = CaseFactory.create(employee=report)
        CaseAssignment.objects.create(case=more, owner=specialist)
        Task.objects.bulk_create(
            Task(case=more, kind=TaskKind.FOLLOW_UP, due_date=TODAY, note=f"note {number}-{i}") for i in range(2)
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = desk.get(reverse("desk:my_work")).content.decode()
    assert "99 open tasks" in page
    assert "note 47-1" in page


def test_my_work_is_for_specialists_only(client, hr_professional):
    sign_in_to_desk(client, hr_professional)
    assert client.get(reverse("desk:my_work")).status_code == 403


def test_on_the_case_page_a_specialist_picks_the_case_then_adds_a_follow_up(desk, specialist, report_case):
    url = reverse("desk:case", args=[report_case.case_number])
    response = desk.post(url, {"action": "pick"}, follow=True)
    assert "You own this case now" in response.content.decode()
    due = (TODAY + timedelta(days=2)).isoformat()
    response = desk.post(url, {"action": "add_follow_up", "follow_up-due_date": due,
                               "follow_up-note": "Ask for the second page"}, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "The follow-up was added" in page
    assert "Ask for the second page" in page[page.index('id="tasks"') :]


def test_a_follow_up_without_a_note_is_refused_beside_the_field(desk, report_case):
    url = reverse("desk:case", args=[report_case.case_number])
    response = desk.post(url, {"action": "add_follow_up", "follow_up-due_date": TODAY.isoformat()})
    assert response.status_code == 400
    assert "Say what to follow up on, in a few words." in response.content.decode()


def test_a_call_with_no_answer_is_recorded_with_its_outcome_and_the_call_stays_due(desk, report_case):
    url = reverse("desk:case", args=[report_case.case_number])
    earlier = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    fields = {"action": "record_call", "call-purpose": "verification", "call-outcome": "no_answer",
              "call-called_at": earlier, "call-text": "Rang twice."}  # fmt: skip
    page = desk.post(url, fields, follow=True).content.decode()
    assert "Verification call · No answer" in page
    assert Task.objects.filter(case=report_case, kind=TaskKind.VERIFICATION_CALL, closed_at__isnull=True).exists()


def test_a_call_time_in_the_future_is_refused(desk, report_case):
    url = reverse("desk:case", args=[report_case.case_number])
    later = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    fields = {"action": "record_call", "call-purpose": "verification", "call-outcome": "reached",
              "call-called_at": later, "call-text": "Spoke."}  # fmt: skip
    response = desk.post(url, fields)
    assert response.status_code == 400
    assert "The call time cannot be in the future" in response.content.decode()


def test_an_internal_note_shows_in_its_own_section_and_never_on_the_employees_pages(desk, client, report_case):
    url = reverse("desk:case", args=[report_case.case_number])
    page = desk.post(url, {"action": "internal_note", "internal-text": "Supervisor seems hostile."}, follow=True)
    text = page.content.decode()
    section = text[text.index('id="internal-notes"') :]
    assert "Supervisor seems hostile." in section
    assert "Supervisor seems hostile." not in text[text.index('id="calls"') : text.index('id="internal-notes"')]
    client.force_login(report_case.employee)
    for name in ("cases:history",):
        assert "Supervisor seems hostile." not in client.get(reverse(name)).content.decode()


def bulk(desk, cases, **fields):
    return desk.post(reverse("desk:bulk"), {"case": [c.pk for c in cases], "next": "/desk/?status=all", **fields})


def test_bulk_assign_gives_every_selected_case_to_the_specialist_and_comes_back_to_the_queue(desk, report_case,
                                                                                            health_case):  # fmt: skip
    other = make_specialist("other")
    response = bulk(desk, [report_case, health_case], bulk_action="assign", owner=other.pk)
    assert response.status_code == 302
    assert response["Location"] == "/desk/?status=all"
    assert ownership.owner_of(report_case) == other == ownership.owner_of(health_case)
    page = desk.get(response["Location"]).content.decode()
    assert "2 cases were assigned to Casey Specialist." in page


def test_bulk_request_of_a_document_asks_each_case_and_opens_each_task(desk, report_case, health_case):
    certification = DocumentType.MEDICAL_CERTIFICATION
    bulk(desk, [report_case, health_case], bulk_action="request_document", document_type=certification)
    assert DocumentRequest.objects.filter(document_type=DocumentType.MEDICAL_CERTIFICATION).count() == 2
    assert Task.objects.filter(kind=TaskKind.DOCUMENT, closed_at__isnull=True).count() == 2


def test_bulk_is_all_or_nothing_and_says_which_case_refused(desk, specialist, report_case, health_case):
    from desk.actions import cancel_case  # noqa: PLC0415

    cancel_case(health_case, reason="Withdrawn.", by=specialist)
    due = (TODAY + timedelta(days=1)).isoformat()
    response = bulk(desk, [report_case, health_case], bulk_action="follow_up", due_date=due, note="Call back")
    assert not Task.objects.filter(kind=TaskKind.FOLLOW_UP).exists()
    page = desk.get(response["Location"]).content.decode()
    assert f"Nothing was changed. Case {health_case.case_number}" in page


def test_bulk_without_a_selection_says_to_select_cases(desk):
    response = desk.post(reverse("desk:bulk"), {"bulk_action": "assign"}, follow=True)
    assert "Select at least one case in the list first." in response.content.decode()


def test_bulk_actions_are_refused_to_hr_and_supervisors(client, hr_professional, team, report_case):
    sign_in_to_desk(client, hr_professional)
    assert bulk(client, [report_case], bulk_action="follow_up", note="x").status_code == 403
    supervisor, _report = team
    client.force_login(supervisor)
    assert client.post(reverse("desk:bulk"), {"case": [report_case.pk]}).status_code == 403
    assert not Task.objects.filter(kind=TaskKind.FOLLOW_UP).exists()


def test_the_bulk_fields_render_with_the_way_back_to_the_queue_for_specialists_only(rf, specialist, hr_professional):
    from django.middleware.csrf import get_token  # noqa: PLC0415
    from django.template import engines  # noqa: PLC0415

    template = engines["django"].from_string("{% load desk_bulk %}{% bulk_actions %}")
    request = rf.get("/desk/?status=all&page=2")
    request.user = specialist
    get_token(request)
    html = template.render({"role": specialist.staff_role}, request)
    assert 'name="bulk_action"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="next" value="/desk/?status=all&amp;page=2"' in html
    assert "Assign to a specialist" in html
    assert template.render({"role": hr_professional.staff_role}, request).strip() == ""


FRAMEWORK_WORDING = ("This field is required", "Select a valid choice", "Enter a valid", "Ensure this value")


@pytest.mark.parametrize("action", sorted(POST_ACTIONS))
def test_each_form_of_the_case_sent_empty_says_in_plain_words_what_is_missing(desk, report_case, action):
    url = reverse("desk:case", args=[report_case.case_number])
    page = desk.post(url, {"action": action}, follow=True).content.decode()
    assert not [words for words in FRAMEWORK_WORDING if words in page]


def test_a_call_without_its_purpose_asks_for_the_purpose(desk, report_case):
    url = reverse("desk:case", args=[report_case.case_number])
    fields = {"action": "record_call", "call-outcome": "reached", "call-text": "Spoke."}
    response = desk.post(url, fields)
    assert response.status_code == 400
    assert "Choose the purpose of the call." in response.content.decode()


def test_releasing_a_case_someone_already_released_says_so_instead_of_failing(desk, report_case):
    url = reverse("desk:case", args=[report_case.case_number])
    response = desk.post(url, {"action": "release"}, follow=True)
    assert response.status_code == 200
    assert "there is nothing to release" in response.content.decode()


def test_picking_a_case_another_specialist_just_picked_says_who_owns_it(desk, report_case):
    other = make_specialist("other.specialist")
    ownership.pick_case(report_case, by=other)
    url = reverse("desk:case", args=[report_case.case_number])
    response = desk.post(url, {"action": "pick"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Owned by" in page
