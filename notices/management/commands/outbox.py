"""Print the outbox, newest first: one block per message with time, channel, recipient and full body."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from notices.models import Message


class Command(BaseCommand):
    help = "Print recorded messages (SMS, voice, email, letters), newest first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--last", type=int, metavar="N", help="only the newest N messages")
        parser.add_argument("--to", metavar="RECIPIENT", help="only messages to this recipient")

    def handle(self, *args: Any, last: int | None, to: str | None, **options: Any) -> None:
        messages = Message.objects.order_by("-created_at", "-id")
        if to:
            messages = messages.filter(recipient=to)
        if last is not None:
            messages = messages[: max(last, 0)]
        for message in messages.iterator():
            when = timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M:%S %Z")
            self.stdout.write(
                f"--- {when} · {message.get_channel_display()} · to {message.recipient} · {message.status}"
            )
            if message.subject:
                self.stdout.write(f"Subject: {message.subject}")
            self.stdout.write(message.body)
            self.stdout.write("")
