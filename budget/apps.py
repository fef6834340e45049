from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from workflows.parsing import parse_id


def _can_view_proposal(user, proposal) -> bool:
    from workflows.accounts.roles import is_council_staff

    from . import flows

    if proposal.state != "draft":
        return True
    return bool(is_council_staff(user)) or flows.is_author(proposal, user)


def _can_view_edition(user, edition) -> bool:
    from workflows.accounts.roles import is_council_staff

    return edition.state != "draft" or bool(is_council_staff(user))


def _can_read_edition_stream(user, key: str) -> bool:
    from .models import Edition

    edition_id = parse_id(key)
    edition = Edition.objects.filter(pk=edition_id).first() if edition_id else None
    return edition is not None and _can_view_edition(user, edition)


def _edition_snapshot(key: str, user) -> dict:
    from . import turnout

    return turnout.snapshot(int(key))


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Budżet obywatelski")

    def ready(self):
        from workflows import audit, live
        from workflows.pages import HomePanel, NavItem, register_home_panel, register_nav
        from workflows.registry import WorkflowKind, register

        from . import views
        from .models import Edition, Proposal
        from .seal import broken_seals, changed_boxes, seal_box
        from .services.editions import place_accepted_on_ballot

        register(
            WorkflowKind(
                name="edition",
                model=Edition,
                stream=lambda e: f"edition.{e.pk}",
                can_view=_can_view_edition,
                label=_("Edycja budżetu obywatelskiego"),
                effects={"open_voting": place_accepted_on_ballot, "close_voting": seal_box},
                action_labels={
                    "schedule_changed": _("Zmiana harmonogramu"),
                    "counting_rule_changed": _("Zmiana reguły liczenia głosów"),
                    "voting_codes_generated": _("Wygenerowanie kodów do głosowania"),
                },
            )
        )
        register(
            WorkflowKind(
                name="proposal",
                model=Proposal,
                stream=lambda p: f"edition.{p.edition_id}",
                can_view=_can_view_proposal,
                label=_("Projekt budżetu obywatelskiego"),
                event_fields=lambda p: {"title": p.title},
                action_labels={
                    "assessment": _("Ocena merytoryczna i kosztowa"),
                    "merge_consent": _("Zgoda na połączenie projektów"),
                    "implementation_unit": _("Wskazanie jednostki realizującej"),
                },
            )
        )
        live.register_stream(
            "edition", can_read=_can_read_edition_stream, snapshot=_edition_snapshot
        )
        audit.register_check(broken_seals)
        audit.register_check(changed_boxes)
        register_nav(NavItem("budget:home", _("Budżet obywatelski"), 30))
        register_home_panel(HomePanel("budget/_home.html", data=views.home_panel, order=30))
