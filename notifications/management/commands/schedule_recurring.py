from django.core.management.base import BaseCommand

from notifications.recurring import start_all


class Command(BaseCommand):
    help = "Enqueue the recurring jobs (deadlines, staff warnings, daily digest) for the worker."

    def handle(self, *args, **options):
        for job, slot in start_all().items():
            self.stdout.write(f"{job}: next run at {slot.isoformat()}")
