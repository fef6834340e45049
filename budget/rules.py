"""Permissions of the civic budget, in one place: predicates composed with django-rules and
one `rules.add_perm("budget.<action>_<model>", ...)` per action. Transitions (`perm(...)`),
the services' guards, pages, streams and the kind's visibility all ask these names."""

import rules
from django.utils.translation import gettext_lazy as _

from workflows.accounts.roles import is_council_staff
from workflows.gates import perm_guard

from . import flows
from .flows import model


@rules.predicate
def is_author(user, proposal) -> bool:
    if proposal is None or not user.is_authenticated:
        return False
    if proposal.author_id == user.pk:
        return True
    return proposal.coauthors.filter(pk=user.pk).exists()


def _in_unit(unit_id, user) -> bool:
    if unit_id is None or not user.is_authenticated:
        return False
    members = model("CityUnit").members.through.objects
    return members.filter(cityunit_id=unit_id, user_id=user.pk).exists()


@rules.predicate
def is_unit_verifier(user, proposal) -> bool:
    # Object-level: a verifier verifies only proposals assigned to their own unit.
    return proposal is not None and _in_unit(proposal.unit_id, user)


@rules.predicate
def is_implementing_unit(user, proposal) -> bool:
    if proposal is None:
        return False
    implementations = model("Implementation").objects.filter(proposal=proposal)
    return _in_unit(implementations.values_list("unit_id", flat=True).first(), user)


@rules.predicate
def is_in_a_unit(user) -> bool:
    members = model("CityUnit").members.through.objects
    return user.is_authenticated and members.filter(user_id=user.pk).exists()


@rules.predicate
def is_draft_edition(user, edition) -> bool:
    from .models import EditionState

    return edition is not None and edition.state == EditionState.DRAFT


@rules.predicate
def is_draft_proposal(user, proposal) -> bool:
    from .models import ProposalState

    return proposal is not None and proposal.state == ProposalState.DRAFT


# Who sees what (404 for the others, so a draft's existence does not leak).
rules.add_perm("budget.view_edition", ~is_draft_edition | is_council_staff)
rules.add_perm("budget.view_proposal", ~is_draft_proposal | is_council_staff | is_author)
rules.add_perm("budget.view_verification_queue", is_council_staff | is_in_a_unit)
rules.add_perm("budget.view_appeals", is_council_staff)

# Authors: edit, submit, resubmit after a correction, appeal.
rules.add_perm("budget.change_proposal", is_author)
rules.add_perm("budget.appeal_proposal", is_author)
# The office: formal check, appeals, merges, implementers, the edition and its ballots.
rules.add_perm("budget.check_proposal", is_council_staff)
rules.add_perm("budget.decide_appeal", is_council_staff)
rules.add_perm("budget.merge_proposal", is_council_staff)
rules.add_perm("budget.assign_implementer", is_council_staff)
rules.add_perm("budget.manage_edition", is_council_staff)
rules.add_perm("budget.enter_paper_ballot", is_council_staff)
rules.add_perm("budget.invalidate_ballot", is_council_staff)
rules.add_perm("budget.record_resolution", is_council_staff)
rules.add_perm("budget.issue_codes", is_council_staff)
rules.add_perm("budget.count_votes", is_council_staff)
# The unit a proposal is assigned to verifies it; the implementing unit (or the office) runs it.
rules.add_perm("budget.verify_proposal", is_unit_verifier)
rules.add_perm("budget.implement_proposal", is_council_staff | is_implementing_unit)
# Placing on the ballot and the count's outcome are the system's alone (the tally).
rules.add_perm("budget.tally_proposal", rules.always_deny)

configures_editions = perm_guard("budget.manage_edition", _("Edycję konfiguruje pracownik urzędu."))
assigns_implementers = perm_guard(
    "budget.assign_implementer", _("Jednostkę realizującą wskazuje pracownik urzędu.")
)
proposes_merges = perm_guard(
    "budget.merge_proposal", _("Połączenie projektów proponuje pracownik urzędu.")
)
enters_paper_ballots = perm_guard(
    "budget.enter_paper_ballot", _("Karty papierowe wprowadza pracownik urzędu.")
)
invalidates_ballots = perm_guard(
    "budget.invalidate_ballot", _("Głos może unieważnić tylko pracownik urzędu.")
)
records_budget_resolutions = perm_guard(
    "budget.record_resolution", _("Uchwałę budżetową odnotowuje pracownik urzędu.")
)
issues_codes = perm_guard("budget.issue_codes", _("Kody do głosowania generuje pracownik urzędu."))
counts_votes = perm_guard("budget.count_votes", _("Głosy liczy tylko pracownik urzędu."))
assesses = perm_guard("budget.verify_proposal", flows.UNIT_ONLY)
implements = perm_guard("budget.implement_proposal", flows.IMPLEMENTER_ONLY)
changes_proposal = perm_guard("budget.change_proposal", flows.AUTHOR_ONLY)
sees_verification_queue = perm_guard("budget.view_verification_queue", flows.QUEUE_VERIFIERS_ONLY)
