"""Count an edition whose ballot box is frozen: `manage.py tally_edition <edition id>`."""

from django.core.management.base import BaseCommand, CommandError

from budget.models import Edition
from budget.results.services import count_edition
from workflows.errors import WorkflowError
from workflows.services import SYSTEM


class Command(BaseCommand):
    help = "Count a civic-budget edition from its frozen ballot box and record the results."

    def add_arguments(self, parser):
        parser.add_argument("edition_id", type=int)
        parser.add_argument("--seed", type=int, help="seed of the tie-break draw (default: random)")

    def handle(self, *args, edition_id, seed=None, **options):
        edition = Edition.objects.filter(pk=edition_id).first()
        if edition is None:
            raise CommandError(f"no edition {edition_id}")
        try:
            run = count_edition(edition, by=SYSTEM, seed=seed)
        except WorkflowError as exc:
            raise CommandError(exc.message) from exc
        for pool in run.pools.select_related("pool"):
            self.stdout.write(
                f"{pool.pool.name}: {pool.spent} / {pool.amount} zł, "
                f"{pool.voters_with_winner}/{pool.voters} voters with a winner {pool.message}"
            )
        self.stdout.write(f"rule {run.rule}, seed {run.seed}, input sha256 {run.input_digest}")
