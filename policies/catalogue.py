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
