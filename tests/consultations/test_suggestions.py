"""A sector team's consensus in a meeting, offered as a change of its chapter: shown on the
draft beside the block it concerns, accepted into the next version (origin kept) or rejected
with a reason by the chapter's writers — through the page, the API and the generic engine."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.meetings import services as meetings
from consultations.meetings.models import ChapterSuggestion
from consultations.services.chapters import create_version, publish_version
from tests.consultations.factories import force_state, published_chapter
from workflows.accounts.models import Role
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

GOAL_TEXT = "Zwiększenie udziału organizacji w realizacji zadań miasta."


@pytest.fixture
def moderator(make_user, chapter):
    user = make_user(Role.MODERATOR, username="moderator")
    chapter.sector_team.moderator = user
    chapter.sector_team.save()
    return user


def suggest(chapter, moderator, section="goals", text=GOAL_TEXT) -> ChapterSuggestion:
    start = timezone.now() + timedelta(hours=1)
    meeting = meetings.create_meeting(
        team=chapter.sector_team,
        by=moderator,
        title="Spotkanie zespołu o celach",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        agenda=[{"title": "Cele współpracy", "section": section}],
        place="Urząd Miasta Krakowa, sala 201",
    )
    meetings.open_meeting(meeting=meeting, by=moderator)
    item = meeting.items.get()
    meetings.open_item(meeting=meeting, item_id=item.pk, by=moderator)
    meetings.record_decision(meeting=meeting, by=moderator, outcome="consensus", text=text)
    return ChapterSuggestion.objects.get(decision__item=item)


@pytest.fixture
def suggestion(chapter, moderator):
    return suggest(chapter, moderator)


def accept_url(suggestion):
    return f"/api/v1/consultations/suggestions/{suggestion.pk}/accept/"


def reject_url(suggestion):
    return f"/api/v1/consultations/suggestions/{suggestion.pk}/reject/"


def version_blocks(api_client, chapter, number):
    url = f"/api/v1/consultations/chapters/{chapter.pk}/versions/{number}/"
    response = api_client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("who", ["member", "moderator", "staff"])
def test_writers_accept_and_the_text_is_in_the_next_version_with_its_origin(
    api_as, request, chapter, suggestion, who
):
    client = api_as(request.getfixturevalue(who))
    response = client.post(accept_url(suggestion), {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "accepted"
    version = version_blocks(client, chapter, 2)
    assert not version["is_published"]
    assert "Spotkanie zespołu o celach" in version["note"]
    kinds = [(b["kind"], b["text"], b["suggestion"]) for b in version["blocks"]]
    # After the chapter's last goal: the section the meeting worked on.
    goal_at = [k for k, *_ in kinds].index("goal")
    assert kinds[goal_at + 1] == ("goal", GOAL_TEXT, suggestion.pk)
    assert len(kinds) == 6
    published = version_blocks(client, chapter, 1)["blocks"]
    assert GOAL_TEXT not in [b["text"] for b in published]
    log = AuditEntry.objects.filter(kind="chapter_suggestion", action="accept").get()
    assert log.payload["effect"] == {
        "chapter": chapter.pk,
        "version": 2,
        "anchor": version["blocks"][goal_at + 1]["anchor"],
    }


@pytest.mark.parametrize("who", ["member", "moderator", "staff"])
def test_writers_reject_with_a_reason(api_as, request, chapter, suggestion, who):
    response = api_as(request.getfixturevalue(who)).post(
        reject_url(suggestion), {"reason": "Cel powtarza cel strategii."}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["state"], response.json()["reason"]) == (
        "rejected",
        "Cel powtarza cel strategii.",
    )
    assert chapter.versions.count() == 1


@pytest.fixture
def outsider(make_user):
    from tests.consultations.factories import SectorTeamFactory

    user = make_user(Role.SECTOR_TEAM_MEMBER, username="other-team")
    SectorTeamFactory().members.add(user)
    return user


@pytest.mark.parametrize("who", ["resident", "coordinator", "outsider", "anonymous"])
@pytest.mark.parametrize("action", ["accept", "reject"])
def test_others_are_refused_403(api, api_as, request, suggestion, who, action):
    client = api if who == "anonymous" else api_as(request.getfixturevalue(who))
    url = accept_url(suggestion) if action == "accept" else reject_url(suggestion)
    response = client.post(url, {"reason": "Nie."}, format="json")
    assert response.status_code == 403
    if who != "anonymous":
        assert "autorzy rozdziału" in response.json()["error"]["message"]
    suggestion.refresh_from_db()
    assert suggestion.state == "open"


def test_coordinating_team_decides_while_it_writes_the_final_text(
    api_as, coordinator, chapter, suggestion
):
    force_state(chapter.programme, "answering")
    response = api_as(coordinator).post(accept_url(suggestion), {}, format="json")
    assert response.status_code == 200, response.json()
    assert chapter.versions.get(number=2).blocks.filter(suggestion=suggestion).exists()


def test_reject_without_a_reason_is_400(api_as, member, suggestion):
    for body in ({}, {"reason": "   "}):
        response = api_as(member).post(reject_url(suggestion), body, format="json")
        assert response.status_code == 400
        assert response.json()["error"]["details"]["field"] == "reason"
    suggestion.refresh_from_db()
    assert suggestion.state == "open"


@pytest.mark.parametrize(
    ("first", "then"), [("accept", "reject"), ("reject", "accept"), ("accept", "accept")]
)
def test_a_decided_suggestion_is_409(api_as, member, suggestion, first, then):
    client = api_as(member)
    urls = {"accept": accept_url(suggestion), "reject": reject_url(suggestion)}
    assert client.post(urls[first], {"reason": "Nie."}, format="json").status_code == 200
    response = client.post(urls[then], {"reason": "Nie."}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["details"]["state"] == (
        "accepted" if first == "accept" else "rejected"
    )


def test_accept_in_place_of_a_block_of_the_open_draft(api_as, member, chapter, suggestion):
    draft = create_version(by=member, chapter=chapter)
    goal = draft.blocks.get(kind="goal")
    response = api_as(member).post(accept_url(suggestion), {"anchor": goal.anchor}, format="json")
    assert response.status_code == 200, response.json()
    goal.refresh_from_db()
    assert (goal.text, goal.suggestion_id) == (GOAL_TEXT, suggestion.pk)
    assert chapter.versions.count() == 2  # the open draft took it, no third version


def test_an_unknown_block_or_kind_is_400_and_nothing_changes(api_as, member, chapter, suggestion):
    client = api_as(member)
    for body in ({"anchor": "p-nieznany"}, {"kind": "wstep"}, {"anchor": 7}):
        assert client.post(accept_url(suggestion), body, format="json").status_code == 400
    suggestion.refresh_from_db()
    assert suggestion.state == "open" and chapter.versions.count() == 1


def test_no_chapter_being_written_is_409_with_the_reason(api_as, staff, chapter, suggestion):
    force_state(chapter.programme, "comments_open")
    response = api_as(staff).post(accept_url(suggestion), {}, format="json")
    assert response.status_code == 409
    assert "rozdziału" in response.json()["error"]["message"]


def test_the_generic_workflow_api_gives_the_same_result(api_as, member, chapter, suggestion):
    url = f"/api/v1/workflows/chapter_suggestion/{suggestion.pk}/transitions/accept/"
    assert api_as(member).post(url, {}, format="json").status_code == 200
    assert chapter.versions.get(number=2).blocks.get(suggestion=suggestion).text == GOAL_TEXT


def test_origin_stays_when_the_draft_is_saved_and_in_the_version_after(
    api_as, member, chapter, suggestion
):
    api_as(member).post(accept_url(suggestion), {}, format="json")
    draft = chapter.versions.get(number=2)
    blocks = [{"anchor": b.anchor, "kind": b.kind, "text": b.text} for b in draft.blocks.all()]
    response = api_as(member).put(
        f"/api/v1/consultations/chapters/{chapter.pk}/versions/2/",
        {"blocks": blocks, "note": "Poprawki redakcyjne."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    publish_version(by=member, version=draft)
    third = create_version(by=member, chapter=chapter)
    assert third.blocks.get(suggestion=suggestion).text == GOAL_TEXT


def test_suggestions_are_listed_with_the_chapter_in_constant_queries(
    api_as, member, chapter, suggestion
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as(member)
    url = f"/api/v1/consultations/chapters/{chapter.pk}/suggestions/"
    client.get(url)  # caches warmed (content types), as on a running server
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    suggest(chapter, suggestion.team.moderator, section="actions", text="Nowe działanie.")
    suggest(chapter, suggestion.team.moderator, section="swot", text="Nowa szansa.")
    with CaptureQueriesContext(connection) as three:
        body = client.get(url).json()
    assert len(three) == len(one)
    assert [(s["text"], s["state"]) for s in body] == [
        (GOAL_TEXT, "open"),
        ("Nowe działanie.", "open"),
        ("Nowa szansa.", "open"),
    ]
    assert body[0]["minutes_url"] == f"/spotkania/{body[0]['meeting']}/protokol/"


# --- the draft page ---------------------------------------------------------------------------


def test_draft_page_shows_the_suggestion_beside_its_block_with_the_minutes(
    client, member, chapter, suggestion
):
    client.force_login(member)
    page = client.get(f"/konsultacje/rozdzialy/{chapter.pk}/szkic/").content.decode()
    assert GOAL_TEXT in page
    meeting = suggestion.decision.item.meeting_id
    assert f'href="/spotkania/{meeting}/protokol/"' in page
    # Inside the goal block's fieldset (the 4th block), not before the rows.
    goal_row = page.split("Blok 4")[1].split("</fieldset>")[0]
    assert GOAL_TEXT in goal_row and "Przyjmij do szkicu" in goal_row
    assert f'action="/konsultacje/propozycje/{suggestion.pk}/przyjecie/"' in page


def test_draft_page_accept_button(client, member, chapter, suggestion):
    client.force_login(member)
    response = client.post(f"/konsultacje/propozycje/{suggestion.pk}/przyjecie/", {"anchor": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/konsultacje/rozdzialy/{chapter.pk}/szkic/"
    page = client.get(response["Location"]).content.decode()
    assert "Przyjęto propozycję" in page and "Przyjmij do szkicu" not in page
    assert chapter.versions.get(number=2).blocks.filter(suggestion=suggestion).exists()


def test_draft_page_reject_needs_a_reason(client, member, chapter, suggestion):
    client.force_login(member)
    url = f"/konsultacje/propozycje/{suggestion.pk}/odrzucenie/"
    page = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Podaj uzasadnienie" in page
    suggestion.refresh_from_db()
    assert suggestion.state == "open"
    client.post(url, {"reason": "Poza zakresem rozdziału."})
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.reason) == ("rejected", "Poza zakresem rozdziału.")


def test_draft_page_buttons_refuse_others_403(client, resident, suggestion):
    client.force_login(resident)
    for action in ("przyjecie", "odrzucenie"):
        response = client.post(
            f"/konsultacje/propozycje/{suggestion.pk}/{action}/", {"reason": "x"}
        )
        assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.state == "open"


def test_published_chapter_shows_the_origin_of_an_accepted_block(
    client, member, chapter, suggestion
):
    from consultations.services.suggestions import accept_suggestion

    accept_suggestion(by=member, suggestion=suggestion)
    publish_version(by=member, version=chapter.versions.get(number=2))
    force_state(chapter.programme, "comments_open")
    page = client.get(f"/konsultacje/{chapter.programme_id}/").content.decode()
    meeting = suggestion.decision.item.meeting_id
    assert GOAL_TEXT in page and f"/spotkania/{meeting}/protokol/" in page


def test_a_suggestion_of_another_programme_cycle_is_not_offered(client, member, chapter, moderator):
    newer = published_chapter()
    newer.sector_team = chapter.sector_team
    newer.programme.year_from = newer.programme.year_to = 2028
    newer.programme.save()
    newer.save()
    suggest(chapter, moderator)
    client.force_login(member)
    old_page = client.get(f"/konsultacje/rozdzialy/{chapter.pk}/szkic/").content.decode()
    assert GOAL_TEXT not in old_page
