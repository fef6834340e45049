"""What a budget transition entails, whichever door takes it (a service, the generic API,
the /proces/ page, an app endpoint or the scheduler). Declared as the kinds' effects in
apps.py; advance() runs them in the transition's transaction with the object locked.
"""

from django.utils.translation import gettext_noop

from workflows.deadlines import set_deadline

from .models import Proposal, ProposalState

CORRECTION_BASIS = gettext_noop("regulamin budżetu obywatelskiego: termin na uzupełnienie braków")


def place_accepted_on_ballot(edition, *, by, payload) -> None:
    """Opening the vote publishes the list: every accepted proposal goes on the ballot."""

    from workflows.services import SYSTEM, advance

    for proposal in Proposal.objects.filter(edition=edition, state=ProposalState.ACCEPTED):
        advance(proposal, "place_on_ballot", by=SYSTEM, reason="Lista do głosowania opublikowana.")


def reject_if_uncorrected(proposal, *, by, payload) -> None:
    """A formal gap gives the author until `correction_due`; then the scheduler rejects
    (`reject_uncorrected` only leaves `needs_correction`, so a resubmitted proposal stays)."""

    set_deadline(proposal, "reject_uncorrected", proposal.correction_due, CORRECTION_BASIS)
