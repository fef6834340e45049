"""The staff panel: what needs the signed-in person now, and per kind every object with its
state and what the person may do now.

The buttons post to the generic `workflow-take` view, which calls `services.advance()`: the
dashboard is a reading of the engine, never a second way to change a state.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from . import overview
from .describe import describe
from .pages import Queue, queues
from .payload import with_fields
from .permissions import has_perm
from .registry import WorkflowKind, get_kind, kinds
from .rules import STAFF_ROLES

# Objects per page of a kind's full list.
PAGE_SIZE = 50


def is_staff_member(user) -> bool:
    return has_perm(user, "workflows.view_dashboard")


def _link(queue: Queue, *args) -> dict | None:
    try:
        return {"url": reverse(queue.url_name, args=args), "label": queue.label}
    except NoReverseMatch:
        return None


def queue_links(user) -> list[dict]:
    """Queues of the whole city that the user works on."""

    shown = (q for q in queues() if q.kind is None and (q.visible is None or q.visible(user)))
    links = (_link(q) for q in shown)
    return [link for link in links if link]


def object_links(kind: WorkflowKind, obj) -> list[dict]:
    """Queues that belong to one object, e.g. the answering queue of a programme."""

    links = (_link(q, q.key(obj)) for q in queues() if q.kind == kind.name)
    return [link for link in links if link]


def state_counts(kind: WorkflowKind) -> list[dict]:
    """How many objects of the kind are in each state, in the order the states are declared."""

    field = kind.model._meta.get_field(kind.state_field)
    counts = dict(kind.queryset().order_by().values_list(kind.state_field).annotate(n=Count("pk")))
    labels = dict(field.choices or [])
    order = list(labels) + sorted(set(counts) - set(labels))
    return [
        {"state": s, "label": str(labels.get(s, s)), "count": counts[s]}
        for s in order
        if counts.get(s)
    ]


def kind_section(kind: WorkflowKind, user, *, state: str = "", page: int = 1):
    """One kind: counts per state and its objects (newest first) with the user's options.

    Queries: one for the counts, one (or two with paging) for the objects; transition
    permissions reuse the user's cached groups. Conditions and visibility are the apps'.
    """

    queryset = kind.queryset().order_by("-pk")
    if state:
        queryset = queryset.filter(**{kind.state_field: state})
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(page)
    objects = list(page_obj.object_list)
    counts = state_counts(kind)
    return {
        "name": kind.name,
        "label": str(kind.label or kind.name),
        "counts": counts,
        "total": sum(c["count"] for c in counts),
        "objects": [
            {
                **with_fields(kind, describe(kind, obj, user, with_history=False)),
                "links": object_links(kind, obj),
            }
            for obj in objects
            if kind.can_view(user, obj)
        ],
        "page": page_obj,
    }


def _forbidden(request):
    return render(
        request,
        "staff/forbidden.html",
        {"roles": [role.label for role in STAFF_ROLES]},
        status=403,
    )


def overview_section(kind: WorkflowKind, user) -> dict:
    counts = state_counts(kind)
    return {
        "name": kind.name,
        "label": str(kind.label or kind.name),
        "counts": counts,
        "total": sum(c["count"] for c in counts),
        "waiting": overview.waiting(kind, user),
    }


@login_required
def dashboard(request):
    """What needs this person now; every object with its forms is on the kind's page."""

    if not is_staff_member(request.user):
        return _forbidden(request)
    sections = [
        overview_section(kind, request.user)
        for kind in sorted(kinds().values(), key=lambda k: k.name)
    ]
    return render(
        request,
        "staff/dashboard.html",
        {
            "sections": sections,
            "waiting_total": sum(s["waiting"]["count"] for s in sections),
            "deadlines": overview.deadlines(request.user),
            "queues": queue_links(request.user),
        },
    )


@login_required
def dashboard_kind(request, kind: str):
    if not is_staff_member(request.user):
        return _forbidden(request)
    kind_obj = get_kind(kind)
    if kind_obj is None:
        raise Http404(kind)
    state = request.GET.get("stan", "")
    section = kind_section(kind_obj, request.user, state=state, page=request.GET.get("strona", 1))
    return render(
        request,
        "staff/kind.html",
        {"section": section, "state": state, "queues": queue_links(request.user)},
    )
