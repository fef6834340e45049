from operator import attrgetter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from workflows.parsing import parse_id
from workflows.permissions import has_perm

# Edition pages are addressed by year.
BY_YEAR = attrgetter("year")


def _can_view_proposal(user, proposal) -> bool:
    return has_perm(user, "budget.view_proposal", proposal)


def _can_view_edition(user, edition) -> bool:
    return has_perm(user, "budget.view_edition", edition)


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
        from notifications.bip.effects import republish, republish_edition_of
        from workflows import audit, live
        from workflows.pages import (
            HomePanel,
            NavItem,
            Queue,
            register_home_panel,
            register_nav,
            register_queue,
        )
        from workflows.registry import WorkflowKind, chain, register

        from . import checks, flows, views  # noqa: F401 - checks registers itself
        from .effects import place_accepted_on_ballot, reject_if_uncorrected
        from .erasure import erase_voter_links, schedule_erasure
        from .models import Edition, Proposal
        from .results import amendments
        from .seal import broken_seals, changed_boxes, seal_box
        from .streams import stream_of

        register(
            WorkflowKind(
                name="edition",
                model=Edition,
                stream=stream_of,
                can_view=_can_view_edition,
                label=_("Edycja budżetu obywatelskiego"),
                effects={
                    "open_appeals": republish,
                    "open_voting": chain(place_accepted_on_ballot, republish),
                    "close_voting": seal_box,
                    # The voter keys answer protests, then go (budget/erasure.py).
                    "publish_results": chain(schedule_erasure, republish),
                    "erase_voter_links": erase_voter_links,
                    "amend_results": amendments.effect,
                },
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
                stream=stream_of,
                can_view=_can_view_proposal,
                label=_("Projekt budżetu obywatelskiego"),
                event_fields=lambda p: {"title": p.title},
                effects={
                    "request_correction": reject_if_uncorrected,
                    "appeal": republish_edition_of,
                    "uphold_appeal": republish_edition_of,
                    "dismiss_appeal": republish_edition_of,
                },
                action_labels={
                    "assessment": _("Ocena merytoryczna i kosztowa"),
                    "merge_consent": _("Zgoda na połączenie projektów"),
                    "implementation_unit": _("Wskazanie jednostki realizującej"),
                    "budget_resolution": _("Ujęcie w uchwale budżetowej"),
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
        register_queue(
            Queue(
                "budget:queue",
                _("Kolejka weryfikacji wniosków"),
                50,
                visible=lambda user: has_perm(user, "budget.view_verification_queue"),
            )
        )
        register_queue(
            Queue(
                "budget:appeals",
                _("Odwołania"),
                60,
                visible=lambda user: has_perm(user, "budget.view_appeals"),
            )
        )
        register_queue(Queue("budget:paper", _("Karty papierowe"), 70, "edition", BY_YEAR))
        register_queue(
            Queue("budget:implementation", _("Realizacja projektów"), 90, "edition", BY_YEAR)
        )
