"""The approved pattern of an intermittent leave, as the employee's case page and the designation notice state it.

The desk records what each certification says (desk.models.Certification, its sentence from
absence.certification.pattern_sentence); the cases app sits below the desk and never imports it, so it reads the
records through the reverse relation `case.certifications`, as it reads the desk's document requests.
"""

from __future__ import annotations

from cases.models import Case, LeavePattern


def approved_pattern(case: Case) -> str:
    """For intermittent leave, the frequency and duration the latest complete certification approved ("up to 2
    episodes a month, up to 1 day each"); "" for continuous leave or before any is recorded. One query."""
    if case.pattern != LeavePattern.INTERMITTENT:
        return ""
    certification = case.certifications.filter(complete=True).order_by("-received_on", "-id").first()
    return certification.pattern if certification is not None else ""
