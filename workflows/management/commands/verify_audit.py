from django.core.management.base import BaseCommand, CommandError

from workflows.audit import verify
from workflows.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; exit status 1 if anything was tampered with."

    def handle(self, *args, **options):
        problems = verify()
        for problem in problems:
            where = f"entry {problem.row_id}" if problem.row_id else "chain"
            self.stderr.write(f"{where}: {problem.message}")
        if problems:
            raise CommandError(f"Audit log FAILED verification ({len(problems)} problems).")
        self.stdout.write(f"Audit log OK: {AuditEntry.objects.count()} entries, chain intact.")
