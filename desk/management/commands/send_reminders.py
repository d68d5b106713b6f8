"""Run the daily reminders now (the Celery beat task's own work): safe to run any number of times a day."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from desk.tasks import send_daily_reminders


class Command(BaseCommand):
    help = "Remind employees of documents due in 5 days or today, and mark late documents overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_daily_reminders.apply().get()
        self.stdout.write(
            self.style.SUCCESS(f"Reminders sent: {run['reminded']}. Documents marked overdue: {run['marked_overdue']}.")
        )
