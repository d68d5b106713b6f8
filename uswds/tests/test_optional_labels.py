from django import forms
from django.template import Context, Template

from uswds.forms import PortalForm, required_when_shown


class MailingForm(PortalForm):
    by_email = forms.ChoiceField(label="By email?", choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect)
    email = required_when_shown(forms.EmailField(label="Email address", required=False))
    street = required_when_shown(forms.CharField(label="Street address", required=False))
    apartment = forms.CharField(label="Apartment, floor, etc", required=False)
    days = required_when_shown(
        forms.MultipleChoiceField(
            label="Which days?", choices=[("mon", "Mon")], widget=forms.CheckboxSelectMultiple, required=False
        )
    )
    newsletter = forms.BooleanField(label="Send me news", required=False)


def render(form):
    return Template("{{ form }}").render(Context({"form": form}))


def test_a_field_required_when_shown_is_never_labelled_optional():
    html = render(MailingForm())
    assert "Email address</label>" in html
    assert "Street address</label>" in html


def test_a_fieldset_required_when_shown_is_never_labelled_optional_either():
    html = render(MailingForm())
    assert "optional" not in html[html.index("Which days?") : html.index("</legend>", html.index("Which days?"))]


def test_a_truly_optional_field_says_so():
    html = render(MailingForm())
    assert 'Apartment, floor, etc <span class="usa-hint">(optional)</span></label>' in html


def test_a_required_field_and_a_lone_checkbox_are_not_labelled_optional():
    html = render(MailingForm())
    assert "optional" not in html[html.index("By email?") : html.index("</legend>", html.index("By email?"))]
    assert "Send me news</label>" in html


def test_the_mark_leaves_the_field_optional_to_validation():
    form = MailingForm(data={"by_email": "no"})
    assert form.is_valid(), form.errors
