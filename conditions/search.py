"""Condition search: word-prefix matching over the general reasons and ~75,000 ICD-10-CM conditions.

`search_reasons("back pa")` answers in well under a millisecond for most queries (bench/condition_search.py
measures it) from an in-memory index built once per process, on first use, under a lock.

How it reads a query:
- The query is folded (case and accents) and split into words. Each word, or run of words that
  conditions/synonyms.py knows as an everyday phrase, is a *slot*; every slot must be found in the entry (its
  label, or for a general reason one of its keywords), words in any order, each word as the start of a word:
  "diab typ 2" finds "Type 2 diabetes mellitus ...".
- A slot is found as typed, or through a *reading*: the clinical words conditions/synonyms.py gives for an
  everyday phrase ("heart attack" also reads "myocardial infarction", "broken" reads "fracture"). The last
  word may still be being typed: "heart att" reads as "heart attack" too.
- A word the vocabulary has no word starting with ("migrane") is taken as a typing slip: it is read as the
  word starts one slip away (one letter missing, extra, wrong, or two letters swapped: "migrain").

How it finds candidates:
- The index maps each word to the sorted ids of the entries holding it, plus a merged list for every one- to
  three-letter prefix. Ids follow the static order (general reasons first, later-care injury codes last,
  shorter labels first), so candidates come out best-first. The rarest slot gives the candidates (its
  readings merged in id order); the other slots are checked on each candidate's word string.
- A very broad query ("of", "s") ranks only its first `CANDIDATE_CAP` candidates, i.e. the shortest labels,
  plus every label that starts with the query, so it stays fast without losing the obvious answers. The cap
  is shared between the rarest slot's alternatives, so a reading is not crowded out by what was typed.

How it ranks them: by (general before condition, tier, closeness, static order). The tiers, best first:
  0  the label starts with the query as typed, in whole words ("flu": "Flu")
  1  every word typed is a whole word of the label
  2  an ICD-10-CM code that starts with what was typed
  3  found through readings of everyday words typed whole ("flu": "Influenza due to ...")
  4  the label starts with the query, its last word still being typed ("migr": "Migraine ...", "flu": "Flushing")
  5  every word whole but the last, still being typed ("back pa": "Low back pain")
  6  the label's first word starts with the first word typed
  7  the words typed start words inside the label
  8  found through a reading of an everyday phrase still being typed ("heart att": "... myocardial infarction")
  9  found only by reading a typing slip as the word it nearly spells ("migrane": "Migraine ...")
  10 found only through a general reason's keywords
So what was typed, in whole words, comes first; then what everyday words typed whole stand for; then
labels where the words are only the start of longer words; then guesses (readings of unfinished phrases,
typing slips). Closeness breaks ties within a tier: where words are matched as typed, labels where more typed
words follow each other ("typ 2" in "Type 2 diabetes") come first; in the reading and typing-slip tiers, labels
that start with a word of the query or of its readings ("Malignant neoplasm of breast" before "Family history
of malignant neoplasm of breast").
"""

from __future__ import annotations

import gc
import heapq
import re
import threading
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice, pairwise

from conditions.packed import PackedStrings
from conditions.synonyms import EVERYDAY_TERMS
from conditions.vocabulary import Reason, ReasonKind, fold, general_reasons, icd_conditions, words

__all__ = ["Reason", "ReasonIndex", "reason_index", "search_reasons"]

CANDIDATE_CAP = 500
SHORT_PREFIX_LENGTH = 3
MAX_LIMIT = 50
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
# After folding and dropping the dot: a letter, a digit, then up to five letters or digits ("j11", "e119", "s72001a").
CODE_QUERY = re.compile(r"[a-z][0-9][0-9a-z]{0,5}")
PAST_EVERY_WORD = "\x7f"  # sorts after every folded character, so [p, p + this) is every string starting with p
# A word of at least this many letters that starts no word of the vocabulary is read as a typing slip.
NEAR_MISS_LENGTH = 4
# The last word of an everyday phrase typed alone must have this many letters to read as it ("canc": cancer).
PARTIAL_PHRASE_LENGTH = 4

# A word found in fewer entries than this (or none) also reads as the words it nearly spells ("migran": migrans,
# and migraine), ranked below it.
NEAR_MISS_RARITY = 5

