from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Konsultacje programu współpracy")

    def ready(self) -> None:
        from workflows import live
        from workflows.pages import HomePanel, NavItem, register_home_panel, register_nav
        from workflows.registry import WorkflowKind, register

        from . import effects, selectors
        from .models import ImplementationReport, Programme

        register(
            WorkflowKind(
                name="programme",
                model=Programme,
                stream=lambda p: f"consultation.{p.pk}",
                can_view=selectors.can_view_programme,
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
                    "publish_drafts": effects.set_comment_window,
                    "record_council_vote": effects.owe_implementation_reports,
                },
            )
        )
        register(
            WorkflowKind(
                name="implementation_report",
                model=ImplementationReport,
                stream=lambda r: f"consultation.{r.programme_id}",
                can_view=lambda user, r: selectors.can_view_programme(user, r.programme),
                label=_("Sprawozdanie z realizacji programu współpracy"),
                event_fields=lambda r: {"programme": r.programme_id, "year": r.year},
            )
        )
        live.register_stream(
            "consultation", can_read=selectors.can_read_stream, snapshot=selectors.snapshot
        )
        register_nav(NavItem("consultations:list", _("Program współpracy"), 20))
        register_home_panel(
            HomePanel("consultations/_home.html", data=selectors.home_panel, order=20)
        )
