"""Standing bodies meet in the meeting room: the chair moderates, members in term vote by
name, a resolution or an opinion passes only with the quorum and the body's majority."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from bodies.models import Majority, OpinionState
from consultations.meetings import services
from consultations.meetings.events import EVENT_KEYS
from consultations.meetings.models import Decision, Meeting, Motion, MotionVote
from tests.bodies.factories import MembershipFactory
from tests.consultations.factories import force_state
from workflows.accounts.models import Role
from workflows.models import LiveEvent

pytestmark = pytest.mark.django_db

AGENDA = [{"title": "Opinia o rozdziale programu"}, {"title": "Sprawy różne"}]


def url(meeting, tail=""):
    return f"/api/v1/meetings/{meeting.pk}/{tail}"


def plan(api_as, user, **host):
    start = timezone.now() + timedelta(hours=1)
    return api_as(user).post(
        "/api/v1/meetings/",
        {
            **host,
            "title": "Posiedzenie Komisji Dialogu Obywatelskiego",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "place": "Urząd Miasta Krakowa, sala 201",
            "agenda": AGENDA,
        },
        format="json",
    )


@pytest.fixture
def body_meeting(api_as, staff, commission):
    response = plan(api_as, staff, body=commission.pk)
    assert response.status_code == 201, response.content
    return Meeting.objects.get(pk=response.json()["id"])


@pytest.fixture
def in_session(api_as, body_meeting, commission):
    """The chair has opened the meeting and the first item."""

    chair = api_as(commission.people["chair"])
    assert chair.post(url(body_meeting, "open/")).status_code == 200
    item = body_meeting.items.get(position=1)
    assert chair.post(url(body_meeting, f"items/{item.pk}/open/")).status_code == 200
    return body_meeting


def attend(api_as, meeting, *people):
    for person in people:
        assert api_as(person).post(url(meeting, "check-in/")).status_code == 200


def put(api_as, meeting, user, **fields):
    return api_as(user).post(
        url(meeting, "votes/"), {"text": "Uchwała w sprawie planu pracy", **fields}, format="json"
    )


def vote(api_as, meeting, user, value):
    return api_as(user).post(url(meeting, "votes/cast/"), {"vote": value}, format="json")


def close(api_as, meeting, user):
    return api_as(user).post(url(meeting, "votes/close/"))


# Planning


def test_staff_plan_a_body_meeting_moderated_by_its_chair(body_meeting, commission):
    assert body_meeting.body == commission and body_meeting.team is None
    assert body_meeting.moderator == commission.people["chair"]


def test_the_chair_may_plan_the_body_s_meeting(api_as, commission):
    response = plan(api_as, commission.people["chair"], body=commission.pk)
    assert response.status_code == 201
    assert response.json()["body"] == {"id": commission.pk, "name": commission.name}
    assert response.json()["team"] is None


def test_a_member_may_not_plan_the_body_s_meeting(api_as, commission):
    response = plan(api_as, commission.people["m1"], body=commission.pk)
    assert response.status_code == 403
    assert "przewodniczący lub sekretarz" in response.json()["error"]["message"]


def test_a_meeting_needs_exactly_one_host(api_as, staff, commission):
    from consultations.models import SectorTeam

    team = SectorTeam.objects.create(name="Zespół ds. kultury", slug="kultura")
    assert plan(api_as, staff).status_code == 400
    assert plan(api_as, staff, body=commission.pk, team=team.pk).status_code == 400


def test_the_database_refuses_a_meeting_of_nobody(body_meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=body_meeting.pk).update(body=None)


def test_a_body_out_of_term_cannot_meet(api_as, staff, commission):
    commission.term_start, commission.term_end = date(2019, 1, 1), date(2023, 12, 31)
    commission.save()
    response = plan(api_as, staff, body=commission.pk)
    assert response.status_code == 400
    assert "Kadencja" in response.json()["error"]["message"]


# Who takes part


def test_members_in_term_take_part_and_others_observe(api_as, body_meeting, commission, make_user):
    stranger = make_user(Role.RESIDENT)
    member = api_as(commission.people["m1"]).get(url(body_meeting)).json()
    assert member["you"]["role"] == "participant"
    assert api_as(stranger).get(url(body_meeting)).json()["you"]["role"] == "observer"
    chair = api_as(commission.people["chair"]).get(url(body_meeting)).json()
    assert chair["you"]["role"] == "moderator"


def test_only_the_chair_moderates(api_as, body_meeting, commission):
    assert api_as(commission.people["m1"]).post(url(body_meeting, "open/")).status_code == 403


# Votes: who may


def test_only_the_moderator_puts_a_matter_to_the_vote(api_as, in_session, commission):
    response = put(api_as, in_session, commission.people["m1"])
    assert response.status_code == 403
    assert put(api_as, in_session, commission.people["chair"]).status_code == 200


def test_a_team_meeting_has_no_votes(api_as, make_user):
    # Sector teams decide by consensus: there is no vote to open in their meetings.
    from consultations.models import SectorTeam

    moderator = make_user(Role.MODERATOR)
    team = SectorTeam.objects.create(name="Zespół ds. kultury", slug="kultura", moderator=moderator)
    start = timezone.now()
    meeting = services.create_meeting(
        team=team,
        by=moderator,
        title="Spotkanie zespołu",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="Sala 1",
        agenda=AGENDA,
    )
    services.open_meeting(meeting=meeting, by=moderator)
    services.open_item(meeting=meeting, item_id=meeting.items.first().pk, by=moderator)
    assert put(api_as, meeting, moderator).status_code == 409


def test_a_vote_needs_an_open_item(api_as, body_meeting, commission):
    chair = commission.people["chair"]
    api_as(chair).post(url(body_meeting, "open/"))
    response = put(api_as, body_meeting, chair)
    assert response.status_code == 409


def test_one_vote_at_a_time(api_as, in_session, commission):
    chair = commission.people["chair"]
    put(api_as, in_session, chair)
    assert put(api_as, in_session, chair).status_code == 409


def test_a_member_votes_once(api_as, in_session, commission):
    put(api_as, in_session, commission.people["chair"])
    assert vote(api_as, in_session, commission.people["m1"], "for").status_code == 200
    again = vote(api_as, in_session, commission.people["m1"], "against")
    assert again.status_code == 409
    assert MotionVote.objects.get().vote == "for"


def test_an_unknown_vote_is_400(api_as, in_session, commission):
    put(api_as, in_session, commission.people["chair"])
    assert vote(api_as, in_session, commission.people["m1"], "maybe").status_code == 400


def test_a_non_member_cannot_vote(api_as, in_session, commission, make_user):
    put(api_as, in_session, commission.people["chair"])
    response = vote(api_as, in_session, make_user(Role.RESIDENT), "for")
    assert response.status_code == 403
    assert "tylko członkowie" in response.json()["error"]["message"]


def test_a_member_outside_their_term_cannot_vote(api_as, in_session, commission, make_user):
    former = make_user(Role.RESIDENT, username="former")
    MembershipFactory(
        body=commission, person=former, term_start=date(2020, 1, 1), term_end=date(2023, 12, 31)
    )
    put(api_as, in_session, commission.people["chair"])
    response = vote(api_as, in_session, former, "for")
    assert response.status_code == 403
    assert "31.12.2023" in response.json()["error"]["message"]
    assert not MotionVote.objects.exists()


def test_a_member_whose_term_has_not_begun_cannot_vote(api_as, in_session, commission, make_user):
    future = make_user(Role.RESIDENT, username="future")
    start = timezone.localdate() + timedelta(days=30)
    MembershipFactory(body=commission, person=future, term_start=start)
    put(api_as, in_session, commission.people["chair"])
    response = vote(api_as, in_session, future, "for")
    assert response.status_code == 403
    assert start.strftime("%d.%m.%Y") in response.json()["error"]["message"]


def test_only_the_moderator_closes_the_vote(api_as, in_session, commission):
    put(api_as, in_session, commission.people["chair"])
    assert close(api_as, in_session, commission.people["m1"]).status_code == 403
    assert close(api_as, in_session, commission.people["chair"]).status_code == 200


def test_closing_with_no_vote_open_is_409(api_as, in_session, commission):
    assert close(api_as, in_session, commission.people["chair"]).status_code == 409


def test_a_result_cannot_be_recorded_by_hand(api_as, in_session, commission):
    response = api_as(commission.people["chair"]).post(
        url(in_session, "decisions/"), {"outcome": "adopted", "text": "Przyjęto"}, format="json"
    )
    assert response.status_code == 400


# Quorum and majority arithmetic (five members: the quorum is three)


def run_vote(api_as, meeting, commission, votes: dict[str, str]):
    people = commission.people
    put(api_as, meeting, people["chair"])
    for name, value in votes.items():
        assert vote(api_as, meeting, people[name], value).status_code == 200
    response = close(api_as, meeting, people["chair"])
    assert response.status_code == 200
    return Motion.objects.get(pk=response.json()["vote"]["id"])


def test_without_a_quorum_nothing_passes(api_as, in_session, commission):
    motion = run_vote(api_as, in_session, commission, {"chair": "for", "m1": "for"})
    assert motion.carried is False
    assert motion.decision.outcome == "rejected"
    assert "Brak kworum: obecnych 2 z 5" in motion.decision.text


def test_present_members_count_towards_the_quorum_without_voting(api_as, in_session, commission):
    attend(api_as, in_session, commission.people["m2"])
    motion = run_vote(api_as, in_session, commission, {"chair": "for", "m1": "against"})
    # Three present, one for and one against: a simple majority needs more for than against.
    assert motion.carried is False
    assert "1 za, 1 przeciw" in motion.decision.text


def test_a_simple_majority_carries_a_resolution(api_as, in_session, commission):
    motion = run_vote(
        api_as, in_session, commission, {"chair": "for", "m1": "for", "m2": "against"}
    )
    assert motion.carried is True
    decision = Decision.objects.get(pk=motion.decision_id)
    assert decision.outcome == "adopted"
    assert "za 2, przeciw 1" in decision.text
    assert motion.votes.count() == 3


def test_an_absolute_majority_counts_abstentions(api_as, in_session, commission):
    commission.majority = Majority.ABSOLUTE
    commission.save()
    votes = {"chair": "for", "m1": "for", "m2": "against", "m3": "abstain"}
    assert run_vote(api_as, in_session, commission, votes).carried is False


def test_a_statutory_majority_counts_the_whole_body(api_as, in_session, commission):
    commission.majority = Majority.STATUTORY
    commission.save()
    two = run_vote(api_as, in_session, commission, {"chair": "for", "m1": "for", "m2": "abstain"})
    assert two.carried is False  # two of five is not more than half the body
    votes = {"chair": "for", "m1": "for", "secretary": "for"}
    three = run_vote(api_as, in_session, commission, votes)
    assert three.carried is True  # three of five
    assert MotionVote.objects.filter(motion=three).count() == 3


def test_a_custom_quorum_is_rounded_up(api_as, in_session, commission):
    commission.quorum_percent = 60  # 60% of five: three
    commission.save()
    assert run_vote(api_as, in_session, commission, {"chair": "for", "m1": "for"}).carried is False


# Events


def test_vote_events_carry_their_keys(api_as, in_session, commission):
    run_vote(api_as, in_session, commission, {"chair": "for", "m1": "for", "m2": "for"})
    events = LiveEvent.objects.filter(stream=f"meeting.{in_session.pk}", type__startswith="vote_")
    seen = [e.type for e in events.order_by("seq")]
    assert seen == ["vote_opened", "vote_cast", "vote_cast", "vote_cast", "vote_closed"]
    for event in events:
        assert set(event.payload) == EVENT_KEYS[event.type]


# Opinions adopted in a meeting


@pytest.fixture
def chapter_opinion(commission, ask):
    from tests.consultations.factories import ProgrammeFactory, published_chapter

    programme = ProgrammeFactory()
    chapter = published_chapter(programme)
    return ask(commission, chapter)


def put_opinion(api_as, meeting, user, opinion, stance="with_remarks", **fields):
    return put(
        api_as,
        meeting,
        user,
        kind="opinion",
        opinion=opinion.pk,
        stance=stance,
        text="Komisja opiniuje rozdział pozytywnie, z uwagą do celu 2.",
        **fields,
    )


def test_a_carried_opinion_is_the_body_s_opinion_on_the_object(
    api_as, in_session, commission, chapter_opinion
):
    people = commission.people
    assert put_opinion(api_as, in_session, people["chair"], chapter_opinion).status_code == 200
    for name, value in [("chair", "for"), ("m1", "for"), ("m2", "for"), ("m3", "against")]:
        vote(api_as, in_session, people[name], value)
    assert close(api_as, in_session, people["chair"]).status_code == 200
    chapter_opinion.refresh_from_db()
    assert chapter_opinion.state == OpinionState.ADOPTED
    assert chapter_opinion.procedure == "meeting" and chapter_opinion.stance == "with_remarks"
    assert (chapter_opinion.present_count, chapter_opinion.members_count) == (4, 5)
    assert (chapter_opinion.votes_for, chapter_opinion.votes_against) == (3, 1)
    by_name = {v.membership.person.username: v.vote for v in chapter_opinion.votes.all()}
    assert by_name == {"chair": "for", "m1": "for", "m2": "for", "m3": "against"}


def test_an_opinion_that_fails_stays_requested(api_as, in_session, commission, chapter_opinion):
    people = commission.people
    put_opinion(api_as, in_session, people["chair"], chapter_opinion)
    vote(api_as, in_session, people["chair"], "for")
    close(api_as, in_session, people["chair"])
    chapter_opinion.refresh_from_db()
    assert chapter_opinion.state == OpinionState.REQUESTED
    assert Motion.objects.get().carried is False


def test_an_opinion_asked_of_another_body_is_404(api_as, in_session, commission, rdpp, ask):
    from tests.consultations.factories import ProgrammeFactory

    other = ask(rdpp, ProgrammeFactory())
    response = put_opinion(api_as, in_session, commission.people["chair"], other)
    assert response.status_code == 404


def test_an_opinion_needs_a_stance(api_as, in_session, commission, chapter_opinion):
    response = put_opinion(api_as, in_session, commission.people["chair"], chapter_opinion, "")
    assert response.status_code == 400


def test_an_opinion_already_adopted_cannot_be_voted_again(
    api_as, in_session, commission, chapter_opinion
):
    people = commission.people
    put_opinion(api_as, in_session, people["chair"], chapter_opinion)
    for name in ("chair", "m1", "m2"):
        vote(api_as, in_session, people[name], "for")
    close(api_as, in_session, people["chair"])
    again = put_opinion(api_as, in_session, people["chair"], chapter_opinion)
    assert again.status_code == 404


def test_the_opinion_appears_on_the_chapter_in_the_programme_page(
    api_as, client, in_session, commission, chapter_opinion, django_assert_max_num_queries
):
    people = commission.people
    put_opinion(api_as, in_session, people["chair"], chapter_opinion)
    for name in ("chair", "m1", "m2"):
        vote(api_as, in_session, people[name], "for")
    close(api_as, in_session, people["chair"])
    chapter = chapter_opinion.target
    force_state(chapter.programme, "comments_open")
    page = client.get(f"/konsultacje/{chapter.programme_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "z uwagą do celu 2" in html and commission.name in html


def test_the_minutes_record_the_roll_call(api_as, in_session, commission):
    run_vote(api_as, in_session, commission, {"chair": "for", "m1": "against", "m2": "abstain"})
    chair = api_as(commission.people["chair"])
    assert chair.post(url(in_session, "close/")).status_code == 200
    text = chair.get(url(in_session, "minutes/")).json()["text"]
    assert f"Organ: {commission.name}" in text
    assert "Głosowanie imienne: Uchwała w sprawie planu pracy" in text
    assert "- m1: przeciw" in text and "- m2: wstrzymuje się" in text


def adopt_in_meeting(api_as, meeting, commission, opinion):
    people = commission.people
    assert put_opinion(api_as, meeting, people["chair"], opinion).status_code == 200
    for name in ("chair", "m1", "m2"):
        vote(api_as, meeting, people[name], "for")
    assert close(api_as, meeting, people["chair"]).status_code == 200
    opinion.refresh_from_db()


def test_an_opinion_adopted_on_time_is_not_late(api_as, in_session, commission, chapter_opinion):
    adopt_in_meeting(api_as, in_session, commission, chapter_opinion)
    assert chapter_opinion.state == OpinionState.ADOPTED and chapter_opinion.late is False


def test_an_opinion_adopted_after_no_answer_was_recorded_is_late(
    api_as, in_session, commission, chapter_opinion
):
    import time_machine

    from workflows.deadlines import fire_due

    after_due = timezone.now() + timedelta(days=15)
    with time_machine.travel(after_due):
        fire_due()
        chapter_opinion.refresh_from_db()
        assert chapter_opinion.state == OpinionState.NOT_GIVEN
        adopt_in_meeting(api_as, in_session, commission, chapter_opinion)
    assert chapter_opinion.state == OpinionState.ADOPTED and chapter_opinion.late is True
