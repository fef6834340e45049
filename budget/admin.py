from django.apps import apps

from workflows.admin_lists import register_lists

from .models import CityUnit

register_lists(*apps.get_app_config("budget").get_models(), editable=(CityUnit,))
