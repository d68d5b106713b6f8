"""Condition search: word-prefix matching over the general reasons and ~75,000 ICD-10-CM conditions.

`search_reasons("back pa")` answers in well under a millisecond for most queries (bench/condition_search.py
measures it) from an in-memory index built once per process, on first use, under a lock.

How it answers:
- The query is folded (case and accents) and split into words; every word must begin a word of the entry
  (its label, or for a general reason one of its keywords): "diab typ 2" finds "Type 2 diabetes mellitus ...".
- The index maps each word to the sorted ids of the entries holding it, plus a merged list for every one- to
  three-letter prefix. Ids follow the static order (general reasons first, later-care injury codes last,
  shorter labels first), so candidates come out best-first. The rarest query word gives the candidates;
  the others are checked on each candidate's word string.
- Candidates are ranked by (general before condition, tier, adjacent words, static order), the tier being:
  label starts with the query (0), every word whole (1), an ICD-10-CM code that starts with what was typed
  (2), every word whole but the last, still being typed (3), first label word matches (4), words matched
  inside the label (5), matched only through a general reason's keywords (6). Within a tier, labels where
  more query words follow each other ("typ 2" in "Type 2 diabetes") come first.
- A very broad query ("of", "s") ranks only its first `CANDIDATE_CAP` candidates, i.e. the shortest labels,
  plus every label that starts with the query, so it stays fast without losing the obvious answers.
"""

from __future__ import annotations

import gc
import heapq
import re
import threading
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice, pairwise

from conditions.vocabulary import Reason, fold, general_reasons, icd_conditions, words

__all__ = ["Reason", "ReasonIndex", "reason_index", "search_reasons"]

CANDIDATE_CAP = 500
SHORT_PREFIX_LENGTH = 3
MAX_LIMIT = 50
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
# After folding and dropping the dot: a letter, a digit, then up to five letters or digits ("j11", "e119", "s72001a").
CODE_QUERY = re.compile(r"[a-z][0-9][0-9a-z]{0,5}")
PAST_EVERY_WORD = "\x7f"  # sorts after every folded character, so [p, p + this) is every string starting with p


