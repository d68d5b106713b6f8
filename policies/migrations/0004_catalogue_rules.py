from django.db import migrations


def fill_rules(apps, schema_editor):
    """Give each catalogue policy its plan rules and short name, leaving any already edited in the admin."""
    from policies.catalogue import RULES, SHORT_NAMES

    policy_model = apps.get_model("policies", "Policy")
    for policy in policy_model.objects.filter(code__in=RULES):
        if not policy.rules:
            policy.rules = RULES[policy.code]
        if not policy.short_name:
            policy.short_name = SHORT_NAMES[policy.code]
        policy.save(update_fields=["rules", "short_name"])


class Migration(migrations.Migration):
    dependencies = [("policies", "0003_policy_short_name")]
    operations = [migrations.RunPython(fill_rules, migrations.RunPython.noop)]
