"""Permissions of the grants app, in one place: django-rules predicates and one
`rules.add_perm("grants.<action>_<model>", ...)` per action. Transitions (`perm(...)`), the
services' guards, pages, the API and the kinds' visibility ask these names."""

import rules
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import NotPermitted

from . import flows


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    return organisation is not None and flows.represents(user, organisation.pk)


@rules.predicate
def represents_applicant(user, obj) -> bool:
    """A representative of the organisation behind an offer, a small grant or an initiative."""

    organisation_id = getattr(obj, "organisation_id", None)
    return organisation_id is not None and flows.represents(user, organisation_id)


@rules.predicate
def represents_partner(user, offer) -> bool:
    """A representative of any organisation of a joint offer (the leader or a partner)."""

    return offer is not None and flows.is_partner_representative(offer, user)


@rules.predicate
def represents_agreement_organisation(user, obj) -> bool:
    """A representative of the organisation that signed the agreement of a report."""

    return obj is not None and flows.represents(user, obj.agreement.organisation_id)


@rules.predicate
def is_initiative_applicant(user, initiative) -> bool:
    return initiative is not None and user.is_authenticated and initiative.applicant_id == user.pk


@rules.predicate
def sits_on_commission(user, competition) -> bool:
    if competition is None or not user.is_authenticated:
        return False
    return competition.commission.filter(person=user).exists()


@rules.predicate
def declared_impartiality(user, offer) -> bool:
    from .selectors import declared_member

    return offer is not None and declared_member(user, offer.competition) is not None


@rules.predicate
def is_public(user, obj) -> bool:
    """Competitions, initiatives and reports say themselves when they are public."""

    return obj is not None and obj.is_public


@rules.predicate
def is_draft_offer(user, offer) -> bool:
    from .models import OfferState

    return offer is not None and offer.state == OfferState.DRAFT


@rules.predicate
def has_public_results(user, offer) -> bool:
    return offer is not None and offer.competition.results_public


@rules.predicate
def is_published_small_grant(user, grant) -> bool:
    from .small import SmallGrantState

    return grant is not None and grant.state != SmallGrantState.SUBMITTED


# Who sees what (404 for the others).
rules.add_perm("grants.view_competition", is_public | is_council_staff)
# Staff and the offer's organisations (a joint one's partners too) always; the commission
# once it declared impartiality; everyone once the results are published (drafts never).
rules.add_perm(
    "grants.view_offer",
    is_council_staff
    | represents_partner
    | (~is_draft_offer & (has_public_results | declared_impartiality)),
)
rules.add_perm(
    "grants.view_small_grant", is_published_small_grant | is_council_staff | represents_applicant
)
rules.add_perm(
    "grants.view_initiative",
    is_public | is_council_staff | is_initiative_applicant | represents_applicant,
)
rules.add_perm("grants.view_report", is_public | is_council_staff)

# The office runs competitions and decides offers, small grants, initiatives and the report.
rules.add_perm("grants.manage_competition", is_council_staff)
rules.add_perm("grants.decide_offer", is_council_staff)
rules.add_perm("grants.manage_small_grant", is_council_staff)
rules.add_perm("grants.manage_report", is_council_staff)
rules.add_perm("grants.manage_initiative", is_council_staff)
rules.add_perm("grants.manage_operational_programme", is_council_staff)
rules.add_perm("grants.manage_agreement", is_council_staff)
# The organisation that signed an agreement carries it out and reports on it (art. 18).
rules.add_perm("grants.carry_out_agreement", represents_applicant)
rules.add_perm("grants.report_on_agreement", represents_agreement_organisation)
# An organisation's representatives write and submit its offers.
rules.add_perm("grants.offer_for", represents_organisation)
rules.add_perm("grants.change_offer", represents_applicant)
rules.add_perm("grants.score", sits_on_commission)


def scores_offers(user, offer) -> None:
    """The API's guard (workflows.gates) of scoring an offer."""
    if not user.has_perm("grants.score", offer.competition):
        raise NotPermitted(_("Oferty oceniają członkowie komisji konkursowej."))
