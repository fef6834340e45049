from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "budget.results"
    label = "results"
    verbose_name = _("Wyniki budżetu obywatelskiego")

    def ready(self):
        from budget.apps import BY_YEAR
        from workflows.pages import Queue, register_queue

        register_queue(Queue("results:edition", _("Publikacja wyników"), 80, "edition", BY_YEAR))
