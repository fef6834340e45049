"""The results page of an edition (after publication; staff preview and count it)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budget.models import EditionState, VoteRule
from budget.views.common import edition_or_404, refused
from workflows.accounts.roles import is_council_staff
from workflows.errors import WorkflowError

from . import selectors
from .models import TallyRun
from .services import CHANGE_FIELDS, amend_results, count_edition


def results(request, year: int):
    edition = edition_or_404(request, year)
    staff = bool(is_council_staff(request.user))
    context = {"edition": edition, "staff": staff}
    try:
        run = selectors.visible_run(edition, request.user)
    except WorkflowError as exc:
        context["unavailable"] = exc.message
        context["can_count"] = (
            staff
            and edition.state == EditionState.VOTING_CLOSED
            and not TallyRun.objects.filter(edition=edition).exists()
        )
        return render(request, "results/edition_results.html", context, status=409)
    results = selectors.pools_with_projects(run)
    rules = edition.rules_by_kind()
    pools = [
        {
            "result": pool,
            "projects": pool.project_results,
            # Ordinal and cumulative pools are counted in points, approval ones in votes.
            "points": rules[pool.pool.kind].vote_rule != VoteRule.APPROVAL,
        }
        for pool in results
    ]
    context.update(
        run=run,
        pools=pools,
        preview=edition.state != EditionState.RESULTS_PUBLISHED,
        points=any(pool["points"] for pool in pools),
        amendments=selectors.amendments_explained(run),
        amended_pools=selectors.amended_pools(run, results),
        can_amend=staff,
    )
    return render(request, "results/edition_results.html", context)


@require_POST
def count(request, year: int):
    edition = edition_or_404(request, year)
    try:
        count_edition(edition, by=request.user)
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Głosy policzone. Sprawdź wyniki przed ich ogłoszeniem."))
    return redirect("results:edition", year=edition.year)


@require_POST
def amend(request, year: int):
    edition = edition_or_404(request, year)
    change = {key: request.POST.get(key, "") for key in CHANGE_FIELDS}
    try:
        amendment = amend_results(
            edition, by=request.user, reason=request.POST.get("reason", ""), **change
        )
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(
            request,
            _("Wyniki zmienione (zmiana nr %(n)s); wyniki pierwotne pozostają widoczne.")
            % {"n": amendment.number},
        )
    return redirect("results:edition", year=edition.year)
