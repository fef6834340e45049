from django.core.management.base import BaseCommand, CommandError

from workflows.diagram import mermaid
from workflows.registry import get_kind, kinds


class Command(BaseCommand):
    help = "Print the state machine of a workflow kind (or of all) as a Mermaid diagram."

    def add_arguments(self, parser):
        parser.add_argument("kind", nargs="?", help="e.g. proposal; omit for every kind")

    def handle(self, *args, kind=None, **options):
        if kind and get_kind(kind) is None:
            raise CommandError(f"Unknown kind {kind!r}; known: {', '.join(sorted(kinds()))}")
        for name in [kind] if kind else sorted(kinds()):
            self.stdout.write(f"%% {name}\n{mermaid(get_kind(name))}")
