"""What the opinion transitions entail, whichever door takes them (declared on the kind)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.meetings.models import ChapterSuggestion
from workflows.deadlines import set_deadline
from workflows.models import Deadline

from .models import Membership, OpinionVote


def settle_deadline(request, *, by, payload) -> dict:
    """The request is answered, withdrawn or recorded as unanswered, whichever the door: its
    deadline for `record_no_opinion` is spent (fire_due marks it fired when it is the door)."""

    spent = Deadline.objects.filter(
        content_type__model="opinionrequest",
        object_id=str(request.pk),
        transition="record_no_opinion",
        fired_at__isnull=True,
    ).update(fired_at=timezone.now(), outcome="settled")
    return {"deadline_settled": bool(spent)}


def record_votes(request, *, by, payload) -> dict:
    """The adoption's votes, by name, as the body's rules require them on record."""

    members = {
        m.person_id: m
        for m in Membership.objects.in_term(request.adopted_on).filter(body=request.body_id)
    }
    votes = [
        OpinionVote(request=request, membership=members[int(person)], vote=vote)
        for person, vote in (payload.get("votes") or {}).items()
    ]
    OpinionVote.objects.bulk_create(votes)
    return {
        **offer_wording(request, by=by, payload=payload),
        "votes": len(votes),
        "late": request.late,
        **settle_deadline(request, by=by, payload=payload),
    }


def offer_wording(request, *, by, payload) -> dict:
    """An opinion proposing a wording for its chapter is offered to the chapter's writers as a
    suggestion on its draft, as a sector team's consensus is (consultations.suggestion_flow)."""

    if not request.proposed_wording:
        return {}
    suggestion = ChapterSuggestion.objects.create(
        team_id=request.target.sector_team_id,
        section=request.proposed_section,
        text=request.proposed_wording,
        opinion=request,
    )
    return {"suggestion": suggestion.pk}


def schedule_close(consultation, *, by, payload) -> dict:
    """Comments close at the announced moment even if nobody presses the button."""

    set_deadline(
        consultation,
        "close",
        consultation.closes_at,
        legal_basis=_("termin zbierania uwag ogłoszony przez radę dzielnicy"),
    )
    return {"closes_at": consultation.closes_at.isoformat()}