# The tiers of the module docstring, best first.
(
    STARTS_WITH_QUERY,
    WHOLE_WORDS,
    CODE,
    READING,
    STARTS_WITH_QUERY_PARTLY,
    WHOLE_BUT_LAST,
    FIRST_WORD,
    INSIDE,
    PARTIAL_READING,
    NEAR_MISS,
    KEYWORDS_ONLY,
) = range(11)

# How a slot was found in a label, best first.
AS_TYPED, THROUGH_READING, THROUGH_NEAR_MISS, NOT_IN_LABEL = range(4)


class ReasonIndex:
    """An immutable word-prefix index over reasons, searched by `search`.

    Per entry it keeps no Python object of its own: texts, names and codes are packed end to end
    (conditions/packed.py), ids in arrays; a search makes Reasons only for the hits it returns. So searching
    in a gunicorn worker does not copy the index it shares with the master (docs/performance.md).
    """

    def __init__(self, entries: Iterable[tuple[Reason, str]]) -> None:
        ordered = sorted(entries, key=lambda entry: _static_order(entry[0]))
        self.general_count = sum(1 for reason, _ in ordered if reason.kind == "general")
        self._names = PackedStrings(reason.label for reason, _ in ordered)
        self._codes = PackedStrings(reason.code or "" for reason, _ in ordered)
        label_words = [" ".join(words(reason.label)) for reason, _ in ordered]
        # Padded with spaces so " pain" tests a word prefix and " pain " a whole word, in C.
        self.labels = PackedStrings(f" {text} " for text in label_words)
        searchable = [
            f" {text} {' '.join(words(keywords))} " if keywords else f" {text} "
            for text, (_, keywords) in zip(label_words, ordered, strict=True)
        ]
        self._index_words(searchable)
        self.searchable = PackedStrings(searchable)
        self._index_near_misses()
        self._index_label_starts(label_words)
        self._index_codes([reason.code for reason, _ in ordered])

    def __len__(self) -> int:
        return len(self._names)

    def reason(self, entry_id: int) -> Reason:
        """The entry as a new Reason (equal to the one indexed)."""
        code = self._codes[entry_id]
        kind: ReasonKind = "general" if entry_id < self.general_count else "condition"
        return Reason(label=self._names[entry_id], code=code or None, kind=kind)

    def _index_words(self, searchable: Sequence[str]) -> None:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for entry_id, text in enumerate(searchable):
            for word in set(text.split()):
                postings[word].append(entry_id)
        self.vocabulary = sorted(postings)
        # Every word's ids end to end in one array; word j's are [cumulative[j], cumulative[j + 1]).
        every_id = array("i")
        self.cumulative = array("q", [0])
        for word in self.vocabulary:
            every_id.extend(postings[word])
            self.cumulative.append(len(every_id))
        self._every_id = memoryview(every_id)
        prefixes = {word[:length] for word in self.vocabulary for length in range(1, SHORT_PREFIX_LENGTH + 1)}
        self.short_postings = {prefix: self._merged_postings(prefix) for prefix in prefixes}

    def _word_postings(self, low: int, high: int) -> list[memoryview]:
        """The ids of each word vocabulary[low:high], ascending (views into the one array, nothing copied)."""
        every_id, cumulative = self._every_id, self.cumulative
        return [every_id[cumulative[word] : cumulative[word + 1]] for word in range(low, high)]

    def _index_near_misses(self) -> None:
        """Every word start of NEAR_MISS_LENGTH+ letters under itself and under each of its one-letter deletions:
        two strings one slip apart share a key (a deletion of one, or of both: "migrane" and "migrain" share
        "migran"), the deletion-neighbourhood test, which also admits a few two-letter slips."""
        starts = {
            word[:length]
            for word in self.vocabulary
            if word.isalpha()
            for length in range(NEAR_MISS_LENGTH, len(word) + 1)
        }
        neighbours: defaultdict[str, list[str]] = defaultdict(list)
        for start in starts:
            for key in _with_one_letter_less(start):
                neighbours[key].append(start)
        # One string per key (the starts joined by spaces), not a list of strings: a lookup reads one object.
        self.near_miss_starts = {key: " ".join(found) for key, found in neighbours.items()}

    def _near_misses(self, term: str) -> list[str]:
        """The word starts one slip away from a term, shortest first, none that merely extends another."""
        near = self.near_miss_starts
        found = sorted({start for key in _with_one_letter_less(term) for start in near.get(key, "").split()})
        kept: list[str] = []
        for start in found:
            if not any(start.startswith(shorter) for shorter in kept):
                kept.append(start)
        return sorted(kept, key=len)

    def _slots(self, terms: Sequence[str]) -> list[Slot]:
        """The query's words as slots: everyday phrases (longest first) with their readings, typing slips
        with their near misses, and every other word as typed."""
        slots: list[Slot] = []
        position = 0
        while position < len(terms):
            phrase = _everyday_phrase(terms, position)
            if phrase is not None:
                length, readings, whole = phrase
                typed = tuple(terms[position : position + length])
                slots.append(Slot(typed, as_typed=_checks(typed), readings=readings, typed_whole=whole))
                position += length
                continue
            term = terms[position]
            found = self._estimate(term)
            if len(term) >= NEAR_MISS_LENGTH and term.isalpha() and found < NEAR_MISS_RARITY:
                near = tuple((f" {start}",) for start in self._near_misses(term) if not start.startswith(term))
                slots.append(Slot((term,), as_typed=(f" {term}",) if found else None, readings=near, near_miss=True))
            else:
                slots.append(Slot((term,), as_typed=(f" {term}",)))
            position += 1
        return slots

    def _index_label_starts(self, label_words: Sequence[str]) -> None:
        by_text = sorted(range(len(label_words)), key=label_words.__getitem__)
        self.sorted_labels = PackedStrings(label_words[entry_id] for entry_id in by_text)
        self.sorted_label_ids = array("i", by_text)

    def _index_codes(self, codes: Sequence[str | None]) -> None:
        coded = sorted((code.replace(".", "").lower(), entry_id) for entry_id, code in enumerate(codes) if code)
        self.sorted_codes = PackedStrings(code for code, _ in coded)
        self.sorted_code_ids = array("i", [entry_id for _, entry_id in coded])

    def _word_range(self, prefix: str) -> tuple[int, int]:
        return bisect_left(self.vocabulary, prefix), bisect_left(self.vocabulary, prefix + PAST_EVERY_WORD)

    def _merged_postings(self, prefix: str) -> Sequence[int]:
        low, high = self._word_range(prefix)
        if high - low == 1:
            return self._word_postings(low, high)[0]
        return array("i", sorted(set().union(*self._word_postings(low, high))))

    def _ascending_ids(self, prefix: str) -> Iterable[int]:
        """Ids of the entries holding a word that starts with prefix, ascending, each once, lazily: a broad
        prefix ("frac": fracture, fractured, ...) is merged only as far as the search reads it."""
        if len(prefix) <= SHORT_PREFIX_LENGTH:
            return self.short_postings.get(prefix, ())
        low, high = self._word_range(prefix)
        if high - low <= 1:
            return self._word_postings(low, high)[0] if high > low else ()
        return _without_repeats(heapq.merge(*self._word_postings(low, high)))

    def _estimate(self, prefix: str) -> int:
        """How many entries (at most) hold a word starting with prefix: cheap, to pick the rarest word."""
        if len(prefix) <= SHORT_PREFIX_LENGTH:
            return len(self.short_postings.get(prefix, ()))
        low, high = self._word_range(prefix)
        return self.cumulative[high] - self.cumulative[low]

    def _alternative_estimate(self, checks: Sequence[str]) -> int:
        return min(self._estimate(check[1:]) for check in checks)

    def _slot_estimate(self, slot: Slot) -> int:
        return sum(self._alternative_estimate(checks) for checks in slot.alternatives)

    def _alternative_ids(self, checks: Sequence[str]) -> Iterable[int]:
        """Ids of the entries holding every word start of one alternative ("myocardial infarction"), ascending."""
        rarest = min(checks, key=lambda check: self._estimate(check[1:]))
        ids = self._ascending_ids(rarest[1:])
        others = [check for check in checks if check != rarest]
        if not others:
            return ids
        text, ends = self.searchable.parts()
        return (
            entry_id for entry_id in ids if all(check in text[ends[entry_id] : ends[entry_id + 1]] for check in others)
        )

    def _candidates(self, slots: Sequence[Slot]) -> tuple[list[int], bool]:
        """Ids of entries where every slot is found, and whether some were left out (the cap was reached).

        Walks the rarest slot's ids in static order, each of its alternatives in turn, and keeps those whose
        word string holds every other slot (substring tests in C). Each alternative stops at its share of
        CANDIDATE_CAP: broad queries stop early, narrow ones are short, and a reading ("flu": influenza) is
        not crowded out by the many shorter labels of what was typed ("fluid", "flutter").
        """
        if any(not slot.alternatives for slot in slots):
            return [], False  # a typing slip near no word of the vocabulary
        driver, *others = sorted(slots, key=self._slot_estimate)
        share = CANDIDATE_CAP // len(driver.alternatives)
        keep = self._filter(others)
        candidates: list[int] = []
        capped = False
        for checks in driver.alternatives:
            found = list(islice(keep(self._alternative_ids(checks)), share))
            capped = capped or len(found) >= share
            candidates.extend(found)
        return candidates, capped

    def _filter(self, slots: Sequence[Slot]) -> Callable[[Iterable[int]], Iterable[int]]:
        """A filter keeping the ids whose word string holds every one of slots."""
        text, ends = self.searchable.parts()  # entry i's word string: text[ends[i] : ends[i + 1]]
        if not slots:
            return lambda ids: ids
        if any(len(slot.alternatives) > 1 for slot in slots):
            # A slot with readings: one regular expression search when its alternatives are single words.
            tests = [slot.one_word_finder.search if slot.one_word_finder else slot.found_in for slot in slots]
            if len(tests) == 1 and slots[0].one_word_finder:
                # The pattern searches the entry's span of the packed text in place (no slice).
                find = slots[0].one_word_finder.search
                return lambda ids: (i for i in ids if find(text, ends[i], ends[i + 1]))
            if len(tests) == 1:
                test = tests[0]
                return lambda ids: (i for i in ids if test(text[ends[i] : ends[i + 1]]))
            return lambda ids: (i for i in ids if all(test(text[ends[i] : ends[i + 1]]) for test in tests))
        # The common case, every slot a plain word: one flat list of substring tests.
        checks = list(dict.fromkeys(check for slot in slots for check in slot.alternatives[0]))
        if len(checks) == 1:
            check = checks[0]
            return lambda ids: (i for i in ids if check in text[ends[i] : ends[i + 1]])
        return lambda ids: (i for i in ids if all(check in text[ends[i] : ends[i + 1]] for check in checks))

    def _label_starts(self, phrase: str, limit: int) -> list[int]:
        low = bisect_left(self.sorted_labels, phrase)
        high = bisect_left(self.sorted_labels, phrase + PAST_EVERY_WORD)
        return heapq.nsmallest(limit, self.sorted_label_ids[low:high])

    def _code_starts(self, code: str, limit: int) -> Sequence[int]:
        low = bisect_left(self.sorted_codes, code)
        high = min(bisect_left(self.sorted_codes, code + PAST_EVERY_WORD), low + limit)
        return self.sorted_code_ids[low:high]

    def _rank_each(self, ids: Iterable[int], query: ParsedQuery, ranked: dict[int, Rank]) -> None:
        """Rank each of ids not ranked yet into `ranked`, reading its label from the packed labels."""
        text, ends = self.labels.parts()
        general_count = self.general_count
        for entry_id in ids:
            if entry_id not in ranked:
                label = text[ends[entry_id] : ends[entry_id + 1]]
                ranked[entry_id] = _rank(entry_id, 0 if entry_id < general_count else 1, label, query)

    def search(self, query: str, limit: int = 10) -> list[Reason]:
        """The best `limit` reasons for what the employee typed, best first (see the module docstring)."""
        limit = min(limit, MAX_LIMIT)
        parsed = ParsedQuery.parse(query, self._slots)
        if limit <= 0 or parsed is None:
            return []
        ranked: dict[int, Rank] = {}
        if parsed.code:
            for position, entry_id in enumerate(self._code_starts(parsed.code, limit)):
                ranked[entry_id] = (1, CODE, 0, position)
        candidates, capped = self._candidates(parsed.slots)
        self._rank_each(candidates, parsed, ranked)
        if capped:
            self._rank_each(self._label_starts(parsed.phrase.lstrip(), limit), parsed, ranked)
        best = heapq.nsmallest(limit, ranked.items(), key=lambda item: item[1])
        return [self.reason(entry_id) for entry_id, _ in best]


