from django.core.management.base import BaseCommand

from workflows.deadlines import fire_due


class Command(BaseCommand):
    help = "Fire every due deadline once (safe to run from cron every minute, or twice at once)."

    def handle(self, *args, **options):
        fired = fire_due()
        for deadline in fired:
            self.stdout.write(f"{deadline}: {deadline.outcome}")
        self.stdout.write(f"{len(fired)} deadline(s) processed.")
