"""Everyday words and the ICD-10-CM wording they stand for, so "broken leg" finds "Fracture of ... femur".

People type what they would say ("heart attack", "c-section", "chemo"); ICD-10-CM descriptions use clinical
wording ("myocardial infarction", "cesarean delivery", "antineoplastic chemotherapy"). Each entry pairs an
everyday phrase with the clinical phrases it may be read as. conditions.search reads a query word (or run of
words) that equals an everyday phrase as "what was typed, OR any of its readings": every word of a reading
must begin a word of the label, in any order. A label found only through a reading ranks after labels holding
the words as typed (see the tiers in conditions/search.py).

Rules for adding an entry:
- Everyday phrases are written as people type them; they are folded like any query ("C-section" is
  "c section"), so punctuation and case do not matter.
- Readings are words that occur in ICD-10-CM descriptions, cut where a shorter form catches the variants
  ("prosthe" for prosthesis and prosthetic). Check with `search_reasons` that a reading finds what it should.
- Keep a reading specific: a body part maps to its bones (leg: femur, tibia, fibula), not to "limb".
- No entry for a word the vocabulary already has in the same sense ("migraine", "asthma" are found as typed);
  typing mistakes are handled by the search's near-miss spelling, not here.
"""

from __future__ import annotations

EVERYDAY_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Broken bones: ICD-10-CM says "fracture" ("Displaced fracture of shaft of right tibia").
    ("broken", ("fracture",)),
    ("broke", ("fracture",)),
    ("break", ("fracture",)),
    ("cracked", ("fracture",)),
    # Body parts people name, read as the bones and regions the fracture and injury codes name.
    ("leg", ("femur", "tibia", "fibula")),
    ("thigh", ("femur",)),
    ("shin", ("tibia",)),
    ("arm", ("humerus", "radius", "ulna", "forearm")),
    ("wrist", ("radius", "carpal", "scaphoid")),
    ("hip", ("femur", "acetabulum")),
    ("ankle", ("malleolus", "talus")),
    ("collarbone", ("clavicle",)),
    ("kneecap", ("patella",)),
    ("tailbone", ("coccyx",)),
    ("spine", ("vertebra", "spinal")),
    ("skull", ("cranial", "vault of skull")),
    ("belly", ("abdominal",)),
    ("stomach", ("abdominal", "gastric")),
    # Heart and circulation.
    ("heart attack", ("myocardial infarction",)),
    ("high blood pressure", ("hypertension",)),
    ("blood pressure", ("hypertension", "hypotension")),
    ("low blood pressure", ("hypotension",)),
    ("blood clot", ("embolism", "thrombosis")),
    ("afib", ("atrial fibrillation",)),
    # Stroke: the codes for it say "cerebral infarction" (I63) or name a hemorrhage.
    ("stroke", ("cerebral infarction",)),
    ("mini stroke", ("transient cerebral ischemic",)),
    # Cancer: ICD-10-CM says "malignant neoplasm"; treatment is an "encounter for ... chemotherapy".
    ("cancer", ("malignant neoplasm",)),
    ("tumor", ("neoplasm",)),
    ("chemo", ("antineoplastic chemotherapy",)),
    ("radiation", ("antineoplastic radiation",)),
    # Infections and short illnesses.
    ("flu", ("influenza",)),
    ("stomach flu", ("gastroenteritis",)),
    ("stomach bug", ("gastroenteritis",)),
    ("covid", ("covid 19",)),
    ("coronavirus", ("covid 19",)),
    ("long covid", ("post covid 19",)),
    ("pink eye", ("conjunctivitis",)),
    ("chicken pox", ("varicella",)),
    ("chickenpox", ("varicella",)),
    ("strep", ("streptococcal pharyngitis",)),
    ("uti", ("urinary tract infection",)),
    ("cold", ("acute nasopharyngitis",)),
    # Diabetes: "sugar" is how many people say it.
    ("sugar", ("diabetes", "hyperglycemia")),
    ("blood sugar", ("diabetes", "hyperglycemia", "hypoglycemia")),
    ("high blood sugar", ("hyperglycemia",)),
    ("low blood sugar", ("hypoglycemia",)),
    ("diabetic", ("diabetes",)),
    # Pregnancy and birth.
    ("pregnant", ("pregnancy",)),
    ("expecting", ("pregnancy",)),
    ("c section", ("cesarean",)),
    ("csection", ("cesarean",)),
    ("giving birth", ("delivery",)),
    ("birth", ("delivery",)),
    ("miscarriage", ("spontaneous abortion", "pregnancy loss")),
    ("morning sickness", ("vomiting of pregnancy",)),
    # Pain: back pain is "dorsalgia" or "low back pain" (M54); stomach ache is "abdominal pain".
    ("back pain", ("dorsalgia", "low back pain")),
    ("backache", ("dorsalgia", "low back pain")),
    ("stomach ache", ("abdominal pain",)),
    ("stomachache", ("abdominal pain",)),
    # Mental health: depression is a "depressive episode" or "depressive disorder" (F32, F33).
    ("depression", ("depressive",)),
    ("depressed", ("depressive",)),
    ("anxious", ("anxiety",)),
    ("panic attack", ("panic disorder",)),
    ("ptsd", ("post traumatic stress",)),
    ("burnout", ("burn out",)),
    # Breathing.
    ("asthma attack", ("asthma with acute exacerbation",)),
    ("copd", ("chronic obstructive pulmonary",)),
    # Injuries: a concussion is also coded as a head or brain injury; a sprain names a ligament.
    ("concussion", ("postconcussional",)),
    ("head injury", ("intracranial injury", "concussion")),
    ("sprained", ("sprain",)),
    ("twisted", ("sprain",)),
    ("pulled muscle", ("strain of muscle",)),
    ("torn", ("tear", "rupture")),
    ("acl", ("anterior cruciate",)),
    ("mcl", ("medial collateral",)),
    # Surgery: codes for it name the aftercare, the procedure or the implant, rarely "surgery" itself.
    ("surgery", ("surgical", "aftercare", "postprocedural", "procedure")),
    ("operation", ("surgical", "aftercare", "postprocedural", "procedure")),
    ("post op", ("postprocedural", "aftercare")),
    ("replacement", ("artificial", "prosthe")),
    # Other everyday names.
    ("kidney stone", ("calculus of kidney",)),
    ("kidney stones", ("calculus of kidney",)),
    ("gallstones", ("calculus of gallbladder", "cholelithiasis")),
    ("heartburn", ("reflux",)),
    ("acid reflux", ("gastro esophageal reflux",)),
    ("gerd", ("gastro esophageal reflux",)),
    ("tennis elbow", ("lateral epicondylitis",)),
    ("tendonitis", ("tendinitis",)),
    ("pinched nerve", ("radiculopathy",)),
    ("slipped disc", ("intervertebral disc",)),
    ("slipped disk", ("intervertebral disc",)),
    ("ms", ("multiple sclerosis",)),
    ("ibs", ("irritable bowel",)),
)
