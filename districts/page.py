"""The district page: its council, the council's meetings, consultations and opinions, and
the district's civic-budget projects with their results."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from bodies.models import ConsultationState, Membership
from budget import selectors as budget_selectors
from budget.models import ProposalState
from consultations.meetings.models import Meeting

from .models import District
from .selectors import council_body

SHOWN_PER_EDITION = 50
SHOWN_MEETINGS = 20


def district_page(request, pk: int):
    district = District.objects.select_related("city").filter(pk=pk).first()
    if district is None:
        raise Http404(_("Nie ma takiej dzielnicy."))
    council = council_body(district.pk)
    members = (
        Membership.objects.filter(body=council).select_related("person", "organisation")
        if council
        else Membership.objects.none()
    )
    opinions = (
        council.opinion_requests.select_related("content_type").order_by("-requested_at")[:20]
        if council
        else []
    )
    meetings = (
        Meeting.objects.filter(body=council).order_by("-starts_at")[:SHOWN_MEETINGS]
        if council
        else []
    )
    consultations = council.consultations.exclude(state=ConsultationState.DRAFT) if council else []
    projects = budget_selectors.filter_proposals(
        budget_selectors.proposals(user=request.user), district=district.pk
    ).order_by("-edition__year", "title")[:SHOWN_PER_EDITION]
    return render(
        request,
        "districts/district.html",
        {
            "district": district,
            "council": council,
            "members": members,
            "opinions": opinions,
            "meetings": meetings,
            "consultations": consultations,
            "may_consult": bool(council)
            and request.user.has_perm("bodies.run_consultation", council),
            "projects": projects,
            "selected_states": {
                ProposalState.SELECTED,
                ProposalState.IN_IMPLEMENTATION,
                ProposalState.COMPLETED,
            },
        },
    )
