"""The queue's two columns of every case that exists already (desk.queue_state), from its decisions and open tasks."""

from django.db import migrations
from django.db.models import DateField, Exists, OuterRef, Subquery

# The rule of desk.queue_state, written against the historical models (a migration must not import the app's code).
DEADLINE_TASK_KINDS = ["verification", "review", "document", "return", "fitness"]


def fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    PolicyDecision = apps.get_model("policies", "PolicyDecision")
    Task = apps.get_model("desk", "Task")
    pending = PolicyDecision.objects.filter(case=OuterRef("pk"), status="pending").exclude(
        policy__decided_by="department"
    )
    first = Task.objects.filter(case=OuterRef("pk"), closed_at__isnull=True, kind__in=DEADLINE_TASK_KINDS)
    first = first.order_by("due_date").values("due_date")[:1]
    Case.objects.update(awaits_desk_decision=Exists(pending), next_deadline=Subquery(first, output_field=DateField()))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_queue_state"),
        ("desk", "0006_task_open_deadline_index"),
        ("policies", "0008_decision_leave_began_and_eligible_from"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
