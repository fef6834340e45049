"""REST API of meetings: every action, every transition, every refusal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.meetings.models import (
    ChapterSuggestion,
    Decision,
    Meeting,
    QueuedHand,
    Speech,
)
from workflows.models import AuditEntry, LiveEvent

pytestmark = pytest.mark.django_db


def url(meeting, tail=""):
    return f"/api/v1/meetings/{meeting.pk}/{tail}"


def error_of(response):
    return response.json()["error"]


def test_moderator_plans_a_meeting_with_an_agenda(api_as, team, moderator):
    start = timezone.now() + timedelta(days=2)
    response = api_as(moderator).post(
        "/api/v1/meetings/",
        {
            "team": team.pk,
            "title": "Spotkanie zespołu",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "online_url": "https://spotkanie.example.org/abc",
            "agenda": [{"title": "Analiza SWOT", "section": "swot"}, {"title": "Cele"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.state == "planned" and meeting.moderator == moderator
    assert [(i.position, i.section) for i in meeting.items.all()] == [(1, "swot"), (2, "")]


def test_planning_by_a_resident_is_403(api_as, team, observer):
    start = timezone.now()
    response = api_as(observer).post(
        "/api/v1/meetings/",
        {
            "team": team.pk,
            "title": "X",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "place": "Sala",
            "agenda": [{"title": "SWOT"}],
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_planning_without_place_or_link_is_400(api_as, team, moderator):
    start = timezone.now()
    response = api_as(moderator).post(
        "/api/v1/meetings/",
        {
            "team": team.pk,
            "title": "X",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "agenda": [{"title": "SWOT"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["field"] == "place"


def test_open_close_publish_through_the_engine(api_as, meeting, moderator):
    client = api_as(moderator)
    assert client.post(url(meeting, "open/")).json()["state"] == "open"
    assert client.post(url(meeting, "close/")).json()["state"] == "closed"
    assert client.post(url(meeting, "minutes/publish/")).json()["state"] == "published"
    assert list(AuditEntry.objects.filter(kind="meeting").values_list("action", flat=True)) == [
        "plan_meeting",
        "open",
        "close",
        "publish_minutes",
    ]


@pytest.mark.parametrize("tail", ["open/", "close/", "minutes/publish/"])
def test_transitions_by_a_member_are_403(api_as, meeting, member, tail):
    response = api_as(member).post(url(meeting, tail))
    # Whoever may never take the transition learns nothing of the state: 403, not 409.
    assert response.status_code == 403
    assert Meeting.objects.get().state == "planned"


def test_opening_twice_is_409(api_as, open_meeting, moderator):
    response = api_as(moderator).post(url(open_meeting, "open/"))
    assert response.status_code == 409
    assert error_of(response)["details"]["state"] == "open"


def test_meeting_without_agenda_cannot_open(api_as, meeting, moderator):
    meeting.items.all().delete()
    response = api_as(moderator).post(url(meeting, "open/"))
    assert response.status_code == 409
    assert "punkt porządku obrad" in error_of(response)["message"]


def test_generic_workflow_api_knows_meetings(api_as, meeting, member):
    body = api_as(member).get(f"/api/v1/workflows/meeting/{meeting.pk}/").json()
    assert body["state"] == "planned"
    assert body["unavailable"][0]["reasons"] == ["Tylko moderator tego spotkania może to zrobić."]


def test_whole_meeting_over_rest(api_as, open_meeting, first_item, moderator, member, expert):
    mod, part, exp = api_as(moderator), api_as(member), api_as(expert)
    assert mod.post(url(open_meeting, f"items/{first_item.pk}/open/")).status_code == 200
    assert part.post(url(open_meeting, "hand/raise/")).status_code == 200
    queue = exp.post(url(open_meeting, "hand/raise/")).json()["queue"]
    assert [q["user"]["name"] for q in queue] == ["Maria Zespołowa", "Ekspert Zaproszony"]
    floor = mod.post(url(open_meeting, "floor/"), {}, format="json").json()["floor"]
    assert floor["speaker"]["id"] == member.pk and floor["limit_seconds"] == 120
    state = part.get(url(open_meeting)).json()
    assert state["floor"]["speaker"]["id"] == member.pk
    assert [q["user"]["id"] for q in state["queue"]] == [expert.pk]
    assert state["you"] == {"id": member.pk, "role": "participant", "in_queue": False}
    response = part.post(url(open_meeting, "contributions/"), {"text": "Brak lokali"})
    assert response.status_code == 200
    response = mod.post(
        url(open_meeting, "decisions/"),
        {"outcome": "consensus", "text": "Słaba strona: brak lokali dla organizacji."},
        format="json",
    )
    assert response.status_code == 200
    assert mod.post(url(open_meeting, "floor/end/")).status_code == 200
    assert mod.post(url(open_meeting, f"items/{first_item.pk}/close/")).status_code == 200
    state = part.get(url(open_meeting)).json()
    assert state["current_item"] is None and state["floor"] is None and state["queue"] == []
    assert state["agenda"][0]["status"] == "closed"
    assert state["agenda"][0]["decisions"][0]["outcome_label"] == "konsensus osiągnięty"
    suggestion = ChapterSuggestion.objects.get()
    assert (suggestion.team, suggestion.section) == (open_meeting.team, "swot")
    types = list(
        LiveEvent.objects.filter(stream=f"meeting.{open_meeting.pk}").values_list("type", flat=True)
    )
    assert types == [
        "transition",
        "item_opened",
        "hand_raised",
        "hand_raised",
        "floor_given",
        "contribution_added",
        "decision_recorded",
        "floor_ended",
        "item_closed",
    ]


def test_floor_to_someone_not_in_queue_is_409_with_reason(api_as, item_open, moderator, member):
    meeting = item_open.meeting
    response = api_as(moderator).post(url(meeting, "floor/"), {"user": member.pk}, format="json")
    assert response.status_code == 409
    assert "nie zgłasza się do głosu" in error_of(response)["message"]
    assert not Speech.objects.exists()


def test_floor_out_of_turn_to_a_participant(api_as, item_open, moderator, expert):
    meeting = item_open.meeting
    response = api_as(moderator).post(
        url(meeting, "floor/"), {"user": expert.pk, "out_of_turn": True}, format="json"
    )
    assert response.status_code == 200
    assert Speech.objects.get().speaker == expert


def test_floor_to_a_non_participant_is_403(api_as, item_open, moderator, observer):
    meeting = item_open.meeting
    response = api_as(moderator).post(
        url(meeting, "floor/"), {"user": observer.pk, "out_of_turn": True}, format="json"
    )
    assert response.status_code == 403
    assert error_of(response)["message"] == "Głos można udzielić tylko uczestnikowi spotkania."


def test_floor_with_empty_queue_is_409(api_as, item_open, moderator):
    response = api_as(moderator).post(url(item_open.meeting, "floor/"))
    assert response.status_code == 409
    assert error_of(response)["message"] == "Nikt nie czeka w kolejce do głosu."


def test_floor_without_an_open_item_is_409(api_as, open_meeting, moderator, member):
    api_as(member).post(url(open_meeting, "hand/raise/"))
    response = api_as(moderator).post(url(open_meeting, "floor/"))
    assert response.status_code == 409
    assert error_of(response)["message"] == "Żaden punkt porządku obrad nie jest otwarty."


def test_giving_the_floor_ends_the_previous_speech(api_as, item_open, moderator, member, expert):
    meeting = item_open.meeting
    api_as(member).post(url(meeting, "hand/raise/"))
    api_as(expert).post(url(meeting, "hand/raise/"))
    api_as(moderator).post(url(meeting, "floor/"))
    api_as(moderator).post(url(meeting, "floor/"))
    first, second = Speech.objects.order_by("pk")
    assert first.speaker == member and first.ended_at == second.started_at
    assert second.speaker == expert and second.ended_at is None


def test_opening_a_second_item_while_one_is_open_is_409(api_as, item_open, moderator):
    other = item_open.meeting.items.get(position=2)
    response = api_as(moderator).post(url(item_open.meeting, f"items/{other.pk}/open/"))
    assert response.status_code == 409
    assert "Najpierw zamknij punkt" in error_of(response)["message"]


def test_a_closed_item_cannot_be_reopened(api_as, item_open, moderator):
    client = api_as(moderator)
    client.post(url(item_open.meeting, f"items/{item_open.pk}/close/"))
    response = client.post(url(item_open.meeting, f"items/{item_open.pk}/open/"))
    assert response.status_code == 409


def test_item_of_another_meeting_is_404(api_as, open_meeting, moderator, meeting):
    response = api_as(moderator).post(url(open_meeting, "items/999999/open/"))
    assert response.status_code == 404


def test_unknown_decision_outcome_is_400(api_as, item_open, moderator):
    response = api_as(moderator).post(
        url(item_open.meeting, "decisions/"), {"outcome": "vote", "text": "x"}, format="json"
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["field"] == "outcome"
    assert not Decision.objects.exists()


def test_empty_decision_text_is_400(api_as, item_open, moderator):
    response = api_as(moderator).post(
        url(item_open.meeting, "decisions/"), {"outcome": "postponed", "text": " "}, format="json"
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["field"] == "text"


def test_contribution_over_500_characters_is_400(api_as, item_open, member):
    response = api_as(member).post(url(item_open.meeting, "contributions/"), {"text": "x" * 501})
    assert response.status_code == 400


def test_postponed_decision_is_not_a_chapter_suggestion(api_as, item_open, moderator):
    api_as(moderator).post(
        url(item_open.meeting, "decisions/"),
        {"outcome": "postponed", "text": "Wrócimy do tego we wrześniu."},
        format="json",
    )
    assert Decision.objects.count() == 1 and not ChapterSuggestion.objects.exists()


def test_chapter_suggestions_are_listed_for_the_team(api_as, api, item_open, moderator, team):
    api_as(moderator).post(
        url(item_open.meeting, "decisions/"),
        {"outcome": "consensus", "text": "Mocna strona: doświadczenie organizacji."},
        format="json",
    )
    body = api.get(f"/api/v1/teams/{team.pk}/chapter-suggestions/").json()
    assert [(s["section"], s["text"]) for s in body] == [
        ("swot", "Mocna strona: doświadczenie organizacji.")
    ]


@pytest.mark.parametrize(
    ("tail", "body"),
    [
        ("hand/raise/", {}),
        ("hand/lower/", {}),
        ("floor/", {}),
        ("floor/end/", {}),
        ("decisions/", {"outcome": "consensus", "text": "x"}),
        ("contributions/", {"text": "x"}),
        ("check-in/", {}),
    ],
)
def test_actions_on_a_closed_meeting_are_409(api_as, open_meeting, moderator, tail, body):
    api_as(moderator).post(url(open_meeting, "close/"))
    response = api_as(moderator).post(url(open_meeting, tail), body, format="json")
    assert response.status_code == 409
    assert error_of(response)["details"]["state"] == "closed"


def test_actions_on_a_planned_meeting_are_409(api_as, meeting, member):
    response = api_as(member).post(url(meeting, "hand/raise/"))
    assert response.status_code == 409


def test_hand_toggle_flood_is_rate_limited(api_as, open_meeting, member):
    client = api_as(member)
    codes = [
        client.post(url(open_meeting, f"hand/{'raise' if n % 2 == 0 else 'lower'}/")).status_code
        for n in range(8)
    ]
    assert codes[:6] == [200] * 6
    assert codes[6:] == [429, 429]
    assert QueuedHand.objects.count() == 0  # the six allowed toggles ended lowered


def test_raising_a_raised_hand_changes_nothing(api_as, open_meeting, member):
    client = api_as(member)
    client.post(url(open_meeting, "hand/raise/"))
    client.post(url(open_meeting, "hand/raise/"))
    assert QueuedHand.objects.count() == 1
    assert LiveEvent.objects.filter(type="hand_raised").count() == 1


def test_meeting_list_filters_by_state(api, meeting, open_meeting):
    assert [m["id"] for m in api.get("/api/v1/meetings/?state=open").json()] == [meeting.pk]
    assert api.get("/api/v1/meetings/?state=planned").json() == []
    assert api.get("/api/v1/meetings/?state=nonsense").status_code == 400


def test_meeting_list_query_count_is_constant(api, team, moderator, django_assert_max_num_queries):
    from consultations.meetings import services
    from tests.consultations.meetings.conftest import AGENDA

    start = timezone.now()
    for n in range(6):
        services.create_meeting(
            team=team,
            by=moderator,
            title=f"Spotkanie {n}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Sala",
            agenda=AGENDA,
        )
    with django_assert_max_num_queries(2):
        body = api.get("/api/v1/meetings/").json()
    assert len(body) == 6 and body[0]["item_count"] == 3


def test_chapter_suggestions_of_an_unknown_team_are_404(api):
    # Ids no column can hold are refused by the URL resolver (tests/system/test_url_ids.py).
    response = api.get("/api/v1/teams/999999/chapter-suggestions/")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Nie ma takiego zespołu sektorowego."
