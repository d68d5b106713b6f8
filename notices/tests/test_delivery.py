"""The outbox delivers at least once and, through the gateway's idempotency key, once.

A notice is written in its cause's transaction (a rolled-back cause leaves no notice), handed to the broker after
the commit (a broker that is down fails nothing: the sweeper sends the message a minute later; the notices an
action queues together go over in one hand-over, each to its own delivery), marked sent only when the gateway
answered, and every attempt is kept. The recording gateway honours the key as a real one must.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from notices import delivery, tasks
from notices.delivery import MAX_ATTEMPTS, GatewayError, deliver, due_for_sweep
from notices.models import AttemptOutcome, Channel, GatewayReceipt, Message, MessageStatus
from notices.sending import handed_over_together, queue_notice

pytestmark = pytest.mark.django_db(transaction=True)


def notice(dedupe_key: str = "case-1-confirmation") -> Message | None:
    return queue_notice(
        Channel.SMS, "+16175550142", "account_code_sms", {"code": "482913", "minutes": 10}, dedupe_key=dedupe_key
    )


class FlakyGateway:
    """Fails `failures` times, then takes the message (recording it as the real recording gateway would)."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0

    def deliver(self, message: Message) -> MessageStatus:
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError("gateway timed out")
        return MessageStatus.RECORDED


def test_a_notice_is_written_with_its_cause_and_gone_with_it_when_the_cause_rolls_back():
    def cause_that_fails() -> None:
        with transaction.atomic():
            notice()
            raise RuntimeError("the case could not be saved")

    with pytest.raises(RuntimeError):
        cause_that_fails()
    assert not Message.objects.exists()

    with transaction.atomic():
        message = notice()
    assert message is not None
    message.refresh_from_db()
    assert message.status == MessageStatus.RECORDED
    assert GatewayReceipt.objects.get().idempotency_key == message.idempotency_key


def test_a_broker_down_at_commit_loses_nothing_and_the_sweeper_sends_it_later():
    refused = BrokerError("Connection refused")
    with mock.patch.object(tasks.deliver_message, "delay", side_effect=refused), transaction.atomic():
        message = notice()  # the cause commits; the hand-off to the broker fails quietly
    assert message is not None
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert due_for_sweep(timezone.now()) == []  # not before a minute has passed
    a_minute_later = timezone.now() + timedelta(minutes=1, seconds=1)
    assert due_for_sweep(a_minute_later) == [message.pk]
    with mock.patch("notices.tasks.timezone.now", return_value=a_minute_later):
        assert tasks.sweep_outbox() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.RECORDED
    assert GatewayReceipt.objects.count() == 1
    with mock.patch("notices.tasks.timezone.now", return_value=a_minute_later + timedelta(minutes=5)):
        assert tasks.sweep_outbox() == 0  # delivered: never swept again


def test_a_message_the_gateway_got_before_the_process_died_is_delivered_once_when_sent_again():
    with mock.patch.object(tasks.deliver_message, "delay"), transaction.atomic():
        message = notice()
    assert message is not None
    # The gateway took it, then the worker was killed before the outbox was marked: still queued.
    delivery.gateway_for(Channel.SMS).deliver(message)
    assert Message.objects.get(pk=message.pk).status == MessageStatus.QUEUED
    deliver(message.pk)  # the broker redelivers the task (or the sweeper does)
    receipt = GatewayReceipt.objects.get()
    assert (receipt.idempotency_key, receipt.repeats) == (message.idempotency_key, 1)  # one delivery, one repeat
    assert Message.objects.get(pk=message.pk).status == MessageStatus.RECORDED
    deliver(message.pk)  # a delivered message is not handed over again
    assert GatewayReceipt.objects.get().repeats == 1


