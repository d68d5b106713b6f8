from django.db import migrations

# The FMLA rule keys this migration adds to a catalogue already loaded (values from policies.catalogue): the
# 26-workweek cap shared with military caregiver leave, closures, spouses' shared weeks, breaks in service.
FMLA_ENTITLEMENT_KEYS = ("combined", "closures_not_charged", "spouses_share")
FMLA_ELIGIBILITY_KEYS = ("max_break_in_service_years",)
NEW_POLICIES = ("fmla-military-caregiver",)
NEW_REASONS = ("military_caregiver", "qualifying_exigency")


def add_leave_kinds(apps, schema_editor):
    """Military caregiver leave as a policy, the two military reasons' links, and FMLA's new rule keys; a key
    already set in the admin is left as it is."""
    from policies.catalogue import POLICIES, REASON_POLICIES, RULES, SHORT_NAMES

    policy_model = apps.get_model("policies", "Policy")
    link_model = apps.get_model("policies", "ReasonPolicy")
    for entry in POLICIES:
        if entry["code"] in NEW_POLICIES:
            defaults = {**entry, "rules": RULES[entry["code"]], "short_name": SHORT_NAMES[entry["code"]]}
            policy_model.objects.get_or_create(code=entry["code"], defaults=defaults)
    for reason in NEW_REASONS:
        for code in REASON_POLICIES[reason]:
            policy = policy_model.objects.filter(code=code).first()
            if policy is not None:
                link_model.objects.get_or_create(reason=reason, policy=policy)
    fmla = policy_model.objects.filter(code="fmla").first()
    if fmla is not None and isinstance(fmla.rules.get("entitlement"), dict):
        for key in FMLA_ENTITLEMENT_KEYS:
            fmla.rules["entitlement"].setdefault(key, RULES["fmla"]["entitlement"][key])
        eligibility = fmla.rules.setdefault("eligibility", {})
        for key in FMLA_ELIGIBILITY_KEYS:
            eligibility.setdefault(key, RULES["fmla"]["eligibility"][key])
        fmla.rules["source"] = RULES["fmla"]["source"]
        fmla.save(update_fields=["rules"])


class Migration(migrations.Migration):
    dependencies = [("policies", "0006_opening_balance")]
    operations = [migrations.RunPython(add_leave_kinds, migrations.RunPython.noop)]
