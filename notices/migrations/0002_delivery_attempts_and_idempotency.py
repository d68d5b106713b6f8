import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_each_message_its_key(apps, schema_editor):
    Message = apps.get_model("notices", "Message")
    for message in Message.objects.filter(idempotency_key__isnull=True).only("pk").iterator():
        Message.objects.filter(pk=message.pk).update(idempotency_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="idempotency_key",
            field=models.UUIDField(editable=False, null=True, verbose_name="idempotency key"),
        ),
        migrations.RunPython(give_each_message_its_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="message",
            name="idempotency_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="idempotency key"),
        ),
        migrations.AddField(
            model_name="message",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="delivery attempts"),
        ),
        migrations.AddField(
            model_name="message",
            name="last_attempt_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last attempt"),
        ),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(fields=["status", "created_at"], name="outbox_queued_idx"),
        ),
        migrations.CreateModel(
            name="DeliveryAttempt",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField(auto_now_add=True, verbose_name="started")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="finished")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("started", "Started (no answer recorded: the process may have stopped)"),
                            ("delivered", "Delivered"),
                            ("gateway_error", "Gateway error (to be retried)"),
                            ("gave_up", "Gateway error (no more retries)"),
                        ],
                        default="started",
                        max_length=15,
                        verbose_name="outcome",
                    ),
                ),
                ("error", models.TextField(blank=True, verbose_name="error")),
                (
                    "message",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="delivery_attempts",
                        to="notices.message",
                    ),
                ),
            ],
            options={"verbose_name": "delivery attempt", "ordering": ["started_at", "id"]},
        ),
        migrations.CreateModel(
            name="GatewayReceipt",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("idempotency_key", models.UUIDField(unique=True)),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("sms", "Text message"),
                            ("voice", "Voice call"),
                            ("email", "Email"),
                            ("letter", "Letter"),
                        ],
                        max_length=10,
                    ),
                ),
                ("recipient", models.CharField(max_length=500)),
                ("received_at", models.DateTimeField(auto_now_add=True)),
                ("repeats", models.PositiveIntegerField(default=0)),
            ],
            options={"verbose_name": "gateway receipt"},
        ),
    ]
