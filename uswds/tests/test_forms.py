from django import forms
from django.template import Context, Template

from uswds.forms import PortalForm


class ContactForm(PortalForm):
    email = forms.EmailField(label="Email address", help_text="We only use it for this case.")
    when = forms.ChoiceField(label="Best time", choices=[("8", "8 AM"), ("9", "9 AM")], widget=forms.RadioSelect)


def render(form):
    return Template("{{ form }}").render(Context({"form": form}))


def test_a_field_renders_the_uswds_way_with_its_label_and_hint():
    html = render(ContactForm())
    assert '<label class="usa-label" for="id_email">Email address</label>' in html
    assert 'class="usa-input"' in html
    assert 'id="id_email_helptext"' in html
    assert 'aria-describedby="id_email_helptext"' in html


def test_an_error_sits_next_to_its_field_and_keeps_what_was_typed():
    html = render(ContactForm(data={"email": "not-an-address", "when": "8"}))
    assert 'class="usa-form-group usa-form-group--error"' in html
    assert 'id="id_email_error"' in html
    assert "Enter a valid email address." in html
    assert 'aria-invalid="true"' in html
    assert 'value="not-an-address"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html


def test_radio_choices_are_a_fieldset_with_a_legend():
    html = render(ContactForm())
    assert '<legend class="usa-legend">Best time</legend>' in html
    assert 'class="usa-radio__input usa-radio__input--tile"' in html