def test_a_gateway_error_is_kept_on_the_attempt_and_raised_for_a_retry_then_it_goes_through():
    with mock.patch.object(tasks.deliver_message, "delay"), transaction.atomic():
        message = notice()
    assert message is not None
    gateway = FlakyGateway(failures=1)
    with mock.patch("notices.delivery.gateway_for", return_value=gateway):
        with pytest.raises(GatewayError):
            deliver(message.pk)
        message.refresh_from_db()
        assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)
        assert message.error == "ConnectionError: gateway timed out"
        deliver(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == (MessageStatus.RECORDED, 2, "")
    assert [a.outcome for a in message.delivery_attempts.all()] == [
        AttemptOutcome.GATEWAY_ERROR,
        AttemptOutcome.DELIVERED,
    ]
    assert all(a.finished_at for a in message.delivery_attempts.all())


def test_after_the_last_attempt_the_message_is_marked_failed_for_an_operator():
    with mock.patch.object(tasks.deliver_message, "delay"), transaction.atomic():
        message = notice()
    assert message is not None
    gateway = FlakyGateway(failures=MAX_ATTEMPTS)
    with mock.patch("notices.delivery.gateway_for", return_value=gateway):
        for _ in range(MAX_ATTEMPTS - 1):
            with pytest.raises(GatewayError):
                deliver(message.pk)
        deliver(message.pk)  # the last: no retry asked
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, MAX_ATTEMPTS)
    assert [a.outcome for a in message.delivery_attempts.all()][-1] == AttemptOutcome.GAVE_UP
    assert due_for_sweep(timezone.now() + timedelta(hours=1)) == []


def test_the_delivery_task_retries_gateway_errors_with_back_off_and_survives_a_killed_worker():
    task = tasks.deliver_message
    assert task.autoretry_for == (GatewayError,)
    assert (task.retry_backoff, task.max_retries) == (5, MAX_ATTEMPTS - 1)
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True


def test_every_message_gets_its_own_idempotency_key():
    with mock.patch.object(tasks.deliver_message, "delay"):
        first, second = notice("one"), notice("two")
    assert first is not None
    assert second is not None
    assert first.idempotency_key != second.idempotency_key


def test_notices_queued_together_go_to_the_broker_in_one_hand_over_each_to_its_own_delivery():
    with (
        mock.patch.object(tasks.deliver_messages, "delay") as together,
        mock.patch.object(tasks.deliver_message, "delay") as alone,
    ):
        with transaction.atomic(), handed_over_together():
            first, second = notice("one"), notice("two")
            assert not together.called  # nothing before the commit
        assert first is not None
        assert second is not None
        together.assert_called_once_with([first.pk, second.pk])
        assert not alone.called
    tasks.deliver_messages([first.pk, second.pk])  # as the worker runs it: each message its own delivery
    statuses = Message.objects.order_by("pk").values_list("status", flat=True)
    assert list(statuses) == [MessageStatus.RECORDED, MessageStatus.RECORDED]
    assert GatewayReceipt.objects.count() == 2


def test_notices_handed_over_together_are_delivered_once_each_even_when_handed_over_twice():
    with transaction.atomic(), handed_over_together():
        first, second = notice("one"), notice("two")
    assert first is not None
    assert second is not None
    tasks.deliver_messages([first.pk, second.pk])  # a worker killed after the fan-out: the task runs again
    assert sorted(GatewayReceipt.objects.values_list("repeats", flat=True)) == [0, 0]
    assert Message.objects.filter(status=MessageStatus.RECORDED).count() == 2


def test_a_block_that_fails_hands_nothing_over_and_its_notices_roll_back():
    def cause_that_fails() -> None:
        with transaction.atomic(), handed_over_together():
            notice("one")
            notice("two")
            raise RuntimeError("the case could not be saved")

    with mock.patch.object(tasks.deliver_messages, "delay") as together, pytest.raises(RuntimeError):
        cause_that_fails()
    assert not together.called
    assert not Message.objects.exists()


def test_notices_queued_together_when_the_broker_is_down_wait_for_the_sweeper():
    refused = BrokerError("Connection refused")
    # The cause commits; the hand-over fails quietly.
    broker_down = mock.patch.object(tasks.deliver_messages, "delay", side_effect=refused)
    with broker_down, transaction.atomic(), handed_over_together():
        notice("one")
        notice("two")
    assert Message.objects.filter(status=MessageStatus.QUEUED).count() == 2
    a_minute_later = timezone.now() + timedelta(minutes=1, seconds=1)
    with mock.patch("notices.tasks.timezone.now", return_value=a_minute_later):
        assert tasks.sweep_outbox() == 2
    assert Message.objects.filter(status=MessageStatus.RECORDED).count() == 2


def test_the_hand_over_of_notices_together_is_retried_and_survives_a_killed_worker():
    task = tasks.deliver_messages
    assert task.max_retries == 3
    assert task.acks_late is True
    assert task.reject_on_worker_lost is True
