"""The starting policy catalogue and the reasons that imply each policy (loaded by a data migration).

After the first load this is data: specialists' administrators edit it in the Django admin.
"""

from __future__ import annotations

POLICIES: list[dict[str, object]] = [
    {"code": "fmla", "name": "Family Medical Leave Act", "decided_by": "specialist"},
    {"code": "pfml-medical", "name": "MA PFML Medical Leave", "decided_by": "specialist"},
    {"code": "pfml-family", "name": "MA PFML Family Leave", "decided_by": "specialist"},
    {"code": "std-1", "name": "Short Term Disability 1", "decided_by": "specialist"},
    {"code": "sick-leave-bank", "name": "Legislative Sick Leave Bank", "decided_by": "manual"},
    {"code": "employee-sick", "name": "Employee Sick", "decided_by": "department"},
    {"code": "family-sick", "name": "Family Sick", "decided_by": "department"},
]

REASON_POLICIES: dict[str, list[str]] = {
    "employee_health": ["fmla", "pfml-medical", "std-1"],
    "family_health": ["fmla", "pfml-family"],
    "pregnancy": ["fmla", "pfml-medical", "std-1"],
    "bonding": ["fmla", "pfml-family"],
    "employee_sick": ["employee-sick"],
    "family_sick": ["family-sick"],
}

# Each policy's plan rules (the shape is documented in policies/engine/rules.py) and its short name, loaded by
# migration 0004 into Policy.rules and Policy.short_name. Sources: FMLA 29 CFR 825.110, 825.120, 825.200;
# MA PFML M.G.L. c.175M §2, 458 CMR 2.02 (benefit year), mass.gov PFML FAQ (the waiting period counts toward
# the benefit year's leave). The Short Term Disability 1 figures are the plan's: edit them to match its document.
SHORT_NAMES: dict[str, str] = {
    "fmla": "FMLA",
    "pfml-medical": "MA PFML Medical",
    "pfml-family": "MA PFML Family",
    "std-1": "STD 1",
    "sick-leave-bank": "Sick Leave Bank",
    "employee-sick": "Employee Sick",
    "family-sick": "Family Sick",
}

_PFML_PERIOD = {"method": "benefit_year", "benefit_year_weeks": 52}
_PFML_COMBINED = {"group": "ma-pfml", "weeks": 26}
_PFML_WAITING = {"kind": "waiting_period", "days": 7, "charges_entitlement": True}

RULES: dict[str, dict[str, object]] = {
    "fmla": {
        "source": "29 CFR 825.110 (eligibility), 825.120 (bonding), 825.200 (12 workweeks, period method)",
        "eligibility": {
            "min_months_of_service": 12,
            "min_hours_worked_last_12_months": 1250,
            "bonding_within_months": 12,
        },
        "entitlement": {"weeks": 12, "period": {"method": "setting", "leave_year_start": {"month": 7, "day": 1}}},
    },
    "pfml-medical": {
        "source": "M.G.L. c.175M §2(c), 458 CMR 2.02; financial eligibility is decided by DFML",
        "eligibility": {},
        "entitlement": {"weeks": 20, "period": _PFML_PERIOD, "combined": _PFML_COMBINED, "unpaid_start": _PFML_WAITING},
    },
    "pfml-family": {
        "source": "M.G.L. c.175M §2(b), 458 CMR 2.02; financial eligibility is decided by DFML",
        "eligibility": {"bonding_within_months": 12},
        "entitlement": {"weeks": 12, "period": _PFML_PERIOD, "combined": _PFML_COMBINED, "unpaid_start": _PFML_WAITING},
    },
    "std-1": {
        "source": "Short Term Disability 1 plan document",
        "eligibility": {},
        "entitlement": {
            "weeks": 26,
            "period": {"method": "per_case"},
            "unpaid_start": {"kind": "elimination_period", "days": 14, "charges_entitlement": False},
        },
    },
    "sick-leave-bank": {"source": "decided by hand by the sick leave bank committee", "entitlement": None},
    "employee-sick": {"source": "decided by the employee's department", "entitlement": None},
    "family-sick": {"source": "decided by the employee's department", "entitlement": None},
}
