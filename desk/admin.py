"""The desk's additions to the admin: a policy decision shows its case and reasons, so the admin that lists
and opens decisions is the audited one (desk.admin_site.CaseViewsAudited) in place of the policies app's."""

from __future__ import annotations

from django.contrib import admin

from desk.admin_site import CaseViewsAudited
from policies.admin import PolicyDecisionAdmin
from policies.models import PolicyDecision


class AuditedPolicyDecisionAdmin(CaseViewsAudited, PolicyDecisionAdmin):
    """Every page that shows a decision (a list, a change page) is written to the access log."""


if admin.site.is_registered(PolicyDecision):
    admin.site.unregister(PolicyDecision)
admin.site.register(PolicyDecision, AuditedPolicyDecisionAdmin)
