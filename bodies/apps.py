from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "bodies"
    verbose_name = _("Organy doradcze i rady dzielnic")

    def ready(self) -> None:
        from notifications.bip.effects import republish_opinion_target
        from workflows import live
        from workflows.pages import NavItem, register_nav
        from workflows.registry import WorkflowKind, chain, register

        from . import effects, selectors
        from .models import DistrictConsultation, OpinionRequest

        register(
            WorkflowKind(
                name="opinion",
                model=OpinionRequest,
                stream=lambda o: f"body.{o.body_id}",
                label=_("Opinia organu doradczego"),
                event_fields=lambda o: {"body": o.body_id, "subject": o.subject},
                effects={
                    "adopt": chain(effects.record_votes, republish_opinion_target),
                    "record_no_opinion": chain(effects.settle_deadline, republish_opinion_target),
                    "withdraw": effects.settle_deadline,
                },
                action_labels={"opinion_requested": _("Wniosek o opinię")},
            )
        )
        register(
            WorkflowKind(
                name="district_consultation",
                model=DistrictConsultation,
                stream=lambda c: f"body.{c.body_id}",
                label=_("Konsultacje rady dzielnicy"),
                event_fields=lambda c: {"body": c.body_id, "title": c.title},
                effects={"open": effects.schedule_close},
                action_labels={
                    "consultation_drafted": _("Przygotowanie konsultacji"),
                    "district_comment": _("Uwaga mieszkańca"),
                },
            )
        )
        live.register_stream(
            "body", can_read=selectors.can_read_stream, snapshot=selectors.snapshot
        )
        register_nav(NavItem("bodies:list", _("Organy doradcze"), 40))
