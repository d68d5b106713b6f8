"""How the condition search finds and orders reasons, over the real vocabulary and over a small one."""

import gc

import pytest

from conditions.search import ReasonIndex, search_reasons
from conditions.vocabulary import Reason, condition_for_code, reason_from_value


def labels(reasons):
    return [reason.label for reason in reasons]


def codes(reasons):
    return [reason.code for reason in reasons if reason.code]


def test_the_start_of_a_word_finds_the_general_reason_first():
    results = search_reasons("migr")
    assert results[0] == Reason(label="Migraine", code=None, kind="general")
    assert all(code.startswith("G43") for code in codes(results))


def test_the_start_of_two_words_finds_the_phrase():
    assert search_reasons("back pa")[0].label == "Back pain"
    assert "M54.50" in codes(search_reasons("back pa"))


def test_every_word_may_be_cut_short_and_in_any_order():
    results = search_reasons("diab typ 2")
    assert len(results) == 10
    assert all(reason.kind == "condition" for reason in results)
    assert all("type 2 diabetes" in reason.label.lower() for reason in results)
    assert "E11.9" in codes(search_reasons("diab typ 2", limit=50))


def test_every_word_typed_must_match():
    assert search_reasons("back xylophone") == []
    assert search_reasons("zzqx") == []


def test_general_reasons_come_before_every_condition():
    results = search_reasons("pain", limit=30)
    kinds = [reason.kind for reason in results]
    assert kinds[0] == "general"
    assert kinds == sorted(kinds, key=lambda kind: kind != "general")
    assert {"Back pain", "Neck pain", "Chest pain"} <= set(labels(results))


@pytest.mark.parametrize("query", ["MIGR", "Migr", "mígr", "MÍGR"])
def test_case_and_accents_do_not_matter(query):
    assert search_reasons(query) == search_reasons("migr")


@pytest.mark.parametrize("query", ["Ménière", "meniere", "MENIERE's"])
def test_accented_conditions_are_found_without_typing_the_accents(query):
    found = codes(search_reasons(query))
    assert found
    assert all(code.startswith("H81.0") for code in found)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("dr visit", "Doctor's visit"),
        ("checkup", "Doctor's visit"),
        ("appt", "Doctor's visit"),
        ("chemo", "Chemotherapy"),
        ("pt", "Physical therapy"),
        ("covid19", "COVID-19"),
        ("stomach flu", "Stomach bug"),
        ("doctors", "Doctor's visit"),
    ],
)
def test_everyday_words_and_abbreviations_find_the_general_reason(query, reason):
    assert reason in labels(search_reasons(query))


def test_an_exact_general_reason_ranks_above_ones_found_through_keywords():
    assert labels(search_reasons("flu"))[0] == "Flu"
    assert labels(search_reasons("sick"))[:2] == ["Sick", "Caring for a sick child"]
    assert labels(search_reasons("dr visit"))[0] == "Doctor's visit"


def test_a_code_typed_directly_finds_its_conditions_in_code_order():
    results = search_reasons("J11")
    assert codes(results) == sorted(codes(results))
    assert all(code.startswith("J11.") for code in codes(results))
    assert len(results) >= 5


@pytest.mark.parametrize("query", ["E11.9", "e119", " e11.9 "])
def test_a_full_code_with_or_without_its_dot_finds_that_condition(query):
    assert search_reasons(query)[0] == Reason("Type 2 diabetes mellitus without complications", "E11.9", "condition")


def test_only_billable_codes_are_offered():
    # J11 itself and J11.0 are categories with children: only their leaves can be chosen.
    assert "J11" not in codes(search_reasons("J11", limit=50))
    assert "J11.0" not in codes(search_reasons("J11", limit=50))
    assert "J11.00" in codes(search_reasons("J11", limit=50))


def test_the_limit_is_respected():
    assert len(search_reasons("pain", limit=3)) == 3
    assert len(search_reasons("pain")) == 10
    assert search_reasons("pain", limit=0) == []
    assert len(search_reasons("pain", limit=10_000)) == 50


@pytest.mark.parametrize("query", ["", "   ", "?!", "'"])
def test_a_query_without_words_finds_nothing(query):
    assert search_reasons(query) == []


def test_a_very_broad_query_still_answers_with_the_shortest_labels():
    results = search_reasons("s")
    assert len(results) == 10
    assert all(reason.kind == "general" for reason in results)
    assert labels(results)[0] == "Sick"
    fracture = search_reasons("fracture")
    assert fracture[0].label == "Broken bone"
    assert all("fracture" in reason.label.lower() for reason in fracture[1:])


def test_a_very_long_query_is_cut_rather_than_refused():
    assert search_reasons("migraine " * 200)[0].label == "Migraine"


