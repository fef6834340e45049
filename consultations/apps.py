from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Konsultacje programu współpracy")

    def ready(self) -> None:
        from notifications.bip.effects import republish
        from workflows import live
        from workflows.pages import (
            HomePanel,
            NavItem,
            Queue,
            register_home_panel,
            register_nav,
            register_queue,
        )
        from workflows.permissions import has_perm
        from workflows.registry import WorkflowKind, chain, register

        from . import effects, selectors
        from .meetings.models import ChapterSuggestion
        from .models import ImplementationReport, Programme
        from .services.events import stream_of

        register(
            WorkflowKind(
                name="programme",
                model=Programme,
                stream=stream_of,
                can_view=lambda user, p: has_perm(user, "consultations.view_programme", p),
                label=_("Program współpracy z organizacjami pozarządowymi"),
                event_fields=lambda p: {
                    "programme": p.pk,
                    "state_label": str(p.get_state_display()),
                },
                action_labels={
                    "schedule_saved": _("Zapisanie harmonogramu"),
                    "schedule_override": _("Harmonogram przyjęty mimo ryzyka (z uzasadnieniem)"),
                    "council_opinion_attached": _("Dołączenie opinii rady"),
                },
                effects={
                    "publish_drafts": chain(effects.set_comment_window, republish),
                    "prepare_final_text": republish,
                    "publish_report": republish,
                    "record_council_vote": chain(effects.owe_implementation_reports, republish),
                },
            )
        )
        register(
            WorkflowKind(
                name="implementation_report",
                model=ImplementationReport,
                stream=stream_of,
                can_view=lambda user, r: has_perm(
                    user, "consultations.view_programme", r.programme
                ),
                label=_("Sprawozdanie z realizacji programu współpracy"),
                event_fields=lambda r: {"programme": r.programme_id, "year": r.year},
            )
        )
        register(
            WorkflowKind(
                name="chapter_suggestion",
                model=ChapterSuggestion,
                # Decisions of sector team meetings are public, as the meetings are.
                label=_("Propozycja zmiany rozdziału"),
                event_fields=lambda s: {"team": s.team_id, "section": s.section},
                effects={"accept": effects.apply_suggestion},
            )
        )
        live.register_stream(
            "consultation", can_read=selectors.can_read_stream, snapshot=selectors.snapshot
        )
        register_nav(NavItem("consultations:list", _("Program współpracy"), 20))
        register_home_panel(
            HomePanel("consultations/_home.html", data=selectors.home_panel, order=20)
        )
        register_queue(
            Queue(
                "consultations:programme-new",
                _("Nowy program współpracy"),
                10,
                visible=lambda user: has_perm(user, "consultations.manage_programme"),
            )
        )
        register_queue(
            Queue("consultations:queue", _("Kolejka odpowiedzi na uwagi"), 30, kind="programme")
        )
        register_queue(
            Queue("consultations:timeline", _("Harmonogram do 30 listopada"), 40, kind="programme")
        )
