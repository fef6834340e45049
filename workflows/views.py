"""Pages of the engine: home, and any workflow object's state, options and history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from . import diagram_svg, payload
from .api import find_object
from .describe import describe
from .errors import NotFound, NotPermitted, WorkflowError
from .feed import recent_changes
from .pages import home_panels
from .redirects import safe_next
from .selectors import labelled_history
from .services import advance
from .transitions import ensure_may_take


def home(request):
    panels = [{"template": p.template, "data": p.data(request)} for p in home_panels()]
    return render(request, "home.html", {"panels": panels, **_feed(request)})


def changes(request):
    """The "what changed" list alone, for the home page to refresh when an event arrives."""

    return render(request, "_feed_list.html", _feed(request))


def _feed(request) -> dict:
    entries = recent_changes(request.user)
    return {"changes": entries, "change_streams": sorted({c.stream for c in entries})}


def _object_or_404(kind: str, pk: int, user):
    try:
        return find_object(kind, pk, user)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def workflow_object(request, kind: str, pk: int):
    kind_obj, obj = _object_or_404(kind, pk, request.user)
    return render(
        request,
        "workflows/object.html",
        {
            "info": payload.with_fields(
                kind_obj, describe(kind_obj, obj, request.user, with_history=False)
            ),
            "history": labelled_history(obj),
            "diagram": diagram_svg.layout(kind_obj, kind_obj.state_of(obj)),
        },
    )


@login_required
@require_POST
def take_transition(request, kind: str, pk: int, name: str):
    _, obj = _object_or_404(kind, pk, request.user)
    back = reverse("workflow-object", args=[kind, pk])
    try:
        # Before the form (its `next` too) is read: whoever may never take it is refused.
        ensure_may_take(obj, name, request.user)
    except NotPermitted as exc:
        messages.error(request, exc.message)
        return redirect(back)
    try:
        advance(
            obj,
            name,
            by=request.user,
            reason=request.POST.get("reason", "")[:2000],
            **payload.from_post(request.POST),
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("Zmieniono stan."))
    return redirect(safe_next(request, back))
