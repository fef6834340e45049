from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Procesy i audyt")

    def ready(self) -> None:
        from .converters import IdConverter
        from .dashboard import is_staff_member
        from .pages import NavItem, register_nav

        # Before any URLconf is imported: every app's routes use <id:...>.
        register_converter(IdConverter, "id")

        register_nav(NavItem("staff-dashboard", _("Panel urzędu"), 90, visible=is_staff_member))
