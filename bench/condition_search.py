"""Benchmark the condition search against a floor and a plain substring scan, on a few hundred realistic queries.

    .venv/bin/python bench/condition_search.py [--rounds 3]

Prints the time to import the ICD-10-CM package and build the index, then p50 / p99 / max per query, wall
clock and CPU time, measured in the same run over the same queries, for:
- the floor: the least any search does (fold and split the query, look up its first word's postings), so the
  ratio search / floor says how much work the search adds whatever the machine's speed or load;
- `search_reasons`, with its ratio to the floor, and whether its p99 is under the 10 ms budget;
- the naive baseline (fold the query, keep every label that contains it, order general reasons first then
  shorter labels, take ten).
The queries: whole phrases, the first letters of them, two-word fragments, everyday words ("broken leg"),
typing slips ("migrane") and the start of them, codes, and very broad one- and two-letter queries.

    .venv/bin/python bench/condition_search.py --memory [--searches 100 1000]

Instead measures memory under the real gunicorn settings (config/gunicorn.conf.py, two workers, DEBUG off,
PostgreSQL and Redis, a fresh database `leavedesk_bench_conditions`): signs an employee in through the two
steps, then prints the master's and each worker's RSS, PSS and private memory (Private_Clean + Private_Dirty,
/proc/PID/smaps_rollup) after the sign-in, after each count of searches through the picker's endpoint
(/conditions/search/?q=, the realistic queries in turn), and after 100 ordinary pages of that employee.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conditions.search import ReasonIndex, reason_index, search_reasons
from conditions.vocabulary import Reason, fold, icd_release, words

BUDGET_P99_MS = 10.0

# What employees type: whole reasons, the first letters of them, two-word fragments, codes.
PHRASES = [
    "doctor's visit",
    "medical appointment",
    "surgery",
    "flu",
    "sick",
    "cold",
    "covid",
    "migraine",
    "back pain",
    "physical therapy",
    "prenatal care",
    "childbirth",
    "caring for a sick child",
    "mental health",
    "dental",
    "chemotherapy",
    "dialysis",
    "broken arm",
    "knee surgery",
    "fractured wrist",
    "sprained ankle",
    "pneumonia",
    "bronchitis",
    "asthma attack",
    "type 2 diabetes",
    "high blood pressure",
    "hypertension",
    "depression",
    "anxiety",
    "panic attack",
    "pregnancy",
    "miscarriage",
    "c-section",
    "postpartum",
    "kidney stones",
    "gallbladder",
    "appendicitis",
    "hernia repair",
    "hip replacement",
    "carpal tunnel",
    "concussion",
    "stomach flu",
    "food poisoning",
    "urinary tract infection",
    "sinus infection",
    "strep throat",
    "ear infection",
    "pink eye",
    "shingles",
    "chicken pox",
    "lyme disease",
    "breast cancer",
    "prostate cancer",
    "colonoscopy",
    "mri",
    "blood test",
    "vaccination",
    "allergic reaction",
    "rash",
    "eczema",
    "psoriasis",
    "arthritis",
    "rheumatoid arthritis",
    "lupus",
    "multiple sclerosis",
    "crohn's disease",
    "ulcerative colitis",
    "celiac",
    "heart attack",
    "chest pain",
    "atrial fibrillation",
    "stroke",
    "seizure",
    "epilepsy",
    "vertigo",
    "meniere's disease",
    "tinnitus",
    "cataract",
    "glaucoma",
    "dental surgery",
    "wisdom teeth",
    "root canal",
    "sleep apnea",
    "insomnia",
    "fatigue",
    "long covid",
    "left knee pain",
    "right shoulder pain",
    "lower back pain",
    "neck strain",
    "plantar fasciitis",
    "tendonitis",
    "torn acl",
    "rotator cuff tear",
    "gout",
    "anemia",
    "thyroid",
    "hypothyroidism",
    "osteoporosis",
    "dehydration",
    "heat exhaustion",
    # Everyday words the synonym list reads as clinical terms.
    "broken leg",
    "broken wrist",
    "heart attack",
    "cancer",
    "chemo",
    "sugar",
    "pregnant",
    "high blood sugar",
    "blood clot",
    "pink eye",
    "stomach ache",
    "knee replacement",
    "torn acl",
    "mini stroke",
    "acid reflux",
]
# Typing slips: one letter missing, extra, wrong or two swapped (and a few worse).
TYPOS = [
    "migrane",
    "diabetis",
    "pnuemonia",
    "asthama",
    "brest cancer",
    "concusion",
    "bronchitus",
    "apendicitis",
    "arthritus",
    "depresion",
    "anxeity",
    "fractrue",
    "cateract",
    "glacoma",
    "sinusitus",
    "tonsilitis",
    "hypertention",
    "pregnacy",
    "brokn leg",
    "hart attack",
]
CODES = ["J11", "J11.1", "E11.9", "E11", "S72", "M54.5", "M54.50", "F32.9", "F41.1", "O80", "Z34", "U07.1", "G43"]
ONE_WORD_PREFIXES = ["a", "s", "m", "of", "pa", "dia", "fra", "pre", "inf", "car", "hea", "sur", "lef", "rig"]


def realistic_queries(seed: int = 2026) -> list[str]:
    """Each phrase whole, cut after its first word's 3-5 letters, and as 'first word + start of the next';
    plus codes and a few very broad one- and two-letter queries. A few hundred in all."""
    rng = random.Random(seed)
    queries: list[str] = []
    for phrase in PHRASES:
        first, *rest = phrase.split()
        queries.append(phrase)
        queries.append(first[: rng.randint(3, 5)])
        if rest:
            queries.append(f"{first} {rest[0][: rng.randint(1, 4)]}")
    for typo in TYPOS:
        queries.append(typo)
        queries.append(typo[: rng.randint(4, 6)])
    queries.extend(CODES)
    queries.extend(ONE_WORD_PREFIXES)
    queries.extend(["diab typ 2", "back pa", "migr", "dr visit", "appt", "checkup", "Ménière", "MIGRAINE"])
    return queries


def naive_search(labels: Sequence[tuple[str, Reason]]) -> Callable[[str], list[Reason]]:
    """The baseline: a substring scan over every (pre-folded) label, best ten by kind then length."""

    def search(query: str, limit: int = 10) -> list[Reason]:
        needle = fold(query).strip()
        if not needle:
            return []
        found = [reason for label, reason in labels if needle in label]
        found.sort(key=lambda reason: (reason.kind != "general", len(reason.label)))
        return found[:limit]

    return search


def floor_search(index: ReasonIndex) -> Callable[[str], object]:
    """The floor: what every search does at least, fold and split the query and find its first word's postings."""

    def search(query: str) -> object:
        terms = words(query)
        return index._estimate(terms[0]) if terms else 0

    return search


