"""The reason picker inside a form step: what a post does to the chosen reasons, and what it refuses."""

from django import forms
from django.http import QueryDict

from conditions.forms import ReasonPickerMixin, reason_values
from conditions.vocabulary import Reason
from uswds.forms import PortalForm

FLU = "J11.1|Influenza due to unidentified influenza virus with other respiratory manifestations"


class LeaveReasonStep(ReasonPickerMixin, PortalForm):
    note = forms.CharField(required=False)


class AbsenceReasonStep(ReasonPickerMixin, PortalForm):
    max_reasons = 1


def posted(**fields):
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return data


def test_moving_on_without_a_reason_asks_for_one():
    form = LeaveReasonStep(posted(q=""))
    assert not form.is_valid()
    assert form.errors["reasons"] == ["A reason must be provided to move forward."]
    assert form.reason_picker.errors == ["A reason must be provided to move forward."]


def test_a_valid_step_cleans_to_the_chosen_reasons_in_order():
    form = LeaveReasonStep(posted(reasons=["Migraine", FLU, "my sore knee"]))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reasons"] == [
        Reason("Migraine"),
        Reason(
            "Influenza due to unidentified influenza virus with other respiratory manifestations", "J11.1", "condition"
        ),
        Reason("my sore knee"),
    ]


def test_a_condition_keeps_the_official_description_whatever_label_was_posted():
    form = LeaveReasonStep(posted(reasons=["J11.1|Something invented"]))
    assert form.is_valid()
    assert form.cleaned_data["reasons"][0].label.startswith("Influenza due to unidentified influenza virus")


def test_more_than_five_reasons_are_refused():
    form = LeaveReasonStep(posted(reasons=["Flu", "Cold", "Cough", "Fever", "Sick", "Migraine"]))
    assert not form.is_valid()
    assert form.errors["reasons"] == ["You may select up to five (5) options."]


def test_an_unplanned_absence_takes_exactly_one_reason():
    assert AbsenceReasonStep(posted(reasons=["Flu"])).is_valid()
    form = AbsenceReasonStep(posted(reasons=["Flu", "Cold"]))
    assert not form.is_valid()
    assert form.errors["reasons"] == ["Unplanned Absences only allow for one (1) reason."]
    assert AbsenceReasonStep(posted(reasons=[])).errors["reasons"] == ["A reason must be provided to move forward."]


def test_the_same_reason_twice_is_refused_whatever_its_case():
    form = LeaveReasonStep(posted(reasons=["Migraine", "migraine"]))
    assert not form.is_valid()
    assert form.errors["reasons"] == ["“Migraine” is in your reasons twice. Remove one of them."]


def test_a_condition_with_a_very_long_description_can_still_be_chosen():
    form = LeaveReasonStep(posted(reasons=["S06.816D|Injury of right internal carotid artery"]))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["reasons"][0].code == "S06.816D"


def test_a_reason_longer_than_200_characters_is_refused():
    assert LeaveReasonStep(posted(reasons=["a" * 200])).is_valid()
    form = LeaveReasonStep(posted(reasons=["a" * 201]))
    assert not form.is_valid()
    assert form.errors["reasons"] == ["Keep each reason to 200 characters or fewer."]


def test_searching_shows_matches_and_never_moves_on_or_shows_errors():
    form = LeaveReasonStep(posted(q="migr", search_reasons="1"))
    assert form.reason_picker_action == "search"
    assert not form.is_valid()
    assert form.errors == {}
    picker = form.reason_picker
    assert picker.matches[0].label == "Migraine"
    assert picker.query == "migr"
    assert picker.errors == []


def test_adding_a_match_keeps_the_earlier_reasons_and_clears_the_search():
    form = LeaveReasonStep(posted(q="migr", reasons=[FLU], add_reason="Migraine"))
    assert not form.is_valid()
    assert form.errors == {}
    picker = form.reason_picker
    assert [reason.value for reason in picker.chosen] == [FLU, "Migraine"]
    assert picker.query == ""
    assert picker.matches == []


def test_adding_typed_text_when_nothing_matches_keeps_the_employees_words():
    form = LeaveReasonStep(posted(q="zzqx thing", search_reasons="1"))
    assert form.reason_picker.matches == []
    assert form.reason_picker.can_add_typed_text
    added = LeaveReasonStep(posted(q="zzqx thing", add_reason="zzqx thing"))
    assert added.reason_picker.chosen == [Reason("zzqx thing")]


def test_adding_a_sixth_reason_explains_the_limit_and_keeps_the_five():
    five = ["Flu", "Cold", "Cough", "Fever", "Sick"]
    picker = LeaveReasonStep(posted(reasons=five, add_reason="Migraine")).reason_picker
    assert [reason.label for reason in picker.chosen] == five
    assert picker.errors == ["You may select up to five (5) options."]


def test_adding_to_a_one_reason_step_replaces_its_reason():
    picker = AbsenceReasonStep(posted(reasons=["Flu"], add_reason="Sick")).reason_picker
    assert picker.chosen == [Reason("Sick")]
    assert picker.errors == []


def test_adding_a_reason_already_chosen_changes_nothing():
    picker = LeaveReasonStep(posted(reasons=["Migraine"], add_reason="MIGRAINE")).reason_picker
    assert picker.chosen == [Reason("Migraine")]
    assert picker.errors == []


def test_removing_a_reason_keeps_the_others_and_the_search():
    form = LeaveReasonStep(posted(q="flu", reasons=["Migraine", FLU], remove_reason=FLU))
    assert not form.is_valid()
    assert form.reason_picker.chosen == [Reason("Migraine")]
    assert form.reason_picker.query == "flu"
    assert form.reason_picker.matches[0].label == "Flu"


def test_a_step_opened_again_shows_the_reasons_saved_in_the_draft():
    saved = [Reason("Migraine"), Reason("Type 2 diabetes mellitus without complications", "E11.9", "condition")]
    form = LeaveReasonStep(initial={"reasons": reason_values(saved)})
    assert form.reason_picker.chosen == saved
    assert form.reason_picker.errors == []


def test_the_note_states_the_limit_in_the_specs_words():
    assert LeaveReasonStep().reason_picker.note == "You may select up to five (5) options."
    assert AbsenceReasonStep().reason_picker.note == "You may select one (1) option."
    assert LeaveReasonStep(max_reasons=3).reason_picker.note == "You may select up to three (3) options."


def test_a_prefixed_form_reads_and_names_its_own_fields():
    form = LeaveReasonStep(posted(**{"leave-reasons": ["Flu"], "leave-add_reason": "Cold"}), prefix="leave")
    picker = form.reason_picker
    assert picker.chosen == [Reason("Flu"), Reason("Cold")]
    assert (picker.reasons_name, picker.query_name, picker.add_name) == ("leave-reasons", "leave-q", "leave-add_reason")
    assert picker.input_id == "id_leave-q"


def test_the_forms_own_rendering_leaves_the_picker_fields_to_the_picker_include():
    html = LeaveReasonStep().as_div()
    assert 'name="note"' in html
    assert 'name="reasons"' not in html
    assert 'name="q"' not in html
