from cases.status import CaseStatus, case_status


def leave(*statuses, cancelled=False):
    return case_status(kind="leave", cancelled=cancelled, decision_statuses=statuses)


def test_any_approved_decision_makes_the_leave_approved():
    assert leave("denied", "approved", "pending") == CaseStatus.APPROVED


def test_a_leave_with_pending_and_denied_decisions_is_pending():
    assert leave("denied", "pending") == CaseStatus.PENDING


def test_a_leave_whose_decisions_are_all_denied_is_denied():
    assert leave("denied", "denied", "cancelled") == CaseStatus.DENIED


def test_a_leave_whose_decisions_were_all_cancelled_is_cancelled():
    assert leave("cancelled", "cancelled") == CaseStatus.CANCELLED


def test_a_leave_without_decisions_yet_is_pending():
    assert leave() == CaseStatus.PENDING


def test_a_cancelled_case_is_cancelled_whatever_its_decisions_say():
    assert leave("approved", cancelled=True) == CaseStatus.CANCELLED


def test_an_unplanned_absence_is_always_pending_even_when_a_decision_says_otherwise():
    assert case_status(kind="unplanned", cancelled=False, decision_statuses=["approved"]) == CaseStatus.PENDING
    assert case_status(kind="unplanned", cancelled=False, decision_statuses=["denied"]) == CaseStatus.PENDING


def test_a_cancelled_unplanned_absence_shows_cancelled():
    assert case_status(kind="unplanned", cancelled=True, decision_statuses=["pending"]) == CaseStatus.CANCELLED
