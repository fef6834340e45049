from django.apps import apps

from workflows.admin_lists import register_lists

register_lists(*apps.get_app_config("meetings").get_models())
