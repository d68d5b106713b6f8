from django.db import migrations, models


def supervisors_filed_the_earlier_ones(apps, schema_editor):
    """Before HR could file for an employee, every case filed by someone else was filed by the supervisor."""
    Case = apps.get_model("cases", "Case")
    Case.objects.filter(filed_by__isnull=False).update(filed_as="supervisor")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_filed_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="filed_as",
            field=models.CharField(
                blank=True,
                choices=[("supervisor", "your supervisor"), ("hr", "your agency's HR office")],
                max_length=12,
                verbose_name="filed as",
            ),
        ),
        migrations.RunPython(supervisors_filed_the_earlier_ones, migrations.RunPython.noop),
    ]
