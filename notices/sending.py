"""Composing and sending notices. Message texts live in template files under templates/notices/.

A notice template's first line is "Subject: ..." (used by email and letters); the rest is the body.

Every channel is plain text (an SMS, a voice script, a plain-text email, a letter), so notice templates
are always rendered with autoescaping off: "O'Brien" stays "O'Brien", never "O&#x27;Brien". This is
decided here, once, for every template: a template never needs (and should not carry) its own
`{% autoescape off %}`. They are rendered by the project's Django template engine (TEMPLATES in
settings: its directories, libraries and `string_if_invalid`), without context processors: a notice
gets exactly the context its sender builds.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.template import Context, engines
from django.template.backends.django import DjangoTemplates
from django.template.base import Template

from notices.models import Channel, Message
from notices.tasks import deliver_message, deliver_messages

_BLANK_LINES = re.compile(r"\n{3,}")
logger = logging.getLogger(__name__)
# Set while the caller's dedupe keys all name something its own transaction has just made (`keys_never_used`).
_keys_new: ContextVar[bool] = ContextVar("dedupe_keys_never_used", default=False)
# While an action hands its notices over together (`handed_over_together`), the ids of those it has queued.
_together: ContextVar[list[int] | None] = ContextVar("notices_handed_over_together", default=None)


@contextmanager
def keys_never_used() -> Iterator[None]:
    """Within the block, every dedupe key the caller gives names something its transaction has just made (the
    number of a case its submit is creating), so no message can hold one yet: a notice is written without the
    savepoint that answers a repeat with None (two queries fewer), and the letters skip their lookup the same way
    (letters.issuing). Should a key clash all the same, the caller's transaction fails instead (the submit then
    tries again, with a new number)."""
    token = _keys_new.set(True)
    try:
        yield
    finally:
        _keys_new.reset(token)


def keys_are_new() -> bool:
    """Whether the caller is inside `keys_never_used`."""
    return _keys_new.get()


@contextmanager
def handed_over_together() -> Iterator[None]:
    """Within the block, the notices queued go to the broker together once the caller's transaction (which must
    enclose the block) commits: one task that gives each its own delivery (`notices.tasks.deliver_messages`), not
    one hand-over per notice on the request's time. A block that ends with an error hands nothing over (its
    messages roll back with it); a block inside another holds for the outer one."""
    if _together.get() is not None:
        yield
        return
    ids: list[int] = []
    token = _together.set(ids)
    try:
        yield
    finally:
        _together.reset(token)
    if ids:
        transaction.on_commit(lambda: hand_to_broker(*ids))


def notice_template(template: str) -> Template:
    """The compiled templates/notices/<template>.txt, from the project's Django template engine."""
    backend = next(engine for engine in engines.all() if isinstance(engine, DjangoTemplates))
    return backend.engine.get_template(f"notices/{template}.txt")


def render_text(template: str, context: dict[str, Any]) -> str:
    """The template rendered as plain text: never HTML-escaped, each line's trailing spaces and any
    run of blank lines (left by a tag on a line of its own) tidied away."""
    text = notice_template(template).render(Context(context, autoescape=False))
    lines = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return _BLANK_LINES.sub("\n\n", lines)


def render_notice(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """Render templates/notices/<template>.txt into (subject, body), as plain text for every channel."""
    text = render_text(template, context)
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        return first.removeprefix("Subject:").strip(), rest.strip()
    return "", text


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a notice, by the name its recipient sees, and its name in the default storage: ""
    while it is still to be made (after the commit: see `Message.awaits_attachment`)."""

    stored_name: str
    file_name: str

    @classmethod
    def to_be_prepared(cls, file_name: str) -> Attachment:
        """An attachment made after the commit: the message waits for it and is never sent without it."""
        return cls("", file_name)


def queue_notice(
    channel: Channel,
    recipient: str,
    template: str,
    context: dict[str, Any],
    *,
    dedupe_key: str | None = None,
    attachment: Attachment | None = None,
) -> Message | None:
    """Record a notice in the outbox, in the caller's transaction, and send it once that transaction commits.

    With a dedupe_key, the same event never produces two messages: a repeat returns None. An attachment is either
    stored before the call (the message names the file; it never holds a copy) or to be prepared after the commit
    (`Attachment.to_be_prepared`): the message then waits for it.
    """
    subject, body = render_notice(template, context)
    fields: dict[str, Any] = {
        "channel": channel,
        "recipient": recipient,
        "subject": subject,
        "body": body,
        "template": template,
        "dedupe_key": dedupe_key,
        "attachment": attachment.stored_name if attachment else "",
        "attachment_name": attachment.file_name if attachment else "",
        "awaits_attachment": attachment is not None and not attachment.stored_name,
    }
    if keys_are_new():
        message = Message.objects.create(**fields)  # no repeat to catch: no savepoint to roll back to
    else:
        try:
            with transaction.atomic():
                message = Message.objects.create(**fields)
        except IntegrityError:
            if Message.objects.filter(dedupe_key=dedupe_key).exists():
                return None
            raise
    together = _together.get()
    if together is not None:
        together.append(message.pk)  # handed over with the others when the block's transaction commits
    else:
        transaction.on_commit(lambda: hand_to_broker(message.pk))
    return message


def hand_to_broker(*message_ids: int) -> None:
    """Queue the delivery once the messages are committed: one message's task, or for several one task that gives
    each its own. The messages are in the outbox whatever happens here: should the broker be down, the request
    still succeeds and the sweeper sends them later."""
    try:
        if len(message_ids) == 1:
            deliver_message.delay(message_ids[0])
        else:
            deliver_messages.delay(list(message_ids))
    except Exception:
        logger.warning(
            "Messages %s not handed to the broker; the outbox sweeper sends them", message_ids, exc_info=True
        )
