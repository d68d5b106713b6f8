from django.db import migrations, models


def supervisors_started_the_earlier_ones(apps, schema_editor):
    """Before HR could file for an employee, every draft for someone else was a supervisor's."""
    Draft = apps.get_model("intake", "Draft")
    Draft.objects.filter(employee__isnull=False).update(filed_as="supervisor")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_filed_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="filed_as",
            field=models.CharField(blank=True, max_length=12, verbose_name="filed as"),
        ),
        migrations.RunPython(supervisors_started_the_earlier_ones, migrations.RunPython.noop),
    ]
