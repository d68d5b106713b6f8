"""The policy engine: plain Python over values, no HTTP and no ORM.

Eligibility at a date (check_eligibility), the entitlement ledger in hours (Ledger, PolicyBalance), the check of
one prospective approval against what a policy has left (check_approval, EntitlementCheck), and the rules read
from Policy.rules (parse_rules). cases.balances and cases.decisions feed it from the database.
"""

from policies.engine.approval import EntitlementCheck, check_approval
from policies.engine.eligibility import Eligibility, check_eligibility
from policies.engine.entries import EntryFlag, entry_flags
from policies.engine.facts import CaseTime, Coverage, Entry, OpeningBalance, Pattern, RosterFacts, Schedule
from policies.engine.ledger import Ledger, PolicyBalance
from policies.engine.rules import PeriodMethod, PolicyRules, RulesError, parse_rules

__all__ = [
    "CaseTime",
    "Coverage",
    "Eligibility",
    "EntitlementCheck",
    "Entry",
    "EntryFlag",
    "Ledger",
    "OpeningBalance",
    "Pattern",
    "PeriodMethod",
    "PolicyBalance",
    "PolicyRules",
    "RosterFacts",
    "RulesError",
    "Schedule",
    "check_approval",
    "check_eligibility",
    "entry_flags",
    "parse_rules",
]