class ReasonIndex:
    """An immutable word-prefix index over reasons, searched by `search`."""

    def __init__(self, entries: Iterable[tuple[Reason, str]]) -> None:
        ordered = sorted(entries, key=lambda entry: _static_order(entry[0]))
        self.reasons: list[Reason] = [reason for reason, _ in ordered]
        self.general_count = sum(1 for reason in self.reasons if reason.kind == "general")
        label_words = [" ".join(words(reason.label)) for reason in self.reasons]
        # Padded with spaces so " pain" tests a word prefix and " pain " a whole word, in C.
        self.labels = [f" {text} " for text in label_words]
        self.searchable = [
            f" {text} {' '.join(words(keywords))} " if keywords else self.labels[entry_id]
            for entry_id, (text, (_, keywords)) in enumerate(zip(label_words, ordered, strict=True))
        ]
        self._index_words()
        self._index_label_starts(label_words)
        self._index_codes()

    def _index_words(self) -> None:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for entry_id, text in enumerate(self.searchable):
            for word in set(text.split()):
                postings[word].append(entry_id)
        self.vocabulary = sorted(postings)
        self.word_postings = [array("i", postings[word]) for word in self.vocabulary]
        self.cumulative = [0]
        for posting in self.word_postings:
            self.cumulative.append(self.cumulative[-1] + len(posting))
        prefixes = {word[:length] for word in self.vocabulary for length in range(1, SHORT_PREFIX_LENGTH + 1)}
        self.short_postings = {prefix: self._merged_postings(prefix) for prefix in prefixes}

    def _index_label_starts(self, label_words: Sequence[str]) -> None:
        by_text = sorted(range(len(label_words)), key=label_words.__getitem__)
        self.sorted_labels = [label_words[entry_id] for entry_id in by_text]
        self.sorted_label_ids = by_text

    def _index_codes(self) -> None:
        coded = sorted(
            (reason.code.replace(".", "").lower(), entry_id)
            for entry_id, reason in enumerate(self.reasons)
            if reason.code
        )
        self.sorted_codes = [code for code, _ in coded]
        self.sorted_code_ids = [entry_id for _, entry_id in coded]

    def _word_range(self, prefix: str) -> tuple[int, int]:
        return bisect_left(self.vocabulary, prefix), bisect_left(self.vocabulary, prefix + PAST_EVERY_WORD)

    def _merged_postings(self, prefix: str) -> array[int]:
        low, high = self._word_range(prefix)
        if high - low == 1:
            return self.word_postings[low]
        return array("i", sorted(set().union(*self.word_postings[low:high])))

    def _ascending_ids(self, prefix: str) -> Iterable[int]:
        """Ids of the entries holding a word that starts with prefix, ascending, each once, lazily: a broad
        prefix ("frac": fracture, fractured, ...) is merged only as far as the search reads it."""
        if len(prefix) <= SHORT_PREFIX_LENGTH:
            return self.short_postings.get(prefix, ())
        low, high = self._word_range(prefix)
        if high - low <= 1:
            return self.word_postings[low] if high > low else ()
        return _without_repeats(heapq.merge(*self.word_postings[low:high]))

    def _estimate(self, prefix: str) -> int:
        """How many entries (at most) hold a word starting with prefix: cheap, to pick the rarest word."""
        if len(prefix) <= SHORT_PREFIX_LENGTH:
            return len(self.short_postings.get(prefix, ()))
        low, high = self._word_range(prefix)
        return self.cumulative[high] - self.cumulative[low]

    def _candidates(self, terms: Sequence[str]) -> list[int]:
        """Ids of entries where every term begins a word, in static order, at most CANDIDATE_CAP of them.

        Walks the rarest term's ids in order and keeps those whose word string holds every other term
        (a substring test in C), stopping at the cap: broad queries stop early, narrow ones are short.
        """
        rarest_first = sorted(dict.fromkeys(terms), key=self._estimate)
        ids = self._ascending_ids(rarest_first[0])
        searchable = self.searchable
        checks = [f" {term}" for term in rarest_first[1:]]
        if not checks:
            return list(islice(ids, CANDIDATE_CAP))
        if len(checks) == 1:
            check = checks[0]
            return list(islice((entry_id for entry_id in ids if check in searchable[entry_id]), CANDIDATE_CAP))
        matching = (entry_id for entry_id in ids if all(check in searchable[entry_id] for check in checks))
        return list(islice(matching, CANDIDATE_CAP))

    def _label_starts(self, phrase: str, limit: int) -> list[int]:
        low = bisect_left(self.sorted_labels, phrase)
        high = bisect_left(self.sorted_labels, phrase + PAST_EVERY_WORD)
        return heapq.nsmallest(limit, self.sorted_label_ids[low:high])

    def _code_starts(self, code: str, limit: int) -> list[int]:
        low = bisect_left(self.sorted_codes, code)
        high = min(bisect_left(self.sorted_codes, code + PAST_EVERY_WORD), low + limit)
        return self.sorted_code_ids[low:high]

    def _kind_rank(self, entry_id: int) -> int:
        return 0 if entry_id < self.general_count else 1

    def _rank(self, entry_id: int, query: ParsedQuery) -> Rank:
        label = self.labels[entry_id]
        kind = self._kind_rank(entry_id)
        if label.startswith(query.phrase):
            return (kind, 0, 0, entry_id)
        if not all(prefix in label for prefix in query.prefixes):
            return (kind, 6, 0, entry_id)  # found through a general reason's keywords only
        adjacent = -sum(1 for pair in query.adjacent_pairs if pair.search(label))
        if all(word in label for word in query.whole_words):
            tier = 1
        elif query.leading_words and all(word in label for word in query.leading_words):
            tier = 3
        else:
            tier = 4 if label.startswith(query.prefixes[0]) else 5
        return (kind, tier, adjacent, entry_id)

    def search(self, query: str, limit: int = 10) -> list[Reason]:
        """The best `limit` reasons for what the employee typed, best first (see the module docstring)."""
        limit = min(limit, MAX_LIMIT)
        parsed = ParsedQuery.parse(query)
        if limit <= 0 or parsed is None:
            return []
        ranked: dict[int, Rank] = {}
        if parsed.code:
            for position, entry_id in enumerate(self._code_starts(parsed.code, limit)):
                ranked[entry_id] = (1, 2, 0, position)
        candidates = self._candidates(parsed.terms)
        for entry_id in candidates:
            ranked.setdefault(entry_id, self._rank(entry_id, parsed))
        if len(candidates) >= CANDIDATE_CAP:
            for entry_id in self._label_starts(parsed.phrase.lstrip(), limit):
                ranked.setdefault(entry_id, (self._kind_rank(entry_id), 0, 0, entry_id))
        best = heapq.nsmallest(limit, ranked.items(), key=lambda item: item[1])
        return [self.reasons[entry_id] for entry_id, _ in best]


Rank = tuple[int, int, int, int]  # (general or condition, tier, minus adjacent word pairs, static order)


@dataclass(frozen=True)
class ParsedQuery:
    """A query's folded words and the padded strings and patterns that rank a label against them."""

    terms: list[str]
    phrase: str
    prefixes: list[str]
    whole_words: list[str]
    leading_words: list[str]
    adjacent_pairs: list[re.Pattern[str]]
    code: str | None

    @classmethod
    def parse(cls, query: str) -> ParsedQuery | None:
        query = query[:MAX_QUERY_LENGTH]
        terms = words(query)[:MAX_QUERY_WORDS]
        if not terms:
            return None
        code = fold(query).strip().replace(".", "")
        return cls(
            terms=terms,
            phrase=" " + " ".join(terms),
            prefixes=[f" {term}" for term in terms],
            whole_words=[f" {term} " for term in terms],
            # "back pa": every word but the one still being typed is whole.
            leading_words=[f" {term} " for term in terms[:-1]],
            # "typ 2" in "Type 2 diabetes" (adjacent) ranks above "Type 1 diabetes, Stage 2".
            adjacent_pairs=[re.compile(f" {first}[a-z0-9]* {second}") for first, second in pairwise(terms)],
            code=code if CODE_QUERY.fullmatch(code) else None,
        )


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
