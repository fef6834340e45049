"""Pages of the civic budget (server-rendered, usable without JavaScript)."""

from django.shortcuts import redirect, render

from .. import selectors, turnout
from ..guidance import edition_guide
from ..models import EditionState
from .common import edition_or_404
from .implementation import (
    budget_annex,
    budget_annex_csv,
    budget_resolution,
    implementation_list,
)
from .progress import proposal_note, proposal_photo, proposal_progress
from .proposals import (
    proposal_assess,
    proposal_decide,
    proposal_detail,
    proposal_edit,
    proposal_implementer,
    proposal_list,
    proposal_new,
    proposal_support,
)
from .rulebook import rulebook
from .staff import appeals, verification_queue
from .voting import paper_ballot, vote

__all__ = [
    "appeals",
    "budget_annex",
    "budget_annex_csv",
    "budget_resolution",
    "edition",
    "home",
    "home_panel",
    "implementation_list",
    "paper_ballot",
    "proposal_assess",
    "proposal_decide",
    "proposal_detail",
    "proposal_edit",
    "proposal_implementer",
    "proposal_list",
    "proposal_new",
    "proposal_note",
    "proposal_photo",
    "proposal_progress",
    "proposal_support",
    "rulebook",
    "verification_queue",
    "vote",
]


def home_panel(request) -> dict:
    return {"edition": selectors.current_edition()}


def home(request):
    current = selectors.current_edition()
    if current is not None:
        return redirect("budget:edition", year=current.year)
    return render(request, "budget/none.html")


def edition(request, year: int):
    found = edition_or_404(request, year)
    counts = turnout.snapshot(found.pk)
    return render(
        request,
        "budget/edition.html",
        {
            "edition": found,
            "turnout": counts,
            "pool_turnout": [(p, counts["by_pool"].get(str(p.pk), 0)) for p in found.pools.all()],
            "voting_open": found.state == EditionState.VOTING,
            "guide": edition_guide(found),
        },
    )
