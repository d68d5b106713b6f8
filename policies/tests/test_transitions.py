"""The transition table: which status of a policy decision may follow which, and when a reason is needed."""

import pytest

from policies.models import DecidedBy, DecisionStatus
from policies.transitions import allowed_targets, is_decided_on_the_desk, needs_reason, refusal

PENDING, APPROVED, DENIED, CANCELLED = (
    DecisionStatus.PENDING,
    DecisionStatus.APPROVED,
    DecisionStatus.DENIED,
    DecisionStatus.CANCELLED,
)


@pytest.mark.parametrize(("current", "targets"), [
    (PENDING, [APPROVED, DENIED]),
    (APPROVED, [DENIED, APPROVED]),
    (DENIED, [APPROVED]),
    (CANCELLED, []),
])  # fmt: skip
def test_the_desk_offers_only_what_the_table_allows(current, targets):
    assert sorted(allowed_targets(current)) == sorted(targets)


def test_a_first_decision_needs_no_reason():
    assert refusal(PENDING, APPROVED) is None
    assert refusal(PENDING, DENIED) is None


def test_reversing_or_redating_a_decision_needs_a_reason():
    for current, target in ((APPROVED, DENIED), (DENIED, APPROVED), (APPROVED, APPROVED)):
        assert needs_reason(current, target)
        assert refusal(current, target) == "Give the reason for changing a decision that was already made."
        assert refusal(current, target, reason="The certification arrived.") is None


def test_a_decided_policy_never_goes_back_to_pending():
    for current in (APPROVED, DENIED):
        assert "cannot go back to pending" in str(refusal(current, PENDING, reason="any"))


def test_cancelled_only_through_the_case_and_then_final():
    assert refusal(APPROVED, CANCELLED) == "A policy is cancelled only by cancelling its case."
    assert refusal(APPROVED, CANCELLED, via_case_cancel=True) is None
    for target in (PENDING, APPROVED, DENIED):
        assert "final" in str(refusal(CANCELLED, target, reason="any", via_case_cancel=True))


def test_the_departments_policies_are_not_decided_on_the_desk():
    assert not is_decided_on_the_desk(DecidedBy.DEPARTMENT)
    assert is_decided_on_the_desk(DecidedBy.SPECIALIST)
    assert is_decided_on_the_desk(DecidedBy.MANUAL)
