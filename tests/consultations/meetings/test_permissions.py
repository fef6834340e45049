"""Who may do what in a meeting, role by role; and two moderator tabs at the same instant."""

import threading

import pytest
from django.db import connection

from consultations.meetings import services
from consultations.meetings.models import QueuedHand, Speech
from workflows.errors import WorkflowError

ROLES = ["moderator", "member", "expert", "org_rep", "observer"]
PARTICIPANTS = {"moderator", "member", "expert", "org_rep"}


@pytest.fixture
def people(moderator, member, expert, org_rep, observer):
    return {
        "moderator": moderator,
        "member": member,
        "expert": expert,
        "org_rep": org_rep,
        "observer": observer,
    }


MODERATOR_ACTIONS = {
    "open_item": lambda item, user: (
        f"items/{item.meeting.items.get(position=2).pk}/open/",
        {},
    ),
    "close_item": lambda item, user: (f"items/{item.pk}/close/", {}),
    "give_floor": lambda item, user: ("floor/", {}),
    "record_decision": lambda item, user: ("decisions/", {"outcome": "consensus", "text": "x"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(MODERATOR_ACTIONS))
def test_moderator_actions_per_role(api_as, item_open, people, member, role, action):
    services.raise_hand(meeting=item_open.meeting, user=member)
    if action == "open_item":
        services.close_item(meeting=item_open.meeting, by=item_open.meeting.moderator)
    tail, body = MODERATOR_ACTIONS[action](item_open, people[role])
    response = api_as(people[role]).post(
        f"/api/v1/meetings/{item_open.meeting.pk}/{tail}", body, format="json"
    )
    assert response.status_code == (200 if role == "moderator" else 403), response.content


PARTICIPANT_ACTIONS = {
    "hand/raise/": {},
    "contributions/": {"text": "Uwaga do analizy SWOT"},
    "check-in/": {},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("tail", sorted(PARTICIPANT_ACTIONS))
def test_participant_actions_per_role(api_as, item_open, people, role, tail):
    response = api_as(people[role]).post(
        f"/api/v1/meetings/{item_open.meeting.pk}/{tail}", PARTICIPANT_ACTIONS[tail], format="json"
    )
    assert response.status_code == (200 if role in PARTICIPANTS else 403), response.content


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_watch(api_as, open_meeting, people, role):
    response = api_as(people[role]).get(f"/api/v1/meetings/{open_meeting.pk}/")
    assert response.status_code == 200
    expected = {"moderator": "moderator", "observer": "observer"}.get(role, "participant")
    assert response.json()["you"]["role"] == expected


@pytest.mark.django_db
def test_only_the_speaker_or_moderator_ends_a_speech(api_as, item_open, member, expert):
    services.raise_hand(meeting=item_open.meeting, user=member)
    services.give_floor(meeting=item_open.meeting, by=item_open.meeting.moderator)
    url = f"/api/v1/meetings/{item_open.meeting.pk}/floor/end/"
    assert api_as(expert).post(url).status_code == 403
    assert api_as(member).post(url).status_code == 200


def run_at_once(*calls):
    """Run calls in threads released together; return their results or refusals."""

    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(n, call):
        try:
            barrier.wait()
            results[n] = call()
        except WorkflowError as exc:
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_moderator_tabs_give_the_floor_at_once(on_postgres, item_open, member, expert):
    meeting = item_open.meeting
    services.raise_hand(meeting=meeting, user=member)
    services.raise_hand(meeting=meeting, user=expert)
    give = lambda: services.give_floor(meeting=meeting.pk, by=meeting.moderator)  # noqa: E731
    results = run_at_once(give, give)
    assert all(isinstance(r, Speech) for r in results)
    assert [s.speaker for s in Speech.objects.order_by("pk")] == [member, expert]
    assert Speech.objects.filter(ended_at__isnull=True).count() == 1
    assert not QueuedHand.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_tabs_giving_one_person_the_floor_refuse_the_second(
    on_postgres, item_open, member, expert
):
    meeting = item_open.meeting
    services.raise_hand(meeting=meeting, user=member)
    services.raise_hand(meeting=meeting, user=expert)
    give = lambda: services.give_floor(  # noqa: E731
        meeting=meeting.pk, by=meeting.moderator, to=member.pk
    )
    results = run_at_once(give, give)
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Speech"]
    assert Speech.objects.get().speaker == member
    assert list(QueuedHand.objects.values_list("user", flat=True)) == [expert.pk]
