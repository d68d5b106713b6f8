"""A field that kept Django's own wording gets a plain sentence naming it; a message written for it wins."""

from django import forms

from uswds.forms import PortalForm

FRAMEWORK_WORDING = ("This field is required", "Select a valid choice", "Enter a valid")


class AskingForm(PortalForm):
    purpose = forms.ChoiceField(label="Purpose of the call", choices=[("a", "A")], widget=forms.RadioSelect)
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A")])
    note = forms.CharField(label="Note")
    written = forms.CharField(label="Reason", error_messages={"required": "Say why the case is cancelled."})


def test_an_empty_form_says_what_to_do_next_to_each_field_in_plain_words():
    form = AskingForm(data={})
    assert not form.is_valid()
    assert form.errors["purpose"] == ["Choose an answer for “Purpose of the call”."]
    assert form.errors["kind"] == ["Choose an answer for “Kind”."]
    assert form.errors["note"] == ["Fill in “Note”."]
    assert form.errors["written"] == ["Say why the case is cancelled."]
    assert not any(words in str(form.errors) for words in FRAMEWORK_WORDING)


def test_an_answer_not_among_the_choices_is_named_plainly():
    form = AskingForm(data={"purpose": "zzz", "kind": "a", "note": "x", "written": "y"})
    assert form.errors["purpose"] == ["Choose one of the answers given for “Purpose of the call”."]


def test_one_forms_messages_do_not_leak_into_the_class_or_another_form():
    AskingForm(data={})
    assert AskingForm.base_fields["note"].error_messages["required"] == "This field is required."


class StampedForm(PortalForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    start = forms.DateField(label="Start date")


def test_a_hidden_field_left_out_says_the_page_was_out_of_date_and_a_bad_date_shows_the_form_to_use():
    form = StampedForm(data={"start": "soon"})
    assert form.errors["version"] == ["This page was out of date: open it again and redo the change."]
    assert form.errors["start"] == ["Enter “Start date” as a date, like 01/12/2027."]


class RenamedForm(AskingForm):
    note = forms.CharField(label="Comment")


def test_every_form_of_a_class_gets_its_plain_messages_and_a_subclass_its_own():
    first, second = AskingForm(data={}), AskingForm(data={})
    assert second.fields["note"].error_messages["required"] == "Fill in “Note”."
    first.fields["note"].error_messages["required"] = "changed on one form"
    assert AskingForm(data={}).errors["note"] == ["Fill in “Note”."]
    assert second.errors["kind"] == ["Choose an answer for “Kind”."]
    assert RenamedForm(data={}).errors["note"] == ["Fill in “Comment”."]
    assert RenamedForm(data={}).errors["written"] == ["Say why the case is cancelled."]
