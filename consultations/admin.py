from django.apps import apps

from workflows.admin_lists import register_lists

from .models import StrategyGoal, TaskArea

register_lists(
    *apps.get_app_config("consultations").get_models(), editable=(TaskArea, StrategyGoal)
)
