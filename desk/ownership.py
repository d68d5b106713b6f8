"""Who owns a case on the desk: the only code that changes a case's owner.

A case has at most one owner, a case specialist (desk.models.CaseAssignment). It changes only through the
actions below, each in one transaction with a line in the case's history and, when a person did it, an audit
event: `assign_case` (a specialist gives a case to a specialist), `pick_case` (takes an unowned case),
`reassign_case` (gives an owned case to someone else) and `release_case` (gives it up, unowned).

A new leave case is assigned by the rule of the `DESK_ASSIGNMENT` setting when it is submitted
(`assign_new_case`, registered with cases.submission.on_leave_submitted when the apps load):

- "unassigned" (the default): nobody owns it until a specialist picks it from the queue or assigns it. The
  default, because a round robin over a team nobody has set up yet hands cases to people who do not know;
- "round_robin": the next specialist of its agency team, in turn. The team is the specialists authorized for the
  employee's agency (desk.models.AgencyAuthorization), or every specialist when none is. The team's counter row is
  moved on by one UPDATE that locks it until the submit commits, so two cases submitted at once go to two people.

Unplanned absences are decided by the department and are not assigned.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import BigIntegerField, QuerySet, Value, When
from django.db.models import Case as SqlCase
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.log import record
from audit.models import AuditAction
from cases.events import record_event
from cases.models import Case, CaseEventKind, CaseKind
from cases.submission import new_case_in_hand
from desk.actions import DeskActionError
from desk.models import AssignmentCounter, CaseAssignment, Role

ROUND_ROBIN = "round_robin"
UNASSIGNED = "unassigned"
ASSIGNMENT_RULES = (ROUND_ROBIN, UNASSIGNED)


def assignment_rule() -> str:
    rule = getattr(settings, "DESK_ASSIGNMENT", UNASSIGNED)
    return rule if rule in ASSIGNMENT_RULES else UNASSIGNED


def specialists() -> QuerySet[User]:
    """The active case specialists, in a fixed order (the round robin's)."""
    active = User.objects.filter(is_active=True, staff_role__role=Role.SPECIALIST)
    return active.order_by("last_name", "first_name", "pk")


def team_of(agency: str) -> tuple[str, list[User]]:
    """The agency's team (its name and its specialists), or every specialist ("") when none is authorized for it."""
    team = list(specialists().filter(staff_role__agencies__agency=agency)) if agency else []
    return (agency, team) if team else ("", list(specialists()))


def owner_of(case: Case) -> User | None:
    assignment = CaseAssignment.objects.select_related("owner").filter(case=case).first()
    return assignment.owner if assignment is not None else None


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def _locked_assignment(case: Case) -> CaseAssignment:
    CaseAssignment.objects.get_or_create(case=case)
    return CaseAssignment.objects.select_for_update(of=("self",)).select_related("owner").get(case=case)


def _change_owner(
    case: Case, owner: User | None, *, by: User | None, summary: str, request: HttpRequest | None
) -> CaseAssignment:
    """Set the owner on the locked row, with the history line and (for a person's action) the audit event."""
    assignment = _locked_assignment(case)
    assignment.owner = owner
    assignment.assigned_at = timezone.now()
    assignment.save(update_fields=["owner", "assigned_at"])
    record_event(case, CaseEventKind.OWNER, summary, actor=by)
    if by is not None:
        record(by, AuditAction.ASSIGNED_CASE, case=case, target=f"case {case.case_number}", detail=summary,
               request=request)  # fmt: skip
    return assignment


def _check_may_own(case: Case, owner: User) -> None:
    if case.is_cancelled:
        raise DeskActionError(_("Case %(number)s was cancelled: it has nothing left to work on.") % {
            "number": case.case_number})  # fmt: skip
    if not specialists().filter(pk=owner.pk).exists():
        raise DeskActionError(_("%(name)s is not an active case specialist: choose a specialist to own the case.") % {
            "name": _name(owner)})  # fmt: skip


def assign_case(case: Case, owner: User, *, by: User, request: HttpRequest | None = None) -> CaseAssignment:
    """Give the case to `owner`, whoever owned it before."""
    _check_may_own(case, owner)
    with transaction.atomic():
        current = _locked_assignment(case).owner
        if current == owner:
            return _locked_assignment(case)
        summary = _("Assigned to %(owner)s") % {"owner": _name(owner)}
        if current is not None:
            summary = _("Reassigned from %(before)s to %(owner)s") % {"before": _name(current), "owner": _name(owner)}
        return _change_owner(case, owner, by=by, summary=summary, request=request)


def pick_case(case: Case, *, by: User, request: HttpRequest | None = None) -> CaseAssignment:
    """Take an unowned case. One owned by someone else is refused: reassign it instead, so nobody loses it unawares."""
    _check_may_own(case, by)
    with transaction.atomic():
        current = _locked_assignment(case).owner
        if current == by:
            return _locked_assignment(case)
        if current is not None:
            raise DeskActionError(
                _("%(name)s already owns case %(number)s. To take it over, reassign it to yourself.")
                % {"name": _name(current), "number": case.case_number}
            )
        return _change_owner(case, by, by=by, summary=_("Picked by %(owner)s") % {"owner": _name(by)},
                             request=request)  # fmt: skip


def reassign_case(case: Case, owner: User, *, by: User, request: HttpRequest | None = None) -> CaseAssignment:
    """Give an owned case to another specialist (`assign_case` for a case that has an owner)."""
    with transaction.atomic():
        if _locked_assignment(case).owner is None:
            raise DeskActionError(
                _("Nobody owns case %(number)s yet: pick it, or assign it.") % {"number": case.case_number}
            )
        return assign_case(case, owner, by=by, request=request)


def release_case(case: Case, *, by: User, request: HttpRequest | None = None) -> CaseAssignment:
    """Give the case up: unowned, it waits in the queue for someone to pick it."""
    with transaction.atomic():
        current = _locked_assignment(case).owner
        if current is None:
            raise DeskActionError(_("Nobody owns case %(number)s: there is nothing to release.") % {
                "number": case.case_number})  # fmt: skip
        summary = _("Released by %(by)s: nobody owns it now") % {"by": _name(by)}
        return _change_owner(case, None, by=by, summary=summary, request=request)


def next_in_turn(agency: str) -> User | None:
    """The team's next specialist (call inside a transaction). Its counter moves on in one UPDATE, which computes the
    next owner from the row as it finds it and locks the row until the caller's transaction ends: two cases submitted
    at once wait for each other there and go to two people, and the lock is taken by the write itself, not by a read
    before it."""
    team_name, team = team_of(agency)
    if not team:
        return None
    counter = AssignmentCounter.objects.filter(team=team_name)
    turn = _after_last_owner(team)
    if not counter.update(last_owner=turn):  # the team's first case: its counter row is made first
        AssignmentCounter.objects.get_or_create(team=team_name)
        counter.update(last_owner=turn)
    owner_id = counter.values_list("last_owner_id", flat=True).get()
    return next(user for user in team if user.pk == owner_id)


def _after_last_owner(team: list[User]) -> SqlCase:
    """In SQL: the specialist after the counter's last owner in the team's order; the first when there was none, or
    when the last one has left the team."""
    following = [When(last_owner_id=user.pk, then=Value(team[(i + 1) % len(team)].pk)) for i, user in enumerate(team)]
    return SqlCase(*following, default=Value(team[0].pk), output_field=BigIntegerField())


def assign_new_case(case: Case) -> None:
    """The assignment rule, for a case just submitted (in its transaction). A case its submit is making has no
    assignment row yet (nobody else sees it before the commit): the row is written with its owner at once."""
    if case.kind != CaseKind.LEAVE or assignment_rule() != ROUND_ROBIN:
        return
    record_ = case.employee.roster_record
    owner = next_in_turn(record_.agency if record_ is not None else "")
    if owner is None:
        return
    summary = _("Assigned to %(owner)s in turn (round robin)") % {"owner": _name(owner)}
    if new_case_in_hand(case) is None:
        _change_owner(case, owner, by=None, summary=summary, request=None)
        return
    CaseAssignment.objects.create(case=case, owner=owner, assigned_at=timezone.now())
    record_event(case, CaseEventKind.OWNER, summary, actor=None)