def _rank(entry_id: int, kind: int, label: str, query: ParsedQuery) -> Rank:
    """The rank of the entry (its id, its kind's rank and padded label) for the query: see the module docstring."""
    if label.startswith(query.phrase):
        whole = label.startswith(query.whole_phrase)
        return (kind, STARTS_WITH_QUERY if whole else STARTS_WITH_QUERY_PARTLY, 0, entry_id)
    found: list[int] = []
    if query.as_typed_only:  # no readings or typing slips: the words are found as typed, or in keywords
        worst = AS_TYPED if all(map(label.__contains__, query.prefixes)) else NOT_IN_LABEL
    else:
        found = [slot.how_found(label) for slot in query.slots]
        worst = max(found)
    if worst == AS_TYPED:
        adjacent = -sum(1 for pair in query.adjacent_pairs if pair.search(label)) if query.adjacent_pairs else 0
        if all(map(label.__contains__, query.whole_words)):
            tier = WHOLE_WORDS
        elif query.leading_words and all(map(label.__contains__, query.leading_words)):
            tier = WHOLE_BUT_LAST
        else:
            tier = FIRST_WORD if label.startswith(query.prefixes[0]) else INSIDE
        return (kind, tier, adjacent, entry_id)
    if worst == NOT_IN_LABEL:
        return (kind, KEYWORDS_ONLY, 0, entry_id)
    opening = 0 if label.startswith(query.openings) else 1
    if worst == THROUGH_NEAR_MISS:
        return (kind, NEAR_MISS, opening, entry_id)
    read_partly = any(
        how == THROUGH_READING and not slot.typed_whole for slot, how in zip(query.slots, found, strict=True)
    )
    return (kind, PARTIAL_READING if read_partly else READING, opening, entry_id)


