"""Write a counted (or at least frozen) edition as pabulib `.pb` files, one per pool."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.models import Edition
from budget.results.pabulib import export_edition
from workflows.errors import WorkflowError


class Command(BaseCommand):
    help = "Export an edition's anonymised frozen ballots and results as pabulib .pb files."

    def add_arguments(self, parser):
        parser.add_argument("edition_id", type=int)
        parser.add_argument("directory", type=Path)

    def handle(self, *args, edition_id, directory, **options):
        edition = Edition.objects.select_related("city").filter(pk=edition_id).first()
        if edition is None:
            raise CommandError(f"no edition {edition_id}")
        try:
            for path in export_edition(edition, directory):
                self.stdout.write(str(path))
        except WorkflowError as exc:
            raise CommandError(exc.message) from exc
