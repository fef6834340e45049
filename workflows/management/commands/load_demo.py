"""Load the demo city. Idempotent: a second run changes nothing and duplicates nothing.

Every installed app may ship a `demo` module with `load(stdout)`; they run in
INSTALLED_APPS order, so the people and districts exist before consultations and budget.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo city of Kraków (districts, teams, task areas, people, processes)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            import_module(module_name).load(self.stdout)
        # The address is the server's to tell (`make run` prints the one it serves).
        self.stdout.write(self.style.SUCCESS("Demo city ready."))
