"""Fields and their radio and checkbox choices render the same USWDS markup as the templates did.

The expected HTML in `option_markup_expected.html` was captured from main's template rendering (one template
per option); the options are now written in Python, so this keeps the page byte for byte the same.
"""

from pathlib import Path

from django import forms
from django.template import Context, Template

from uswds.forms import PortalForm

EXPECTED = Path(__file__).with_name("option_markup_expected.html")


class ChoicesForm(PortalForm):
    when = forms.ChoiceField(
        label="Best time",
        choices=[("8", "8 AM"), ("9", "9 AM"), ("late", "After 5 <PM> & later")],
        widget=forms.RadioSelect,
        help_text="We call <em>once</em>.",
    )
    days = forms.MultipleChoiceField(
        label="Days",
        choices=[("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    count = forms.TypedChoiceField(
        label="How many", choices=[(1, 1), (2, 2)], coerce=int, widget=forms.RadioSelect, required=False
    )
    locked = forms.ChoiceField(
        label="Locked",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.RadioSelect(attrs={"disabled": True}),
        required=False,
        initial="b",
    )
    grouped = forms.ChoiceField(
        label="Grouped",
        choices=[("Morning", [("m1", "Early"), ("m2", "Late")]), ("e", "Evening")],
        widget=forms.RadioSelect,
    )
    agree = forms.BooleanField(label="I agree")
    note = forms.CharField(label="Note", required=False)
    story = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 2}), help_text="Short.")
    email = forms.EmailField(label="Email", initial="a&b@example.com")
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}), required=False)
    hours = forms.DecimalField(label="Hours", required=False, initial=7.5)
    secret = forms.CharField(widget=forms.HiddenInput, initial="<x>")
    upload = forms.FileField(label="Upload", required=False)
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "- Select -"), ("Paid", [("p1", "Sick & safe"), ("p2", "Vacation")]), ("u", "Unpaid")],
        initial="p2",
    )
    tags = forms.MultipleChoiceField(label="Tags", choices=[("a", "A"), ("b", "B")], required=False, initial=["b"])


def variants() -> list[tuple[str, str]]:
    """Each form state a page shows: blank, with errors, with choices made, and without ids."""
    return [
        ("blank", str(ChoicesForm())),
        ("errors", str(ChoicesForm(data={"when": "nope", "days": ["mon", "zzz"]}))),
        (
            "chosen",
            str(
                ChoicesForm(
                    data={"when": "late", "days": ["mon", "wed"], "count": "2", "agree": "on", "story": "a <b>\nc"}
                )
            ),
        ),
        ("no ids", str(ChoicesForm(auto_id=False))),
        ("one field", Template("{{ form.days.as_field_group }}").render(Context({"form": ChoicesForm()}))),
    ]


def render_variants() -> str:
    return "".join(f"=== {name}\n{html}\n" for name, html in variants())


def test_fields_and_choices_render_exactly_the_markup_of_the_templates():
    assert render_variants() == EXPECTED.read_text()


def test_each_choice_is_a_uswds_tile_tied_to_its_label_and_the_hint():
    html = str(ChoicesForm())
    assert (
        '<div class="usa-radio"><input type="radio" name="when" value="8" required '
        'class="usa-radio__input usa-radio__input--tile" aria-describedby="id_when_helptext" id="id_when_0">\n'
        '<label class="usa-radio__label" for="id_when_0">8 AM</label>\n</div>'
    ) in html
    assert "After 5 &lt;PM&gt; &amp; later" in html
    assert '<label class="usa-checkbox__label" for="id_days_1">Tuesday</label>' in html


def test_a_wrong_choice_is_marked_invalid_on_every_option():
    html = str(ChoicesForm(data={"when": "nope"}))
    marked = (
        'aria-invalid="true" class="usa-radio__input usa-radio__input--tile" '
        'aria-describedby="id_when_helptext id_when_error"'
    )
    assert html.count(marked) == 3


class OwnOptionTemplate(forms.RadioSelect):
    option_template_name = "django/forms/widgets/input_option.html"


def test_an_option_with_its_own_template_still_renders_from_it_inside_the_uswds_wrapper():
    class Form(PortalForm):
        pick = forms.ChoiceField(label="Pick", choices=[("x", "Ex")], widget=OwnOptionTemplate)

    html = str(Form())
    assert '<div class="usa-radio"><label for="id_pick_0"><input type="radio" name="pick" value="x"' in html
    assert " Ex</label>\n</div>" in html