# A small vocabulary makes the ranking rules visible.
SMALL = [
    (Reason("Back pain", None, "general"), "backache lumbar"),
    (Reason("Caring for a sick child", None, "general"), "kid"),
    (Reason("Sick", None, "general"), "ill"),
    (Reason("Pain in back of knee", "X01.1", "condition"), ""),
    (Reason("Low back pain", "X01.2", "condition"), ""),
    (Reason("Backward displacement of pancreas", "X01.3", "condition"), ""),
    (Reason("Back pain", "X01.4", "condition"), ""),
    (Reason("Sickle-cell trait", "X02.1", "condition"), ""),
]


@pytest.fixture(scope="module")
def small_index():
    return ReasonIndex(SMALL)


def test_a_label_starting_with_the_query_ranks_first_then_whole_words_then_prefixes(small_index):
    assert codes(small_index.search("back pa")) == ["X01.4", "X01.2", "X01.1", "X01.3"]


def test_shorter_labels_come_first_within_a_tier(small_index):
    assert labels(small_index.search("sick")) == ["Sick", "Caring for a sick child", "Sickle-cell trait"]


def test_keywords_find_general_reasons_but_rank_below_label_matches(small_index):
    assert labels(small_index.search("lumbar")) == ["Back pain"]
    assert labels(small_index.search("kid")) == ["Caring for a sick child"]


def test_a_general_reason_and_a_condition_with_the_same_label_are_both_offered(small_index):
    assert small_index.search("back pain")[:2] == [Reason("Back pain"), Reason("Back pain", "X01.4", "condition")]


def test_a_chosen_reason_survives_the_trip_through_a_form_value():
    condition = search_reasons("E11.9")[0]
    assert condition.value == "E11.9|Type 2 diabetes mellitus without complications"
    assert reason_from_value(condition.value) == condition
    assert reason_from_value("Migraine") == Reason("Migraine")


def test_a_posted_condition_takes_its_label_from_the_code_not_the_form():
    assert reason_from_value("E11.9|Something else") == condition_for_code("E11.9")
    assert reason_from_value("e119|x") == Reason("Type 2 diabetes mellitus without complications", "E11.9", "condition")


def test_typed_text_is_kept_as_a_general_reason_and_matches_the_vocabulary_when_it_can():
    assert reason_from_value("  my   knee  ") == Reason("my knee")
    assert reason_from_value("doctors VISIT") == Reason("Doctor's visit")
    assert reason_from_value("Z99.99|not a code") == Reason("Z99.99|not a code")
    assert reason_from_value("   ") is None


def test_only_a_billable_code_is_a_condition():
    assert condition_for_code("J11") is None
    assert condition_for_code("nonsense") is None
    influenza = condition_for_code("j11.1")
    assert influenza is not None
    assert influenza.code == "J11.1"


def test_the_few_descriptions_longer_than_a_case_keeps_are_cut_at_a_word():
    injury = condition_for_code("S06.816D")
    assert injury is not None
    assert len(injury.label) <= 200
    assert injury.label.endswith(" with patient…")
    assert injury.label.startswith("Injury of right internal carotid artery, intracranial portion")
    assert reason_from_value(injury.value) == injury


# What people type: everyday words, words in any order, words cut short, typing slips.
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("breast cancer", "malignant neoplasm"),
        ("cancer breast", "malignant neoplasm"),
        ("breast canc", "malignant neoplasm"),
        ("heart attack", "myocardial infarction"),
        ("heart att", "myocardial infarction"),
        ("stroke", "cerebral infarction"),
        ("flu", "influenza"),
        ("high blood pressure", "hypertension"),
        ("sugar", "diabetes"),
        ("pregnant", "pregnancy"),
        ("c-section", "cesarean"),
        ("chemo", "antineoplastic chemotherapy"),
        ("back pain", "low back pain"),
        ("backache", "dorsalgia"),
        ("depression", "depressive"),
        ("anxiety", "anxiety disorder"),
        ("asthma", "asthma"),
        ("concussion", "concussion"),
        ("sprained ankle", "sprain"),
        ("knee replacement", "artificial knee joint"),
    ],
)
def test_everyday_words_find_the_conditions_they_stand_for(query, expected):
    conditions = [label.lower() for label in labels(search_reasons(query)) if label]
    assert any(expected in label for label in conditions), conditions


def test_breast_cancer_finds_malignant_neoplasm_of_breast_after_the_general_reason():
    results = search_reasons("breast cancer")
    assert results[0] == Reason("Cancer treatment")
    assert all(code.startswith("C50") for code in codes(results))
    assert len(codes(results)) == 9


@pytest.mark.parametrize("query", ["broken leg", "leg broken", "Broken Leg"])
def test_broken_leg_finds_fractures_of_the_femur_tibia_and_fibula(query):
    results = search_reasons(query, limit=20)
    assert results[0].label == "Broken bone"
    conditions = [reason.label.lower() for reason in results if reason.code]
    assert conditions
    assert all("fracture" in label for label in conditions)
    assert all(any(bone in label for bone in ("femur", "tibia", "fibula", "leg")) for label in conditions)


