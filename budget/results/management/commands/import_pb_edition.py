"""Import a pabulib `.pb` file as a demonstration edition whose box is frozen (ready to count).

A malformed file exits with status 2 and the line at fault; nothing is imported half-way
(the file is fully validated before the first write, and the writes are one transaction).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.models import Edition
from budget.results.pabulib import edition_year, import_election
from budget.tally import PbFormatError, read_pb
from workflows.errors import WorkflowError


class Command(BaseCommand):
    help = "Create a demonstration edition (voting closed) from a pabulib .pb file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            election = read_pb(file)
        except (PbFormatError, OSError) as exc:
            self.stderr.write(f"{file}: {exc}")
            sys.exit(2)
        instance = election.meta.get("instance", "")
        unit = election.meta.get("unit", "")
        if Edition.objects.filter(city__name=unit, year=edition_year(election)):
            raise CommandError(f"an edition of {unit} {instance} already exists")
        try:
            edition = import_election(election, source=file.name)
        except WorkflowError as exc:  # e.g. greedy-threshold without its threshold
            raise CommandError(f"{file}: {exc.message}") from exc
        self.stdout.write(f"edition {edition.pk}: {edition.title} ({len(election.voters)} ballots)")
