"""The demo roster: a few dozen people in two agencies, each with a supervisor, for `seed_demo`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roster.models import RosterRecord

AGENCIES = ("Department of Revenue", "Executive Office of Health and Human Services")
FIRST_NAMES = (
    "Maria", "James", "Aisha", "Chen", "Liam", "Sofia", "Noah", "Olivia", "Mateo", "Emma",
    "Kwame", "Priya", "Lucas", "Hannah", "Diego", "Grace", "Omar", "Chloe", "Ethan", "Zoe",
    "Isaac", "Nora", "Ravi", "Elena", "Samuel", "Fatima", "Daniel", "Mei", "Jonah", "Lucía",
)  # fmt: skip
LAST_NAMES = (
    "Santos", "Walsh", "Bello", "Wang", "Murphy", "Rossi", "Kim", "Brennan", "García", "Novak",
    "Mensah", "Patel", "Silva", "Cohen", "Ramírez", "Okafor", "Haddad", "Dubois", "O'Neil", "Nguyen",
    "Levin", "Byrne", "Iyer", "Petrova", "Adeyemi", "Khan", "Sullivan", "Lin", "Fischer", "Moreno",
)  # fmt: skip


def demo_people() -> list[dict[str, object]]:
    """Thirty people: in each agency the first is the director, the next two supervise the rest."""
    people = []
    for index, (first, last) in enumerate(zip(FIRST_NAMES, LAST_NAMES, strict=True)):
        agency_index, position = divmod(index, 15)
        number = f"{100001 + index}"
        if position == 0:
            supervisor = None
        elif position in (1, 2):
            supervisor = f"{100001 + agency_index * 15}"
        else:
            supervisor = f"{100001 + agency_index * 15 + 1 + position % 2}"
        part_time = position % 7 == 6
        people.append(
            {
                "employee_number": number,
                "first_name": first,
                "last_name": last,
                "birth_date": date(1960 + index % 35, 1 + index % 12, 1 + (index * 7) % 28),
                "home_zip": f"0{1803 + index * 11:04d}",
                "hire_date": date(2005 + index % 20, 1 + (index * 5) % 12, 1 + (index * 3) % 28),
                "hours_worked_last_12_months": Decimal("980") if part_time else Decimal("1950"),
                "scheduled_hours_per_day": Decimal("7.5") if position % 3 == 0 else Decimal("8"),
                "work_days": "Mon Tue Thu" if part_time else "Mon Tue Wed Thu Fri",
                "agency": AGENCIES[agency_index],
                "supervisor_number": supervisor,
                "work_email": f"{first.lower()}.{last.lower().replace(chr(39), '')}@example.gov",
            }
        )
    return people


def load_demo_roster() -> int:
    """Create or update the demo roster records; return how many there are."""
    people = demo_people()
    by_number: dict[str, RosterRecord] = {}
    for person in people:
        fields = {k: v for k, v in person.items() if k not in {"employee_number", "supervisor_number"}}
        record, _ = RosterRecord.objects.update_or_create(employee_number=person["employee_number"], defaults=fields)
        by_number[record.employee_number] = record
    for person in people:
        if person["supervisor_number"]:
            record = by_number[str(person["employee_number"])]
            record.supervisor = by_number[str(person["supervisor_number"])]
            record.save(update_fields=["supervisor"])
    return len(by_number)
