"""A body's opinion on a chapter that proposes a wording: offered on the chapter's draft as a
suggestion linked to the opinion, decided by the chapter's writers like a team's consensus."""

import pytest

from bodies.models import OpinionState
from consultations.meetings.models import ChapterSuggestion, Meeting
from consultations.services.chapters import publish_version
from tests.bodies.test_body_meetings import close, plan, put_opinion, url, vote
from tests.bodies.test_opinions import adopt_url, adoption
from tests.consultations.factories import force_state, published_chapter
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db

WORDING = "Cel 2: zwiększenie liczby organizacji realizujących zadania miasta o 10%."
VOTES = {"chair": "for", "secretary": "for", "m1": "for"}


@pytest.fixture
def chapter(programme):
    return programme.chapters.get()


@pytest.fixture
def writer(make_user, chapter):
    user = make_user(Role.SECTOR_TEAM_MEMBER, username="writer")
    chapter.sector_team.members.add(user)
    return user


@pytest.fixture
def in_session(api_as, staff, commission):
    """The commission's meeting, opened by its chair with its first item open."""

    meeting = Meeting.objects.get(pk=plan(api_as, staff, body=commission.pk).json()["id"])
    chair = api_as(commission.people["chair"])
    assert chair.post(url(meeting, "open/")).status_code == 200
    item = meeting.items.get(position=1)
    assert chair.post(url(meeting, f"items/{item.pk}/open/")).status_code == 200
    return meeting


def adopt(api_as, commission, opinion, **fields):
    payload = adoption(commission, list(VOTES), VOTES, **fields)
    return api_as(commission.people["chair"]).post(adopt_url(opinion), payload, format="json")


def test_an_opinion_proposing_a_wording_is_offered_on_the_draft_linking_the_opinion(
    api_as, client, commission, chapter, writer, ask
):
    opinion = ask(commission, chapter)
    response = adopt(api_as, commission, opinion, wording=WORDING, section="goals")
    assert response.status_code == 200, response.json()
    suggestion = ChapterSuggestion.objects.get()
    assert (suggestion.opinion_id, suggestion.decision_id) == (opinion.pk, None)
    assert (suggestion.state, suggestion.section, suggestion.text) == ("open", "goals", WORDING)
    assert suggestion.team_id == chapter.sector_team_id
    listed = api_as(writer).get(
        "/api/v1/bodies/opinions/", {"kind": "chapter", "object_id": chapter.pk}
    )
    [shown] = listed.json()
    assert (shown["proposed_wording"], shown["proposed_section"]) == (WORDING, "goals")

    client.force_login(writer)
    page = client.get(f"/konsultacje/rozdzialy/{chapter.pk}/szkic/").content.decode()
    aside = page.split(f'id="propozycja-{suggestion.pk}"')[1].split("</aside>")[0]
    assert WORDING in aside and commission.name in aside
    assert f'href="/organy/opinie/{opinion.pk}/"' in aside and "/protokol/" not in aside

    listed = api_as(writer).get(f"/api/v1/consultations/chapters/{chapter.pk}/suggestions/")
    [row] = listed.json()
    assert (row["opinion"], row["opinion_url"]) == (opinion.pk, f"/organy/opinie/{opinion.pk}/")
    assert (row["meeting"], row["minutes_url"]) == (None, None)


def test_accepting_it_puts_the_wording_into_the_next_version_with_its_origin(
    api_as, client, commission, chapter, writer, ask
):
    opinion = ask(commission, chapter)
    adopt(api_as, commission, opinion, wording=WORDING, section="goals")
    suggestion = ChapterSuggestion.objects.get()
    url = f"/api/v1/consultations/suggestions/{suggestion.pk}/accept/"
    response = api_as(writer).post(url, {}, format="json")
    assert response.status_code == 200, response.json()
    draft = chapter.versions.get(number=2)
    assert draft.blocks.get(suggestion=suggestion).text == WORDING
    assert commission.name in draft.note

    publish_version(by=writer, version=draft)
    force_state(chapter.programme, "comments_open")
    page = client.get(f"/konsultacje/{chapter.programme_id}/").content.decode()
    origin = page.split(WORDING)[1].split("</p>")[0]
    assert f'href="/organy/opinie/{opinion.pk}/"' in origin and commission.name in origin


def test_an_opinion_without_a_wording_offers_nothing(api_as, commission, chapter, ask):
    opinion = ask(commission, chapter)
    assert adopt(api_as, commission, opinion).status_code == 200
    assert adopt(api_as, commission, ask(commission, chapter), wording="  ").status_code == 200
    assert not ChapterSuggestion.objects.exists()


