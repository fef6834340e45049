from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from workflows.errors import WorkflowError
from workflows.input import refusal
from workflows.parsing import parse_id
from workflows.permissions import has_perm

from .. import annex, selectors
from ..services.implementation import implementation_record_budget_resolution
from .common import edition_or_404, refused


def implementation_list(request, year: int):
    edition = edition_or_404(request, year)
    district = request.GET.get("dzielnica") or None
    if district not in (None, "city") and parse_id(district) is None:
        raise Http404(_("Nie ma takiej dzielnicy."))
    rows = selectors.implementations_with_latest_note(edition=edition.pk, district=district)
    return render(
        request,
        "budget/implementation.html",
        {
            "edition": edition,
            "rows": rows,
            "district": district,
            "pools": [p for p in edition.pools.all() if p.district_id],
        },
    )


def _annex_edition(request, year: int):
    """The edition whose results `request.user` may see (409 before then), as results do."""

    from budget.results.selectors import visible_run

    edition = edition_or_404(request, year)
    visible_run(edition, request.user)
    return edition


def budget_annex(request, year: int):
    try:
        edition = _annex_edition(request, year)
    except WorkflowError as exc:
        return refusal(request, exc.status, exc.code, exc.message)
    groups = annex.annex(edition)
    return render(
        request,
        "budget/annex.html",
        {
            "edition": edition,
            "groups": groups,
            "total": sum((g.total for g in groups), Decimal(0)),
            "records_resolution": has_perm(request.user, "budget.record_resolution", edition),
        },
    )


def budget_annex_csv(request, year: int):
    try:
        edition = _annex_edition(request, year)
    except WorkflowError as exc:
        return refusal(request, exc.status, exc.code, exc.message)
    response = HttpResponse(
        annex.as_csv(annex.annex(edition)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{annex.filename(edition)}"'
    return response


@require_POST
def budget_resolution(request, year: int):
    edition = edition_or_404(request, year)
    try:
        done = implementation_record_budget_resolution(
            edition=edition,
            by=request.user,
            resolution_number=request.POST.get("resolution_number", ""),
            resolution_date=request.POST.get("resolution_date", ""),
        )
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(
            request,
            ngettext(
                "Uchwała budżetowa odnotowana przy %(n)s projekcie.",
                "Uchwała budżetowa odnotowana przy %(n)s projektach.",
                len(done),
            )
            % {"n": len(done)},
        )
    return redirect("budget:annex", year=edition.year)
