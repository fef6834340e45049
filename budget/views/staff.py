"""Work queues: the verifier's proposals and the appeals to decide."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors


@login_required
def verification_queue(request):
    return render(
        request,
        "budget/queue.html",
        {
            "proposals": selectors.verification_queue(request.user)[:200],
            "units": selectors.units_of(request.user),
        },
    )


@login_required
def appeals(request):
    return render(
        request,
        "budget/appeals.html",
        {
            "proposals": selectors.appeals(request.user)[:200],
        },
    )
