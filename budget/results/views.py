"""The results page of an edition (after publication; staff preview and count it)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from budget.views.common import edition_or_404, refused
from workflows.accounts.roles import is_council_staff
from workflows.errors import WorkflowError

from . import selectors
from .models import TallyRun
from .services import count_edition


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
            and edition.state == "voting_closed"
            and not TallyRun.objects.filter(edition=edition).exists()
        )
        return render(request, "results/edition_results.html", context, status=409)
    pools = [
        {
            "result": pool,
            "projects": pool.project_results,
            "top": max((p.score for p in pool.project_results), default=0) or 1,
        }
        for pool in selectors.pools_with_projects(run)
    ]
    context.update(
        run=run,
        pools=pools,
        preview=edition.state != "results_published",
        points=edition.vote_rule != "approval",
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
