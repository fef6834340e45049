"""The bodies' demo: the RDPP, three Civic Dialogue Commissions and the 18 district councils,
with meetings held in the meeting room and opinions adopted there by vote."""

import io

import pytest
from django.core.management import call_command

from bodies.models import (
    Body,
    BodyKind,
    ConsultationState,
    DistrictComment,
    DistrictConsultation,
    OpinionState,
)
from consultations.meetings.models import ChapterSuggestion, Meeting, MeetingState, Motion

pytestmark = pytest.mark.django_db


def test_the_demo_bodies_meet_and_adopt_opinions_by_vote():
    call_command("load_demo", stdout=io.StringIO())
    assert Body.objects.filter(kind=BodyKind.RDPP).count() == 1
    assert Body.objects.filter(kind=BodyKind.DIALOGUE_COMMISSION).count() == 3
    councils = Body.objects.filter(kind=BodyKind.DISTRICT_COUNCIL)
    assert councils.count() == 18
    held = Meeting.objects.filter(body__in=councils, state=MeetingState.PUBLISHED)
    assert held.values("body").distinct().count() == 18
    chapters = Motion.objects.filter(kind="opinion", opinion__content_type__model="chapter")
    assert chapters.filter(carried=True, opinion__state=OpinionState.ADOPTED).count() == 2
    # Their opinions propose a wording for the chapter: offered on its draft as a suggestion.
    offered = ChapterSuggestion.objects.filter(opinion__isnull=False)
    assert offered.count() == 2 and {s.section for s in offered} == {"actions"}
    # One commission meets soon: its opinion on its chapter is still to be voted.
    planned = Meeting.objects.get(
        body__kind=BodyKind.DIALOGUE_COMMISSION, state=MeetingState.PLANNED
    )
    assert planned.body.opinion_requests.get().state == OpinionState.REQUESTED
    proposals = Motion.objects.filter(opinion__content_type__model="proposal", carried=True)
    assert proposals.exists()

    # Each council consults its priorities for next year with its residents.
    consultations = DistrictConsultation.objects.filter(state=ConsultationState.OPEN)
    assert consultations.values("body").distinct().count() == 18
    assert DistrictComment.objects.exists()

    meetings = Meeting.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Meeting.objects.count() == meetings
    assert ChapterSuggestion.objects.filter(opinion__isnull=False).count() == 2
    assert DistrictConsultation.objects.count() == 18
