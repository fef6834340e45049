from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_read_notices(user, key: str) -> bool:
    from workflows.permissions import has_perm

    return has_perm(user, "notifications.view_notices", key)


def _notices_snapshot(key: str, user) -> dict:
    from .selectors import unread_count

    return {"unread": unread_count(user)}


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Powiadomienia")

    def ready(self):
        from workflows import hooks, live
        from workflows.pages import NavItem, register_nav

        from . import dispatch

        hooks.on_action(dispatch.action_taken)
        live.register_stream("notices", can_read=_can_read_notices, snapshot=_notices_snapshot)
        register_nav(NavItem("notifications:calendar", _("Kalendarz"), 50))