def test_knee_surgery_finds_surgery_first_then_knee_aftercare():
    results = search_reasons("knee surgery")
    assert labels(results)[:2] == ["Surgery", "Recovery from surgery"]
    assert "Z47.33" in codes(results)


def test_covid_finds_the_covid_19_code():
    assert "U07.1" in codes(search_reasons("covid"))
    assert "U07.1" in codes(search_reasons("coronavirus"))


@pytest.mark.parametrize("query", ["migrane", "migrain", "MIGRANE", "migran"])
def test_a_typing_slip_still_finds_migraine(query):
    results = search_reasons(query)
    assert results[0] == Reason("Migraine")
    assert any(code.startswith("G43") for code in codes(results))


@pytest.mark.parametrize(
    ("query", "word"),
    [("pnuemonia", "pneumonia"), ("brest cancer", "breast"), ("diabetis", "diabetes"), ("asthama", "asthma")],
)
def test_a_letter_missing_extra_wrong_or_swapped_is_forgiven(query, word):
    conditions = [reason.label.lower() for reason in search_reasons(query) if reason.code]
    assert conditions
    assert all(word in label for label in conditions)


def test_what_was_typed_in_whole_words_ranks_above_what_it_stands_for():
    results = search_reasons("flu")
    assert results[0] == Reason("Flu")
    conditions = [reason.label for reason in results if reason.code]
    assert conditions[0].startswith("Influenza")  # a reading of "flu", above "Flushing" (only starts with it)
    assert search_reasons("pregnant")[4].label == "Pregnant state, incidental"  # as typed, above "Pregnancy ..."


def test_general_reasons_still_come_first_when_everyday_words_are_read():
    for query in ("heart attack", "broken arm", "c-section", "sugar", "chemo"):
        kinds = [reason.kind for reason in search_reasons(query)]
        assert kinds[0] == "general", query
        assert kinds == sorted(kinds, key=lambda kind: kind != "general"), query


# The readings and typing slips over a small vocabulary.
EVERYDAY = [
    (Reason("Broken bone", None, "general"), "fracture"),
    (Reason("Fracture of shaft of femur", "X10.1", "condition"), ""),
    (Reason("Fracture of leg", "X10.2", "condition"), ""),
    (Reason("Fluid overload", "X10.3", "condition"), ""),
    (Reason("Influenza with pneumonia", "X10.4", "condition"), ""),
    (Reason("Migraine without aura", "X10.5", "condition"), ""),
]


@pytest.fixture(scope="module")
def everyday_index():
    return ReasonIndex(EVERYDAY)


def test_a_label_holding_the_words_as_typed_ranks_above_one_found_through_their_reading(everyday_index):
    assert codes(everyday_index.search("broken leg")) == ["X10.2", "X10.1"]
    assert codes(everyday_index.search("fracture femur")) == ["X10.1"]


def test_a_reading_of_a_whole_word_ranks_above_a_label_where_the_word_only_starts_a_longer_one(everyday_index):
    assert codes(everyday_index.search("flu")) == ["X10.4", "X10.3"]


def test_a_typing_slip_is_read_as_the_word_it_nearly_spells(everyday_index):
    assert codes(everyday_index.search("migrane")) == ["X10.5"]
    assert codes(everyday_index.search("migrane aura")) == ["X10.5"]
    assert everyday_index.search("zzqx") == []


def objects_held_by(root):
    """Every Python object reachable from root (the index's own attributes, their items, and so on)."""
    seen, pending = {id(root)}, [root]
    while pending:
        for referent in gc.get_referents(pending.pop()):
            if id(referent) not in seen and not isinstance(referent, type):
                seen.add(id(referent))
                pending.append(referent)
    return len(seen)


def conditions_over_ten_words(count):
    """`count` conditions whose labels use the same ten words, so the vocabulary stays the same size."""
    vocabulary = ["pain", "knee", "back", "fracture", "left", "right", "acute", "chronic", "upper", "lower"]
    return [
        (
            Reason(
                f"{vocabulary[n % 10]} {vocabulary[n // 10 % 10]} {vocabulary[n // 100 % 10]}", f"Y{n:04d}", "condition"
            ),
            "",
        )
        for n in range(count)
    ]


def test_the_index_holds_no_python_object_per_entry_so_workers_searching_do_not_copy_it():
    # Reading a Python object writes its reference count, copying its page into the gunicorn worker that reads it.
    small, large = ReasonIndex(conditions_over_ten_words(200)), ReasonIndex(conditions_over_ten_words(2000))
    assert objects_held_by(large) == objects_held_by(small)
    assert large.search("knee pain")[0] == Reason("knee pain back", "Y0201", "condition")
    assert len(large) == 2000


def test_searching_leaves_no_new_objects_behind():
    queries = ["migr", "back pa", "broken leg", "migrane", "E11.9", "s", "heart att"] * 15
    for query in queries:
        search_reasons(query)
    gc.collect()
    before = len(gc.get_objects())
    for query in queries:
        search_reasons(query)
    gc.collect()
    assert len(gc.get_objects()) <= before
