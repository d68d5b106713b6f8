from celery import shared_task

from notices.delivery import deliver


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def deliver_message(message_id: int) -> None:
    deliver(message_id)
