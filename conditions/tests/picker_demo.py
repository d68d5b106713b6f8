"""A stand-in form step for the picker's tests: the picker inside a form, as the intake wizard embeds it.

Served only by `picker_demo_urls` (selected with `@pytest.mark.urls`), never by the project's URLconf.
"""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template import engines

from conditions.forms import ReasonPickerMixin
from uswds.forms import PortalForm

HELP_TEXT = (
    "Type text in this field to search for the general reason for your absence. The reason that you provide "
    "can be either a general reason, such as “doctor’s visit,” or a specific condition (if you wish to "
    "disclose one)."
)

STEP = engines["django"].from_string(
    """{% extends "base.html" %}
{% block title %}Reason for Leave{% endblock %}
{% block content %}
<h1>Reason for Leave</h1>
{% if chosen %}
<h2>Your reasons were saved</h2>
<ul class="usa-list" data-saved>
  {% for reason in chosen %}<li>{{ reason.label }}{% if reason.code %} ({{ reason.code }}){% endif %}</li>{% endfor %}
</ul>
{% else %}
<form method="post" class="usa-form usa-form--large" novalidate>
  {% csrf_token %}
  {{ form.as_div }}
  {% include "conditions/_picker.html" with picker=form.reason_picker help_text=help_text %}
  <button type="submit" class="usa-button">Next</button>
</form>
{% endif %}
{% endblock %}"""
)


class DemoReasonForm(ReasonPickerMixin, PortalForm):
    note = forms.CharField(label="Anything else?", required=False)


def reason_step(request: HttpRequest) -> HttpResponse:
    max_reasons = 1 if request.GET.get("one") else 5
    form = DemoReasonForm(request.POST if request.method == "POST" else None, max_reasons=max_reasons)
    chosen = form.cleaned_data["reasons"] if request.method == "POST" and form.is_valid() else None
    context = {"form": form, "help_text": HELP_TEXT, "chosen": chosen}
    return HttpResponse(STEP.render(context, request))
