"""Work queues: the verifier's proposals and the appeals to decide."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from workflows.permissions import has_perm

from .. import flows, selectors


@login_required
def verification_queue(request):
    if not has_perm(request.user, "budget.view_verification_queue"):
        raise PermissionDenied(flows.QUEUE_VERIFIERS_ONLY)
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
    if not has_perm(request.user, "budget.view_appeals"):
        raise PermissionDenied(flows.APPEALS_STAFF_ONLY)
    return render(
        request,
        "budget/appeals.html",
        {
            "proposals": selectors.appeals(request.user)[:200],
        },
    )
