from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "consultations.meetings"
    label = "meetings"
    verbose_name = _("Spotkania zespołów sektorowych")

    def ready(self):
        from notifications.bip.effects import republish_minutes
        from workflows import live
        from workflows.pages import NavItem, Queue, register_nav, register_queue
        from workflows.permissions import has_perm
        from workflows.registry import WorkflowKind, chain, register

        from . import commands, events, selectors
        from .effects import end_the_floor, freeze_minutes, moderator_present
        from .models import Meeting

        register(
            WorkflowKind(
                name="meeting",
                model=Meeting,
                stream=events.stream_of,
                # Meetings of sector teams are part of a public consultation; bodies' meetings
                # are public too (art. 41i: their opinions are public documents).
                can_view=lambda user, obj: has_perm(user, "meetings.view_meeting", obj),
                label=_("Spotkanie zespołu lub posiedzenie organu"),
                event_fields=lambda m: {"title": m.title},
                effects={
                    "open": moderator_present,
                    "close": end_the_floor,
                    "publish_minutes": chain(freeze_minutes, republish_minutes),
                },
                action_labels={
                    "plan_meeting": _("Zaplanowanie spotkania"),
                    "edit_minutes": _("Poprawienie protokołu"),
                    "record_decision": _("Zapisanie ustalenia"),
                    "put_to_vote": _("Poddanie pod głosowanie"),
                    "close_vote": _("Zamknięcie głosowania"),
                },
            )
        )
        live.register_stream(
            "meeting", can_read=selectors.can_read_stream, snapshot=selectors.room_for_stream
        )
        commands.register_all()
        register_nav(NavItem("meeting-list", _("Spotkania zespołów"), 40))
        register_queue(
            Queue(
                "meeting-new",
                _("Zaplanuj spotkanie zespołu"),
                20,
                # Staff: any team (a moderator plans from the team's page).
                visible=lambda user: has_perm(user, "meetings.add_team_meeting"),
            )
        )
