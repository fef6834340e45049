"""Civic budget: which transitions tell whom (art. 5a u.s.g.; the appeal window opens on
rejection, so the author must learn of it then)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget.models.editions import PhaseKind
from budget.phases import phase_of

from ..events import Rule


def authors(proposal, entry):
    return [proposal.author, *proposal.coauthors.all()]


def title(proposal, entry) -> dict:
    return {"title": proposal.title}


def correction(proposal, entry) -> dict:
    due = proposal.correction_due
    return {"title": proposal.title, "reason": entry.reason, "due": due and due.isoformat()}


def rejection(proposal, entry) -> dict:
    appeals = phase_of(proposal.edition, PhaseKind.APPEALS)
    due = appeals.closes_at.isoformat() if appeals else None
    return {"title": proposal.title, "reason": proposal.rejection_reason, "due": due}


def appeal(proposal, entry) -> dict:
    outcome = _("uwzględnione") if entry.action == "uphold_appeal" else _("oddalone")
    return {"title": proposal.title, "outcome": str(outcome), "reason": entry.reason}


def edition_title(edition, entry) -> dict:
    return {"title": edition.title}


def participants(edition, entry):
    # Voting is what the authors and supporters worked towards: they hear of it directly,
    # not only if they thought of following the edition (voters cannot be told: a ballot
    # is secret and tied to no account).
    from budget.selectors import edition_participants

    return edition_participants(edition)


def proposal_authors(edition, entry):
    from budget.models import Proposal

    on_ballot = Proposal.objects.filter(edition=edition, state__in=["selected", "not_selected"])
    return [p.author for p in on_ballot.select_related("author")]


RULES = {
    ("proposal", "pass_formal_check"): Rule("proposal_verified", authors, title),
    ("proposal", "request_correction"): Rule("proposal_needs_correction", authors, correction),
    ("proposal", "reject_formally"): Rule("proposal_rejected", authors, rejection),
    ("proposal", "reject_uncorrected"): Rule("proposal_rejected", authors, rejection),
    ("proposal", "reject_on_merit"): Rule("proposal_rejected", authors, rejection),
    ("proposal", "accept_for_ballot"): Rule("proposal_admitted", authors, title),
    ("proposal", "uphold_appeal"): Rule("appeal_decided", authors, appeal),
    ("proposal", "dismiss_appeal"): Rule("appeal_decided", authors, appeal),
    # Followers of the edition (and of its districts) also hear of these, not only of a change.
    ("edition", "open_voting"): Rule("voting_opened", participants, edition_title),
    ("edition", "close_voting"): Rule("voting_closed", participants, edition_title),
    ("edition", "publish_results"): Rule("results_published", proposal_authors, edition_title),
}


def _edition_and_districts(edition):
    return [edition, *(pool.district for pool in edition.pools.all() if pool.district_id)]


# What a transition of each kind touches: followers of these hear of it.
FOLLOWED = {
    "proposal": lambda p: [p, p.edition, *([p.pool.district] if p.pool.district_id else [])],
    "edition": _edition_and_districts,
}
# Followers of an edition get the edition's own event rather than "followed_changed".
FOLLOWERS_GET_RULE = {"edition"}

LINKS = {
    "proposal": lambda p: reverse("budget:proposal", args=[p.pk]),
    "edition": lambda e: reverse("budget:edition", args=[e.year]),
}