def timings_ms(search: Callable[[str], object], queries: Sequence[str], rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (this thread's) milliseconds per search. On a busy machine the wall clock also
    counts the time the process waited for a core; the CPU time is the search's own work."""
    wall, cpu = [], []
    for _ in range(rounds):
        for query in queries:
            started, started_cpu = time.perf_counter_ns(), time.thread_time_ns()
            search(query)
            cpu.append((time.thread_time_ns() - started_cpu) / 1e6)
            wall.append((time.perf_counter_ns() - started) / 1e6)
    return wall, cpu


def percentiles(times: list[float]) -> tuple[float, float, float]:
    """p50, p99 and max."""
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)]
    return statistics.median(ordered), p99, ordered[-1]


def summary(name: str, times: list[float]) -> str:
    p50, p99, most = percentiles(times)
    return f"{name:<36} p50 {p50:8.3f} ms   p99 {p99:8.3f} ms   max {most:8.3f} ms"


MEMORY_PORT = 8721
MEMORY_REDIS_DB = 13


def print_memory(server: Any, when: str) -> None:
    from bench import servers  # noqa: PLC0415 — only the memory run needs PostgreSQL's and Redis's clients

    print(f"after {when}, MB:")
    for role, pid in [("master", server.process.pid), *(("worker", pid) for pid in server.worker_pids())]:
        memory = servers.memory_of(pid)
        print(f"  {role:<7} RSS {memory.rss_mb:7.1f}  PSS {memory.pss_mb:7.1f}  private {memory.private_mb:7.1f}")