def test_a_wording_on_an_object_that_is_not_a_chapter_is_400_naming_the_field(
    api_as, commission, programme, ask
):
    opinion = ask(commission, programme)
    response = adopt(api_as, commission, opinion, wording=WORDING)
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "wording"
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.REQUESTED
    assert not ChapterSuggestion.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"wording": WORDING, "section": "preamble"}, "section"),
        ({"section": "goals"}, "section"),
        ({"wording": 12}, "wording"),
    ],
)
def test_a_bad_wording_or_section_is_400_naming_the_field(
    api_as, commission, chapter, ask, fields, field
):
    opinion = ask(commission, chapter)
    response = adopt(api_as, commission, opinion, **fields)
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not ChapterSuggestion.objects.exists()


def test_the_page_form_takes_the_wording_on_a_chapter_only(
    client, commission, chapter, programme, ask
):
    people = commission.people
    client.force_login(people["chair"])
    on_chapter, on_programme = ask(commission, chapter), ask(commission, programme)
    assert "proponowany zapis" in client.get(f"/organy/opinie/{on_chapter.pk}/").content.decode()
    assert "proponowany zapis" not in (
        client.get(f"/organy/opinie/{on_programme.pk}/").content.decode()
    )
    form = {
        "text": "Komisja opiniuje rozdział pozytywnie z uwagą.",
        "stance": "with_remarks",
        "procedure": "meeting",
        "adopted_on": on_chapter.requested_at.date().isoformat(),
        "wording": WORDING,
        "section": "actions",
        **{f"vote_{person.pk}": VOTES.get(name, "absent") for name, person in people.items()},
    }
    response = client.post(f"/organy/opinie/{on_chapter.pk}/", form)
    assert response.status_code == 302, response.context["form"].errors
    suggestion = ChapterSuggestion.objects.get()
    assert (suggestion.opinion_id, suggestion.section, suggestion.text) == (
        on_chapter.pk,
        "actions",
        WORDING,
    )
    page = client.get(f"/organy/opinie/{on_chapter.pk}/").content.decode()
    assert WORDING in page


def test_an_opinion_carried_in_a_meeting_vote_offers_its_wording(
    api_as, in_session, commission, chapter, ask
):
    opinion = ask(commission, chapter)
    people = commission.people
    put = put_opinion(api_as, in_session, people["chair"], opinion, wording=WORDING)
    assert put.status_code == 200, put.json()
    for name, value in [("chair", "for"), ("m1", "for"), ("m2", "for")]:
        vote(api_as, in_session, people[name], value)
    assert close(api_as, in_session, people["chair"]).status_code == 200
    suggestion = ChapterSuggestion.objects.get()
    assert (suggestion.opinion_id, suggestion.text) == (opinion.pk, WORDING)


def test_a_meeting_vote_with_a_wording_on_another_object_is_400_before_it_opens(
    api_as, in_session, commission, programme, ask
):
    opinion = ask(commission, programme)
    put = put_opinion(api_as, in_session, commission.people["chair"], opinion, wording=WORDING)
    assert put.status_code == 400
    assert put.json()["error"]["details"]["field"] == "wording"
    assert not in_session.motions.exists()


def test_the_meeting_room_form_puts_an_opinion_with_its_wording_to_the_vote(
    api_as, client, in_session, commission, chapter, ask
):
    opinion = ask(commission, chapter)
    people = commission.people
    client.force_login(people["chair"])
    assert 'name="wording"' in client.get(f"/spotkania/{in_session.pk}/").content.decode()
    form = {
        "kind": "opinion",
        "opinion": opinion.pk,
        "stance": "with_remarks",
        "text": "Komisja opiniuje rozdział z uwagą do celów.",
        "wording": WORDING,
        "section": "goals",
    }
    client.post(f"/spotkania/{in_session.pk}/czynnosc/put_to_vote/", form)
    motion = in_session.motions.get()
    assert (motion.wording, motion.section) == (WORDING, "goals")
    for name in ("chair", "m1", "m2"):
        vote(api_as, in_session, people[name], "for")
    assert close(api_as, in_session, people["chair"]).status_code == 200
    suggestion = ChapterSuggestion.objects.get()
    assert (suggestion.opinion_id, suggestion.section) == (opinion.pk, "goals")


def test_an_opinion_on_last_cycle_s_chapter_is_not_offered_on_this_one(
    api_as, client, commission, chapter, writer, ask
):
    opinion = ask(commission, chapter)
    adopt(api_as, commission, opinion, wording=WORDING)
    newer = published_chapter()
    newer.sector_team = chapter.sector_team
    newer.save()
    newer.programme.year_from = newer.programme.year_to = chapter.programme.year_from + 1
    newer.programme.save()
    client.force_login(writer)
    page = client.get(f"/konsultacje/rozdzialy/{newer.pk}/szkic/").content.decode()
    assert WORDING not in page
    suggestion = ChapterSuggestion.objects.get()
    url = f"/api/v1/consultations/suggestions/{suggestion.pk}/accept/"
    assert api_as(writer).post(url, {}, format="json").status_code == 409
    assert not newer.versions.filter(blocks__suggestion=suggestion).exists()
