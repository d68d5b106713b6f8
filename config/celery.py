"""The Celery app. Without REDIS_URL tasks run in-process (always eager), so development needs no worker."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("leavedesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
