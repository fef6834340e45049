"""The staff dashboard: every workflow object, its state, what the signed-in person may do now.

The buttons post to the generic `workflow-take` view, which calls `services.advance()`: the
dashboard is a reading of the engine, never a second way to change a state.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .accounts.models import Role
from .accounts.roles import has_role, is_council_staff
from .describe import describe
from .payload import with_fields
from .registry import WorkflowKind, get_kind, kinds


def _year(edition) -> int:
    return edition.year


# Roles that run the processes; everyone else gets a 403 page that says so.
STAFF_ROLES = (Role.COUNCIL_STAFF, Role.COORDINATING_TEAM, Role.VERIFIER, Role.ADMINISTRATOR)
# Objects per kind on the overview; a kind's own page pages through the rest.
OVERVIEW_LIMIT = 20
PAGE_SIZE = 50


@dataclass(frozen=True)
class Queue:
    url_name: str
    label: str
    # The workflow kind whose objects each have such a queue (e.g. a programme's answering
    # queue); None for a queue of the whole city. `key` gives the URL argument.
    kind: str | None = None
    key: Callable[[Any], Any] = attrgetter("pk")
    # Who sees the link (user -> bool); every staff role when None. The page checks again.
    visible: Callable[[Any], bool] | None = None


# The apps' own work queues, linked when their URL exists (apps land at different times).
QUEUES = (
    Queue("consultations:programme-new", _("Nowy program współpracy"), visible=is_council_staff),
    Queue("meeting-new", _("Zaplanuj spotkanie zespołu"), visible=is_council_staff),
    Queue("consultations:queue", _("Kolejka odpowiedzi na uwagi"), kind="programme"),
    Queue("consultations:timeline", _("Harmonogram do 30 listopada"), kind="programme"),
    Queue("budget:queue", _("Kolejka weryfikacji wniosków")),
    Queue("budget:appeals", _("Odwołania")),
    Queue("budget:paper", _("Karty papierowe"), "edition", _year),
    Queue("results:edition", _("Publikacja wyników"), "edition", _year),
    Queue("budget:implementation", _("Realizacja projektów"), "edition", _year),
)


def is_staff_member(user) -> bool:
    return any(has_role(user, role) for role in STAFF_ROLES)


def _link(queue: Queue, *args) -> dict | None:
    try:
        return {"url": reverse(queue.url_name, args=args), "label": queue.label}
    except NoReverseMatch:
        return None


def queue_links(user) -> list[dict]:
    """Queues of the whole city that the user works on."""

    shown = (q for q in QUEUES if q.kind is None and (q.visible is None or q.visible(user)))
    links = (_link(q) for q in shown)
    return [link for link in links if link]


def object_links(kind: WorkflowKind, obj) -> list[dict]:
    """Queues that belong to one object, e.g. the answering queue of a programme."""

    links = (_link(q, q.key(obj)) for q in QUEUES if q.kind == kind.name)
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


def kind_section(kind: WorkflowKind, user, *, state: str = "", page: int = 1, limit: int = 0):
    """One kind: counts per state and its objects (newest first) with the user's options.

    Queries: one for the counts, one (or two with paging) for the objects; transition
    permissions reuse the user's cached groups. Conditions and visibility are the apps'.
    """

    queryset = kind.queryset().order_by("-pk")
    if state:
        queryset = queryset.filter(**{kind.state_field: state})
    page_obj = None
    if limit:
        objects = list(queryset[:limit])
    else:
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


@login_required
def dashboard(request):
    if not is_staff_member(request.user):
        return _forbidden(request)
    sections = [
        kind_section(kind, request.user, limit=OVERVIEW_LIMIT)
        for kind in sorted(kinds().values(), key=lambda k: k.name)
    ]
    return render(
        request,
        "staff/dashboard.html",
        {"sections": sections, "queues": queue_links(request.user), "limit": OVERVIEW_LIMIT},
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
