"""The starting policy catalogue and the reasons that imply each policy (loaded by a data migration).

After the first load this is data: specialists' administrators edit it in the Django admin.
"""

from __future__ import annotations

POLICIES: list[dict[str, object]] = [
    {"code": "fmla", "name": "Family Medical Leave Act", "decided_by": "specialist"},
    {"code": "fmla-military-caregiver", "name": "FMLA Military Caregiver Leave", "decided_by": "specialist"},
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
    # 29 CFR 825.127 (26 workweeks in a single 12-month period); PFML family leave covers it (c.175M §2(a)).
    "military_caregiver": ["fmla-military-caregiver", "pfml-family"],
    # 29 CFR 825.126: a reason for FMLA's own 12 workweeks (825.200(a)(5)), and for PFML family leave.
    "qualifying_exigency": ["fmla", "pfml-family"],
    "employee_sick": ["employee-sick"],
    "family_sick": ["family-sick"],
}

# Each policy's plan rules (the shape is documented in policies/engine/rules.py) and its short name, loaded by
# migration 0004 into Policy.rules and Policy.short_name. Sources: FMLA 29 CFR 825.110, 825.120, 825.200;
# MA PFML M.G.L. c.175M §2, 458 CMR 2.02 (benefit year), mass.gov PFML FAQ (the waiting period counts toward
# the benefit year's leave). The Short Term Disability 1 figures are the plan's: edit them to match its document.
SHORT_NAMES: dict[str, str] = {
    "fmla": "FMLA",
    "fmla-military-caregiver": "FMLA Military Caregiver",
    "pfml-medical": "MA PFML Medical",
    "pfml-family": "MA PFML Family",
    "std-1": "STD 1",
    "sick-leave-bank": "Sick Leave Bank",
    "employee-sick": "Employee Sick",
    "family-sick": "Family Sick",
}

# 29 CFR 825.127(e): in the single 12-month period of military caregiver leave, all FMLA leave together is at
# most 26 workweeks; 825.110(b): service before a break of 7 years or more is not counted.
_FMLA_COMBINED = {"group": "fmla", "weeks": 26}
_FMLA_ELIGIBILITY = {
    "min_months_of_service": 12,
    "min_hours_worked_last_12_months": 1250,
    "max_break_in_service_years": 7,
}
_PFML_PERIOD = {"method": "benefit_year", "benefit_year_weeks": 52}
_PFML_COMBINED = {"group": "ma-pfml", "weeks": 26}
_PFML_WAITING = {"kind": "waiting_period", "days": 7, "charges_entitlement": True}

RULES: dict[str, dict[str, object]] = {
    "fmla": {
        "source": (
            "29 CFR 825.110 (eligibility), 825.120 (bonding), 825.200 (12 workweeks, period method, closures), "
            "825.120(a)(3) and 825.201 (spouses share 12 weeks for bonding and a parent's care), 825.127(e) (26 "
            "workweeks with military caregiver leave)"
        ),
        "eligibility": {**_FMLA_ELIGIBILITY, "bonding_within_months": 12},
        "entitlement": {
            "weeks": 12,
            "period": {"method": "setting", "leave_year_start": {"month": 7, "day": 1}},
            "combined": _FMLA_COMBINED,
            "closures_not_charged": True,
            "spouses_share": {"weeks": 12},
        },
    },
    "fmla-military-caregiver": {
        "source": "29 CFR 825.127 (26 workweeks in a single 12-month period, combined with the other FMLA reasons)",
        "eligibility": _FMLA_ELIGIBILITY,
        "entitlement": {
            "weeks": 26,
            "period": {"method": "forward_from_first_use"},
            "combined": _FMLA_COMBINED,
            "closures_not_charged": True,
        },
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