def measure_memory(checkpoints: Sequence[int]) -> None:
    """Each gunicorn process's memory after a sign-in, after `checkpoints` searches, after 100 ordinary pages."""
    import tempfile  # noqa: PLC0415

    from bench import servers, web  # noqa: PLC0415

    print(f"load average at start: {servers.load_average()}")
    scratch = Path(tempfile.mkdtemp(prefix="bench-conditions-"))
    servers.empty_redis(MEMORY_REDIS_DB)
    with servers.fresh_database("leavedesk_bench_conditions") as database:
        environment = servers.leavedesk_environment(database, MEMORY_REDIS_DB, scratch / "var")
        servers.manage(environment, "migrate", "--no-input")
        os.environ.update(environment)
        import django  # noqa: PLC0415 — LeaveDesk's settings read the environment just set

        django.setup()
        from django.db import connections  # noqa: PLC0415

        from bench.seeding import PASSWORD, latest_code, seed_pages  # noqa: PLC0415

        data = seed_pages(many_cases=1)
        try:
            with servers.gunicorn("LeaveDesk", "config.wsgi:application", MEMORY_PORT, environment, "/healthz") as ld:
                client = web.sign_in(ld.base, data.one_case, PASSWORD, latest_code)
                connections.close_all()
                print_memory(ld, "the sign-in")
                queries, done = realistic_queries(), 0
                for checkpoint in checkpoints:
                    for number in range(done, checkpoint):
                        query = urlencode({"q": queries[number % len(queries)]})
                        web.get(client, f"{ld.base}/conditions/search/?{query}")
                    done = checkpoint
                    print_memory(ld, f"{checkpoint} searches")
                case = f"/cases/{data.case_number}/"
                pages = ["/dashboard/", "/cases/", case, f"{case}timeline/"]
                for number in range(100):
                    web.get(client, ld.base + pages[number % len(pages)])
                print_memory(ld, "100 ordinary pages more (dashboard, history, case page, timeline)")
        finally:
            connections.close_all()
    print(f"load average at end: {servers.load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times each query is run (default 3)")
    parser.add_argument("--memory", action="store_true", help="measure gunicorn's memory instead (PostgreSQL)")
    parser.add_argument("--searches", type=int, nargs="+", default=[100, 1000], help="memory checkpoints")
    arguments = parser.parse_args()
    if arguments.memory:
        measure_memory(sorted(arguments.searches))
        return

    started = time.perf_counter()
    icd_release()
    imported = time.perf_counter()
    index = reason_index()
    built = time.perf_counter()
    print(f"import simple_icd_10_cm  {imported - started:6.2f} s")
    print(
        f"build the index          {built - imported:6.2f} s   ({len(index):,} reasons, "
        f"{index.general_count} general, {len(index.vocabulary):,} words)"
    )

    queries = realistic_queries()
    labels = [(fold(reason.label), reason) for reason in map(index.reason, range(len(index)))]
    baseline = naive_search(labels)
    timings_ms(search_reasons, queries[:20], 1)  # warm up both, so neither pays a first-call cost
    timings_ms(baseline, queries[:20], 1)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"{len(queries)} queries x {arguments.rounds} rounds = {len(queries) * arguments.rounds} searches each; "
        f"load average {load} on {os.cpu_count()} cores"
    )
    measured: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {}
    for name, search in (
        ("floor", floor_search(index)),
        ("search_reasons", search_reasons),
        ("substring scan (naive)", baseline),
    ):
        wall, cpu = timings_ms(search, queries, arguments.rounds)
        measured[name] = (percentiles(wall), percentiles(cpu))
        print(summary(f"{name}, wall clock", wall))
        print(summary(f"{name}, CPU time", cpu))
    for clock, which in (("wall clock", 0), ("CPU time", 1)):
        floor, ours, naive = (measured[name][which] for name in ("floor", "search_reasons", "substring scan (naive)"))
        print(
            f"{clock:<10}  search / floor: p50 x{ours[0] / floor[0]:,.0f}, p99 x{ours[1] / floor[1]:,.0f}   "
            f"naive / search: p50 x{naive[0] / ours[0]:,.0f}, p99 x{naive[1] / ours[1]:,.0f}   "
            f"search p99 {ours[1]:.3f} ms {'under' if ours[1] < BUDGET_P99_MS else 'OVER'} "
            f"the {BUDGET_P99_MS:g} ms budget"
        )


if __name__ == "__main__":
    main()
