"""Load the demo data: the roster (and, as later parts add them, accounts and cases). Safe to run twice."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from accounts.demo import load_demo_accounts
from desk.demo import load_demo_desk
from portal.demo_history import load_demo_cases
from roster.demo import load_demo_roster
from roster.models import RosterRecord


class Command(BaseCommand):
    help = "Load the demo roster, accounts and cases. Running it again changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the roster already has records")

    def handle(self, *args: Any, if_empty: bool, **options: Any) -> None:
        if if_empty and RosterRecord.objects.exists():
            self.stdout.write("Demo data not loaded: the database already has a roster.")
            return
        with transaction.atomic():
            count = load_demo_roster()
            load_demo_accounts()
            desk_cases = load_demo_desk()
            history_cases = load_demo_cases()
        self.stdout.write(self.style.SUCCESS(f"Demo roster: {count} people in two agencies."))
        self.stdout.write(self.style.SUCCESS("Demo account: demo.employee / Leave!Desk1 (codes in the outbox)."))
        self.stdout.write(
            self.style.SUCCESS(f"Demo desk: demo.specialist, demo.hr, demo.supervisor; {desk_cases} new cases.")
        )
        self.stdout.write(self.style.SUCCESS(f"Demo absence history: {history_cases} new cases."))
