"""Benchmark of the roster import: `python -m bench.roster_import [--rows 100000] [--trace]`.

Writes a valid roster file of ROWS people in a temporary folder (in each ten, nine report to the
tenth, whose row comes after theirs; the tenth reports to someone earlier in the file), migrates a
fresh SQLite database there and imports the file with the real command, in this process: first
into the empty roster, then the same file again (which changes nothing), then with every row's
hours changed. For each run it prints rows per second, elapsed seconds, this process's CPU seconds
(which a busy machine does not inflate), the process's peak resident size (ru_maxrss) before and
after, and with --trace the tracemalloc peak of the run. Run it with --rows 10000 and with
100,000 rows to see that memory does not grow with the file.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import resource
import secrets
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import django
from django.core.management import call_command

AGENCIES = ("Department of Revenue", "Executive Office of Health and Human Services", "Trial Court")
WEEKDAY_PATTERNS = ("", "Mon Tue Wed Thu Fri", "Mon Tue Thu", "Wed Thu Fri Sat")


def employee_number(index: int) -> str:
    return f"E{index:07d}"


def supervisor_of(index: int) -> str:
    """Groups of ten report to the group's last member; that one reports to a lower group's last."""
    group, position = divmod(index, 10)
    if position != 9:
        return employee_number(group * 10 + 9)
    if group == 0:
        return ""
    return employee_number((group // 10) * 10 + 9)


def write_roster(path: Path, rows: int, *, extra_hours: int = 0) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "employee_number", "first_name", "last_name", "birth_date", "home_zip", "hire_date",
                "hours_worked_last_12_months", "scheduled_hours_per_day", "work_days", "agency",
                "supervisor_employee_number", "work_email", "cost_center",
            ]
        )  # fmt: skip
        for index in range(rows):
            birth = date(1960, 1, 1) + timedelta(days=index % 12000)
            writer.writerow(
                [
                    employee_number(index),
                    f"Fírst{index}",
                    f"Last{index % 977}",
                    birth.isoformat(),
                    f"{1000 + index % 9000:05d}" + ("-1234" if index % 3 == 0 else ""),
                    (birth + timedelta(days=8000 + index % 3000)).isoformat(),
                    f"{1000 + extra_hours + index % 950}.5",
                    "" if index % 4 == 0 else "7.5",
                    WEEKDAY_PATTERNS[index % 4],
                    AGENCIES[index % 3],
                    supervisor_of(index),
                    f"person{index}@example.gov" if index % 5 else "",
                    f"CC{index % 40}",
                ]
            )


def set_up_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["VAR_DIR"] = str(folder)
    # DEBUG off: with it on, Django keeps the text of the last 9,000 queries, which is not the import's memory.
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(32)
    os.environ["STATIC_MANIFEST"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    call_command("migrate", verbosity=0)


def import_once(label: str, path: Path, rows: int, *, trace: bool) -> None:
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    output = io.StringIO()
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command("import_roster", str(path), stdout=output)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{label}: {output.getvalue().strip()}")
    print(f"  {rows:,} rows in {elapsed:.2f} s = {rows / elapsed:,.0f} rows/s ({cpu:.2f} s of CPU in this process)")
    print(f"  ru_maxrss {rss_before / 1024:.1f} MiB before, {rss_after / 1024:.1f} MiB after")
    if trace:
        print(f"  tracemalloc peak {peak / 1024 / 1024:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--trace", action="store_true", help="measure the tracemalloc peak (slows Python down)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="roster-bench-") as temporary:
        folder = Path(temporary)
        path = folder / "roster.csv"
        write_roster(path, arguments.rows)
        print(f"{path.stat().st_size / 1024 / 1024:.1f} MiB file of {arguments.rows:,} rows")
        set_up_django(folder)
        import_once("first import (fresh database)", path, arguments.rows, trace=arguments.trace)
        import_once("second import (same file)", path, arguments.rows, trace=arguments.trace)
        write_roster(path, arguments.rows, extra_hours=8)
        import_once("third import (every row's hours changed)", path, arguments.rows, trace=arguments.trace)


if __name__ == "__main__":
    main()
