from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "consultations.meetings"
    label = "meetings"
    verbose_name = _("Spotkania zespołów sektorowych")

    def ready(self):
        from workflows import live
        from workflows.pages import NavItem, register_nav
        from workflows.registry import WorkflowKind, register

        from . import commands, events, selectors
        from .models import Meeting

        register(
            WorkflowKind(
                name="meeting",
                model=Meeting,
                stream=events.stream_of,
                # Meetings of sector teams are part of a public consultation.
                can_view=lambda user, obj: True,
                label=_("Spotkanie zespołu sektorowego"),
                event_fields=lambda m: {"title": m.title},
                action_labels={
                    "plan_meeting": _("Zaplanowanie spotkania"),
                    "edit_minutes": _("Poprawienie protokołu"),
                    "record_decision": _("Zapisanie ustalenia"),
                },
            )
        )
        live.register_stream(
            "meeting", can_read=selectors.can_read_stream, snapshot=selectors.room_for_stream
        )
        commands.register_all()
        register_nav(NavItem("meeting-list", _("Spotkania zespołów"), 40))