Rank = tuple[int, int, int, int]  # (general or condition, tier, closeness, static order)


@dataclass(frozen=True)
class Slot:
    """One thing the employee typed, a word or an everyday phrase, and the ways it may be found in a label.

    Each way is an *alternative*: padded word starts (" heart", " attack") that must all begin words of the
    label. `as_typed` is the words as typed (None for a typing slip), `readings` the clinical words for an
    everyday phrase, or for a typing slip the word starts it nearly spells (then `near_miss`).
    """

    typed: tuple[str, ...]
    as_typed: tuple[str, ...] | None
    readings: tuple[tuple[str, ...], ...] = ()
    typed_whole: bool = True
    near_miss: bool = False
    # Derived, for speed: one-word alternatives as one regular expression (one C call per label), the others.
    _one_word_readings: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _longer_readings: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    one_word_finder: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        def one_pattern(alternatives: Iterable[tuple[str, ...]]) -> re.Pattern[str] | None:
            one_word = [checks[0] for checks in alternatives if len(checks) == 1]
            return re.compile("|".join(map(re.escape, one_word))) if one_word else None

        object.__setattr__(self, "_one_word_readings", one_pattern(self.readings))
        object.__setattr__(self, "_longer_readings", tuple(checks for checks in self.readings if len(checks) > 1))
        every_alternative_one_word = all(len(checks) == 1 for checks in self.alternatives)
        # Set when every alternative is one word: then the slot is found where this finds something.
        object.__setattr__(
            self, "one_word_finder", one_pattern(self.alternatives) if every_alternative_one_word else None
        )

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        return self.readings if self.as_typed is None else (self.as_typed, *self.readings)

    def _in_readings(self, text: str) -> bool:
        if self._one_word_readings is not None and self._one_word_readings.search(text):
            return True
        return any(all(map(text.__contains__, checks)) for checks in self._longer_readings)

    def found_in(self, text: str) -> bool:
        if self.as_typed is not None and all(map(text.__contains__, self.as_typed)):
            return True
        return self._in_readings(text)

    def how_found(self, label: str) -> int:
        if self.as_typed is not None and all(map(label.__contains__, self.as_typed)):
            return AS_TYPED
        if self._in_readings(label):
            return THROUGH_NEAR_MISS if self.near_miss else THROUGH_READING
        return NOT_IN_LABEL


