"""Leave to bond with a child ends 12 months after the birth or placement.

29 CFR 825.120(a)(2): the entitlement to FMLA leave for the birth or placement of a child expires 12 months after
it; M.G.L. c.175M §2(a): PFML family leave to bond within the first 12 months. The number of months is data
(`eligibility.bonding_within_months` in a policy's rules); a policy without it has no such end.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from policies.engine.calendar import ONE_DAY, add_months
from policies.engine.facts import CaseTime
from policies.engine.rules import EligibilityRules
from policies.engine.wording import date_text

BONDING = "bonding"
SOURCE = "29 CFR 825.120(a)(2); M.G.L. c.175M §2(a)"


def bonding_last_day(event: date, months: int) -> date:
    """The last day of bonding leave: the day before the `months`th anniversary of the birth or placement."""
    return add_months(event, months) - ONE_DAY


def bonding_ends(rules: EligibilityRules, case: CaseTime) -> date | None:
    """The last day a bonding case's time can be charged to a policy with this rule; None when it has no end."""
    if rules.bonding_within_months is None or case.reason != BONDING or case.child_event_date is None:
        return None
    return bonding_last_day(case.child_event_date, rules.bonding_within_months)


def bonding_words(event: date, months: int) -> dict[str, object]:
    return {
        "months": months,
        "event": date_text(event),
        "last_day": date_text(bonding_last_day(event, months)),
        "source": SOURCE,
    }


def after_bonding_text(event: date, months: int) -> str:
    """Why time after the bonding window is not charged: said in the balance and the eligibility note."""
    return _(
        "bonding leave ends on %(last_day)s, %(months)s months after the birth or placement on %(event)s [%(source)s]"
    ) % bonding_words(event, months)
