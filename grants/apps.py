from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Konkursy ofert i dotacje")

    def ready(self) -> None:
        from workflows.pages import NavItem, register_nav
        from workflows.registry import WorkflowKind, register

        from . import agreement_kinds, effects, report_selectors, selectors
        from .models import Competition, CooperationReport, LocalInitiative, Offer, SmallGrant

        register(
            WorkflowKind(
                name="competition",
                model=Competition,
                label=_("Otwarty konkurs ofert"),
                can_view=selectors.can_view_competition,
                event_fields=lambda c: {"title": c.title},
                effects={"publish": effects.schedule_closing, "score": effects.score_offers},
            )
        )
        register(
            WorkflowKind(
                name="offer",
                model=Offer,
                label=_("Oferta w konkursie"),
                can_view=selectors.can_view_offer,
                event_fields=lambda o: {"competition": o.competition_id},
                effects={"call_for_correction": effects.schedule_correction_end},
                action_labels={"copied": _("Utworzenie na podstawie wcześniejszej oferty")},
            )
        )
        register(
            WorkflowKind(
                name="small_grant",
                model=SmallGrant,
                label=_("Dotacja z pominięciem konkursu (art. 19a)"),
                can_view=selectors.can_view_small_grant,
                event_fields=lambda g: {"title": g.title},
                effects={"publish": effects.schedule_comments_end},
            )
        )
        register(
            WorkflowKind(
                name="local_initiative",
                model=LocalInitiative,
                label=_("Inicjatywa lokalna (art. 19b–19h)"),
                can_view=selectors.can_view_initiative,
                event_fields=lambda i: {"title": i.title},
            )
        )
        register(
            WorkflowKind(
                name="cooperation_report",
                model=CooperationReport,
                label=_("Sprawozdanie z realizacji programu współpracy (31 maja)"),
                can_view=report_selectors.can_view_report,
                event_fields=lambda r: {"year": r.year},
                action_labels={"figures_generated": _("Wygenerowanie danych sprawozdania")},
                effects={"submit_to_council": effects.settle_report_deadline},
            )
        )
        agreement_kinds.register_kinds()
        register_nav(NavItem("grants:list", _("Konkursy ofert"), 45))