@dataclass(frozen=True)
class ParsedQuery:
    """A query's folded words and the padded strings and patterns that rank a label against them."""

    terms: list[str]
    phrase: str
    whole_phrase: str
    prefixes: list[str]
    whole_words: list[str]
    leading_words: list[str]
    adjacent_pairs: list[re.Pattern[str]]
    code: str | None
    slots: list[Slot]
    as_typed_only: bool  # no slot has readings or is a typing slip
    openings: tuple[str, ...]  # the first word start of each alternative of each slot

    @classmethod
    def parse(cls, query: str, slots_of: Callable[[Sequence[str]], list[Slot]]) -> ParsedQuery | None:
        query = query[:MAX_QUERY_LENGTH]
        terms = words(query)[:MAX_QUERY_WORDS]
        if not terms:
            return None
        code = fold(query).strip().replace(".", "")
        slots = slots_of(terms)
        return cls(
            terms=terms,
            phrase=" " + " ".join(terms),
            whole_phrase=" " + " ".join(terms) + " ",
            prefixes=[f" {term}" for term in terms],
            whole_words=[f" {term} " for term in terms],
            # "back pa": every word but the one still being typed is whole.
            leading_words=[f" {term} " for term in terms[:-1]],
            # "typ 2" in "Type 2 diabetes" (adjacent) ranks above "Type 1 diabetes, Stage 2".
            adjacent_pairs=[re.compile(f" {first}[a-z0-9]* {second}") for first, second in pairwise(terms)],
            code=code if CODE_QUERY.fullmatch(code) else None,
            slots=slots,
            as_typed_only=all(len(slot.alternatives) == 1 and slot.as_typed for slot in slots),
            openings=tuple(dict.fromkeys(checks[0] for slot in slots for checks in slot.alternatives)),
        )


