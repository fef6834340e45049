"""manage.py pb_tally FILE --rule RULE [--json]: recount an election from a pabulib file."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from budget.tally.cli import add_arguments, recount
from budget.tally.errors import PbFormatError, TallyError


class Command(BaseCommand):
    help = "Recount a participatory-budget election from a pabulib .pb file."

    def add_arguments(self, parser) -> None:
        add_arguments(parser)

    def handle(self, *args, **options) -> None:
        try:
            recount(options["file"], options["rule"], options["json"], self.stdout, self.stderr)
        except (PbFormatError, TallyError, OSError) as error:
            # Exit status 2: the input is bad, as opposed to a crash (1).
            raise CommandError(f"{options['file']}: {error}", returncode=2) from error
