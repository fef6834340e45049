from django.http import Http404
from django.shortcuts import render

from workflows.parsing import parse_id

from .. import selectors
from .common import edition_or_404


def implementation_list(request, year: int):
    edition = edition_or_404(request, year)
    district = request.GET.get("dzielnica") or None
    if district not in (None, "city") and parse_id(district) is None:
        raise Http404("Nie ma takiej dzielnicy.")
    rows = selectors.implementations(edition=edition.pk, district=district)
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
