from django.db import migrations


def load_catalogue(apps, schema_editor):
    from policies.catalogue import POLICIES, REASON_POLICIES

    policy_model = apps.get_model("policies", "Policy")
    link_model = apps.get_model("policies", "ReasonPolicy")
    by_code = {}
    for entry in POLICIES:
        policy, _ = policy_model.objects.get_or_create(code=entry["code"], defaults=entry)
        by_code[policy.code] = policy
    for reason, codes in REASON_POLICIES.items():
        for code in codes:
            link_model.objects.get_or_create(reason=reason, policy=by_code[code])


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]
    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
