"""A notice whose dedupe key names something its cause has just made is written without the savepoint a repeat needs.

Outside `keys_never_used` a repeated key is answered None (the savepoint rolls the refused insert back); inside it,
where no message can hold the key yet, the insert is the only statement, and a key that clashes all the same fails
the caller's transaction rather than passing for a repeat.
"""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from notices.models import Channel, Message
from notices.sending import keys_are_new, keys_never_used, queue_notice

pytestmark = pytest.mark.django_db


def notice(dedupe_key: str) -> Message | None:
    return queue_notice(
        Channel.SMS, "+16175550142", "account_code_sms", {"code": "482913", "minutes": 10}, dedupe_key=dedupe_key
    )


def test_a_new_key_is_written_with_its_insert_alone():
    with CaptureQueriesContext(connection) as captured, keys_never_used():
        message = notice("case-5550001111-confirmation")
    assert message is not None
    assert [q["sql"].split()[0] for q in captured.captured_queries] == ["INSERT"]
    assert Message.objects.filter(dedupe_key="case-5550001111-confirmation").count() == 1


def test_outside_the_block_a_repeated_key_is_answered_none():
    assert notice("case-5550001111-confirmation") is not None
    assert notice("case-5550001111-confirmation") is None
    assert Message.objects.count() == 1


def test_inside_it_a_key_that_clashes_fails_the_transaction_instead():
    notice("case-5550001111-confirmation")
    with pytest.raises(IntegrityError), transaction.atomic(), keys_never_used():
        notice("case-5550001111-confirmation")
    assert Message.objects.count() == 1


def test_the_block_ends_with_its_with_statement():
    with keys_never_used():
        assert keys_are_new()
    assert not keys_are_new()
