"""The desk benchmark's seeding (bench/desk_seed.py), with a small number of cases on the test database.

No timings here: bench/desk.py prints them. These check that what it measures is what a desk would hold.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from bench.desk import check_seeded_cases_render, count_queries, pages, sample_values, signed_in_client
from bench.desk_seed import seed_desk
from cases.decisions import policy_eligibility
from cases.models import Case, CaseEventKind, CaseKind
from desk.models import DocumentRequest
from desk.queue import DeadlineFilter, QueueFilters, filtered_queue
from policies.models import DecisionStatus, ReasonPolicy

pytestmark = pytest.mark.django_db


def open_queue() -> list[Case]:
    return list(filtered_queue(Case.objects.all(), QueueFilters(), timezone.localdate()))


def test_the_open_queue_holds_exactly_the_open_cases_asked_for_and_leaves_out_the_unplanned_and_cancelled():
    seeded = seed_desk(100)

    assert len(open_queue()) == seeded.open_cases == 100
    assert Case.objects.filter(kind=CaseKind.UNPLANNED).count() == seeded.unplanned == 10
    assert Case.objects.filter(cancelled_at__isnull=False).count() == seeded.cancelled == 5
    assert len(seeded.through_actions) == 1


def test_each_seeded_leave_has_the_policies_its_reason_implies_with_the_engines_eligibility_note():
    seed_desk(40)

    implied: dict[str, set[str]] = {}
    for link in ReasonPolicy.objects.filter(policy__is_active=True).select_related("policy"):
        implied.setdefault(link.reason, set()).add(link.policy.code)
    cases = Case.objects.filter(kind=CaseKind.LEAVE, cancelled_at=None).prefetch_related("decisions__policy")
    for case in cases.select_related("employee__roster_record", "leave_period"):
        decisions = list(case.decisions.all())
        assert {d.policy.code for d in decisions} == implied[case.reason]
        for decision in decisions:
            assert decision.status == DecisionStatus.PENDING
            eligibility = policy_eligibility(case, decision.policy)
            assert eligibility is not None
            assert decision.eligibility_note == eligibility.note[:300]
            assert (decision.start_date, decision.end_date) == (
                case.leave_period.start_date,
                case.leave_period.end_date,
            )


def test_every_seeded_case_has_its_submitted_line_in_the_history():
    seed_desk(40)

    submitted = Case.objects.filter(events__kind=CaseEventKind.SUBMITTED).distinct().count()
    assert submitted == Case.objects.count()


def test_the_desk_has_worked_on_some_cases_so_some_are_overdue_and_some_are_not():
    seed_desk(60)

    today = timezone.localdate()
    overdue = filtered_queue(Case.objects.all(), QueueFilters(deadline=DeadlineFilter.OVERDUE), today).count()
    assert 0 < overdue < 60
    requests = list(DocumentRequest.objects.all())
    assert requests
    assert all(r.due_date == timezone.localdate(r.requested_at) + timedelta(days=15) for r in requests)
    assert Case.objects.filter(call_notes__isnull=False).distinct().count() > 0


def test_a_second_seeding_adds_other_people_and_cases_with_unused_case_numbers():
    first = seed_desk(20)
    second = seed_desk(20)

    assert len(open_queue()) == first.open_cases + second.open_cases == 40
    numbers = list(Case.objects.values_list("case_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert all(len(n) == 10 and n[0] != "0" for n in numbers)


def test_seeded_cases_render_on_the_desk_and_each_page_is_measured_by_its_query_count():
    seeded = seed_desk(100)
    client = signed_in_client()
    agency, name, numbers = sample_values()

    check_seeded_cases_render(client, [*seeded.through_actions, *numbers[:3]])
    counts = {page.name: count_queries(client, page) for page in pages(agency, name, numbers)}
    assert counts["my work"] is None or counts["my work"] > 0  # None: not built yet (404)
    assert all(count and count > 0 for name, count in counts.items() if name != "my work")
