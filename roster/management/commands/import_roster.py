"""`import_roster FILE.csv [--full]`: the HR roster feed. A file with any bad line changes nothing."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from roster.feed_import import Problem, RosterFileRejectedError, import_roster, utf8_lines


class Command(BaseCommand):
    help = (
        "Import the roster from a CSV file with a header row. Records are matched by employee number and "
        "updated in place. A file with any bad line changes nothing: each bad line is printed with its "
        "number and the reason, and the command exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the roster CSV file (UTF-8)")
        parser.add_argument(
            "--full",
            action="store_true",
            help="the file is the whole roster: mark records absent from it inactive (none is deleted)",
        )

    def handle(self, *args: Any, file: Path, full: bool, **options: Any) -> None:
        try:
            stream = file.open("rb")
        except OSError as error:
            raise CommandError(_("Cannot open %(file)s: %(error)s") % {"file": file, "error": error}) from None
        with stream:
            try:
                counts = import_roster(utf8_lines(stream), full=full, report=self.report_problem)
            except RosterFileRejectedError as rejected:
                raise CommandError(
                    _("%(file)s has %(count)d bad lines; nothing was imported.")
                    % {"file": file, "count": rejected.bad_lines}
                ) from None
        summary = _(
            "Roster imported from %(file)s: %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(deactivated)d deactivated."
        )
        self.stdout.write(self.style.SUCCESS(summary % {"file": file, **asdict(counts)}))

    def report_problem(self, problem: Problem) -> None:
        self.stderr.write(_("line %(line)d: %(message)s") % {"line": problem.line_number, "message": problem.message})
