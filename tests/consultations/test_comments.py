"""Comments and answers through the API: the window, bad input, who may do what."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Answer, Comment
from consultations.services.chapters import create_version, publish_version
from tests.consultations.factories import BLOCKS, OrganisationFactory, force_state, setup_staff
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db


def comments_url(programme):
    return f"/api/v1/consultations/programmes/{programme.pk}/comments/"


def answer_url(comment):
    return f"/api/v1/consultations/comments/{comment.pk}/answer/"


def valid(**extra):
    return {
        "kind": "change",
        "proposed_wording": "Nowe brzmienie.",
        "justification": "Bo tak.",
        **extra,
    }


def test_resident_comments_on_a_paragraph(api_as, resident, open_programme, chapter):
    block = chapter.versions.get().blocks.get(kind="action")
    response = api_as(resident).post(
        comments_url(open_programme), valid(chapter=chapter.pk, anchor=block.anchor), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["author"], body["target"], body["quoted_text"]) == (
        "mieszkaniec",
        "action",
        "Małe granty dla młodych organizacji.",
    )


def test_representative_comments_for_their_organisation(
    api_as, representative, organisation, open_programme
):
    response = api_as(representative).post(
        comments_url(open_programme), valid(organisation=organisation.pk), format="json"
    )
    assert response.status_code == 201
    assert response.json()["author"] == "Fundacja Wspólny Kraków"


def test_comment_for_someone_elses_organisation_is_403(api_as, representative, open_programme):
    other = OrganisationFactory(name="Stowarzyszenie Obce")
    response = api_as(representative).post(
        comments_url(open_programme), valid(organisation=other.pk), format="json"
    )
    assert response.status_code == 403
    assert "Stowarzyszenie Obce" in response.json()["error"]["message"]
    assert not Comment.objects.exists()


def test_anonymous_comment_is_403(api, open_programme):
    assert api.post(comments_url(open_programme), valid(), format="json").status_code == 403


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"justification": ""}, "justification"),
        ({"justification": "   "}, "justification"),
        ({"justification": "x" * 10_001}, "justification"),
        ({"proposed_wording": ""}, "proposed_wording"),
        ({"proposed_wording": "y" * 10_001}, "proposed_wording"),
        ({"kind": "rant"}, "kind"),
        ({"anchor": "p-nieznany"}, "anchor"),  # an anchor needs its chapter
        ({"chapter": "abc"}, "chapter"),
    ],
)
def test_bad_comment_is_400_naming_the_field(api_as, resident, open_programme, change, field):
    response = api_as(resident).post(comments_url(open_programme), valid(**change), format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not Comment.objects.exists()


def test_comment_of_exactly_10000_characters_is_taken(api_as, resident, open_programme):
    response = api_as(resident).post(
        comments_url(open_programme), valid(justification="z" * 10_000), format="json"
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("state", "opens", "closes"),
    [
        ("comments_open", -10, -1),  # window over, scheduler has not closed it yet
        ("drafts_published", 1, 15),  # window not yet open
        ("comments_closed", -10, -1),
        ("answering", -10, -1),
    ],
)
def test_comment_outside_the_window_is_409_with_the_window(
    api_as, resident, chapter, state, opens, closes
):
    now = timezone.now()
    programme = force_state(
        chapter.programme,
        state,
        comments_open_at=now + timedelta(days=opens),
        comments_close_at=now + timedelta(days=closes),
    )
    response = api_as(resident).post(comments_url(programme), valid(), format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "outside_window"
    assert error["details"]["closes_at"]
    assert not Comment.objects.exists()


def test_comment_in_the_window_before_the_scheduler_opened_it(api_as, resident, chapter):
    programme = force_state(chapter.programme, "drafts_published")
    response = api_as(resident).post(comments_url(programme), valid(), format="json")
    assert response.status_code == 201


def test_script_in_a_comment_is_stored_as_text_and_escaped(
    api_as, client, resident, open_programme
):
    evil = '<script>alert("x")</script>'
    api_as(resident).post(comments_url(open_programme), valid(justification=evil), format="json")
    assert Comment.objects.get().justification == evil
    page = client.get(f"/konsultacje/{open_programme.pk}/").content.decode()
    assert evil not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.fixture
def answering(open_programme, resident):
    comment = Comment.objects.create(
        programme=open_programme,
        target="programme",
        kind="general",
        justification="x",
        author=resident,
    )
    force_state(open_programme, "answering")
    return comment


def test_coordinating_team_answers(api_as, coordinator, answering):
    response = api_as(coordinator).post(
        answer_url(answering),
        {"decision": "partly", "reason": "Uwzględniono w części."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["answer"]["decision_label"] == "uwzględniona częściowo"


def test_member_of_the_programmes_coordinating_team_answers(api_as, make_user, answering):
    user = make_user(Role.ORGANISATION_REP, username="ngo-coordinator")
    answering.programme.coordinating_team.members.add(user)
    response = api_as(user).post(
        answer_url(answering), {"decision": "accepted", "reason": "Tak."}, format="json"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "role", [Role.RESIDENT, Role.COUNCIL_STAFF, Role.MODERATOR, Role.ORGANISATION_REP]
)
def test_answer_by_anyone_else_is_403(api_as, make_user, answering, role):
    response = api_as(make_user(role)).post(
        answer_url(answering), {"decision": "rejected", "reason": "Nie."}, format="json"
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_answer_outside_answering_is_409(api_as, coordinator, resident, open_programme):
    comment = Comment.objects.create(
        programme=open_programme,
        target="programme",
        kind="general",
        justification="x",
        author=resident,
    )
    response = api_as(coordinator).post(
        answer_url(comment), {"decision": "accepted", "reason": "Tak."}, format="json"
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "maybe", "reason": "x"}, "decision"),
        ({"decision": "accepted", "reason": ""}, "reason"),
    ],
)
def test_bad_answer_is_400(api_as, coordinator, answering, body, field):
    response = api_as(coordinator).post(answer_url(answering), body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field


def test_queue_filters(api_as, coordinator, answering, representative, organisation):
    Comment.objects.create(
        programme=answering.programme,
        target="programme",
        kind="general",
        justification="y",
        author=representative,
        organisation=organisation,
    )
    client = api_as(coordinator)
    url = comments_url(answering.programme)
    assert client.get(url).json()["count"] == 2
    assert client.get(url, {"organisation": organisation.pk}).json()["count"] == 1
    client.post(answer_url(answering), {"decision": "accepted", "reason": "Tak."}, format="json")
    unanswered = client.get(url, {"unanswered": "true"}).json()
    assert [c["author"] for c in unanswered["results"]] == ["Fundacja Wspólny Kraków"]


# Versions: published text is immutable, anchors survive, diffs are readable.


def test_published_version_cannot_be_edited(api_as, staff, chapter):
    force_state(chapter.programme, "drafting")
    url = f"/api/v1/consultations/chapters/{chapter.pk}/versions/1/"
    response = api_as(staff).put(url, {"blocks": [{"kind": "text", "text": "Nowe"}]}, format="json")
    assert response.status_code == 409
    assert "utwórz nową wersję" in response.json()["error"]["message"]
    assert chapter.versions.get().blocks.count() == len(BLOCKS)


def test_anchor_survives_edits_of_other_paragraphs(api_as, member, chapter, resident):
    programme = force_state(chapter.programme, "drafting")
    old = chapter.versions.get()
    action = old.blocks.get(kind="action")
    client = api_as(member)
    draft = client.post(f"/api/v1/consultations/chapters/{chapter.pk}/versions/", {}, format="json")
    assert draft.status_code == 201
    blocks = draft.json()["blocks"]
    blocks.insert(0, {"kind": "text", "text": "Nowy akapit na początku."})
    blocks[2]["text"] = "Zmieniona mocna strona."
    put = client.put(
        f"/api/v1/consultations/chapters/{chapter.pk}/versions/2/",
        {"blocks": blocks},
        format="json",
    )
    assert put.status_code == 200, put.json()
    assert (
        client.post(f"/api/v1/consultations/chapters/{chapter.pk}/versions/2/publish/").status_code
        == 200
    )
    new_action = chapter.versions.get(number=2).blocks.get(kind="action")
    assert new_action.anchor == action.anchor and new_action.position == action.position + 1
    diff = client.get(
        f"/api/v1/consultations/chapters/{chapter.pk}/diff/", {"from": 1, "to": 2}
    ).json()
    assert "+[akapit] Nowy akapit na początku." in diff["lines"]
    assert "-[mocna strona] Duża liczba aktywnych organizacji." in diff["lines"]
    assert programme.pk


def test_outsider_cannot_draft_a_chapter(api_as, make_user, chapter):
    force_state(chapter.programme, "drafting")
    outsider = make_user(Role.SECTOR_TEAM_MEMBER, username="other-team")
    response = api_as(outsider).post(
        f"/api/v1/consultations/chapters/{chapter.pk}/versions/", {}, format="json"
    )
    assert response.status_code in (403, 404)
    assert chapter.versions.count() == 1


def test_drafts_are_not_public(api, chapter):
    force_state(chapter.programme, "drafting")
    version = create_version(by=setup_staff(), chapter=chapter)
    publish_version(by=setup_staff(), version=version)
    assert api.get(f"/api/v1/consultations/programmes/{chapter.programme_id}/").status_code == 404
