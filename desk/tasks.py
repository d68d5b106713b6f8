"""The desk's background work: the daily reminders of outstanding documents (desk.reminders), then the tasks of
every case with one open (desk.worklist.sync_open_cases).

On Celery beat's schedule (config/settings.py: every day at 7 AM US/Eastern). Without REDIS_URL Celery runs tasks
in-process, as every other background task here: `manage.py send_reminders` (which `make run` calls at start)
runs this same task, so development needs no worker or beat.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from desk.reminders import send_daily_reminders as run_reminders
from desk.worklist import sync_open_cases

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True, acks_late=True)
def send_daily_reminders() -> dict[str, int]:
    """Remind the employees of documents due in 5 days or today, mark the late ones overdue; safe to run twice."""
    now = timezone.now()
    run = run_reminders(now)
    if run.reminded or run.marked_overdue:
        logger.info("Daily reminders: %s sent, %s marked overdue", run.reminded, run.marked_overdue)
    # The tasks follow the dates too: the overdue marks just written, and any case whose tasks an event missed.
    sync_open_cases(now)
    return {"reminded": run.reminded, "marked_overdue": run.marked_overdue}