def _checks(terms: Iterable[str]) -> tuple[str, ...]:
    return tuple(f" {term}" for term in terms)


def _with_one_letter_less(text: str) -> set[str]:
    """The text and each string it gives with one letter left out."""
    return {text, *(text[:position] + text[position + 1 :] for position in range(len(text)))}


@cache
def _everyday_readings() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """conditions/synonyms.py folded: everyday phrase words -> the padded word starts of each reading."""
    table: defaultdict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for phrase, readings in EVERYDAY_TERMS:
        table[tuple(words(phrase))].extend(_checks(words(reading)) for reading in readings)
    return {phrase: tuple(dict.fromkeys(readings)) for phrase, readings in table.items()}


def _everyday_phrase(terms: Sequence[str], position: int) -> tuple[int, tuple[tuple[str, ...], ...], bool] | None:
    """The longest everyday phrase starting at terms[position]: (its length in words, its readings, whether it
    was typed whole). At the end of the query the last word may be the start of the phrase's last word."""
    table = _everyday_readings()
    longest = max(map(len, table))
    for length in range(min(longest, len(terms) - position), 0, -1):
        typed = tuple(terms[position : position + length])
        if typed in table:
            return length, table[typed], True
        if position + length < len(terms) or (length == 1 and len(typed[-1]) < PARTIAL_PHRASE_LENGTH):
            continue
        *leading, last = typed
        readings = [
            reading
            for phrase, phrase_readings in table.items()
            if len(phrase) == length and list(phrase[:-1]) == leading and phrase[-1].startswith(last)
            for reading in phrase_readings
        ]
        if readings:
            return length, tuple(dict.fromkeys(readings)), False
    return None


def _without_repeats(ascending: Iterable[int]) -> Iterator[int]:
    previous = -1
    for entry_id in ascending:
        if entry_id != previous:
            yield entry_id
            previous = entry_id


def _static_order(reason: Reason) -> tuple[int, bool, int, str]:
    """General reasons first; then conditions, the codes for later care of an injury ("subsequent encounter",
    "sequela") after the rest; then shorter labels first, then alphabetical."""
    later_care = reason.kind == "condition" and ("subsequent encounter" in reason.label or "sequela" in reason.label)
    return (0 if reason.kind == "general" else 1, later_care, len(reason.label), fold(reason.label))


def build_reason_index() -> ReasonIndex:
    """Index the general reasons (with their keywords) and every billable ICD-10-CM condition."""
    conditions = ((reason, "") for reason in icd_conditions())
    return ReasonIndex([*general_reasons(), *conditions])


_build_lock = threading.Lock()


@cache
def _built_index() -> ReasonIndex:
    index = build_reason_index()
    # The ICD-10-CM package and the index leave ~700,000 long-lived objects that a full garbage collection
    # would walk again and again (~150 ms each time, stalling whichever request triggers it). They live as
    # long as the process, so move them out of the collector's sight (the pre-fork idiom of the gc docs).
    gc.freeze()
    return index


def reason_index() -> ReasonIndex:
    """The process's index, built on first use; the lock makes concurrent first searches build it once."""
    with _build_lock:
        return _built_index()


def search_reasons(query: str, limit: int = 10) -> list[Reason]:
    """General reasons and ICD-10-CM conditions matching `query` by word prefix (or code), best first."""
    return reason_index().search(query, limit)
