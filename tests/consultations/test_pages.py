"""Pages: who sees what, the forms and their validation messages."""

import pytest

from consultations.models import Answer, Comment
from tests.consultations.factories import force_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "state", "status"),
    [
        ("anonymous", "drafting", 404),
        ("resident", "drafting", 404),
        ("member", "drafting", 200),
        ("staff", "drafting", 200),
        ("anonymous", "comments_open", 200),
        ("resident", "adopted", 200),
    ],
)
def test_programme_page_visibility(client, request, chapter, who, state, status):
    force_state(chapter.programme, state)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(f"/konsultacje/{chapter.programme_id}/").status_code == status


def test_open_programme_has_paragraph_comment_links(client, open_programme, chapter):
    page = client.get(f"/konsultacje/{open_programme.pk}/").content.decode()
    anchor = chapter.versions.get().blocks.get(kind="goal").anchor
    assert f"?rozdzial={chapter.pk}&amp;akapit={anchor}" in page
    assert page.count("Zgłoś uwagę") >= 5
    assert f'data-stream="consultation.{open_programme.pk}"' in page


def test_comment_form_creates_a_comment(
    client, representative, organisation, open_programme, chapter
):
    client.force_login(representative)
    anchor = chapter.versions.get().blocks.get(kind="goal").anchor
    url = f"/konsultacje/{open_programme.pk}/uwagi/nowa/?rozdzial={chapter.pk}&akapit={anchor}"
    assert "Wzmocnienie sektora pozarządowego." in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "kind": "change",
            "proposed_wording": "Wzmocnienie i profesjonalizacja sektora.",
            "justification": "Zgodnie z celem V.2.",
            "organisation": organisation.pk,
            "chapter": chapter.pk,
            "anchor": anchor,
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.anchor, comment.organisation, comment.target) == (
        anchor,
        organisation,
        "paragraph",
    )


def test_comment_form_shows_messages_and_keeps_the_input(client, resident, open_programme):
    client.force_login(resident)
    response = client.post(
        f"/konsultacje/{open_programme.pk}/uwagi/nowa/",
        {"kind": "addition", "justification": "Mój ważny argument."},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Popraw zaznaczone pola." in page and "proposed_wording" in page
    assert "Mój ważny argument." in page
    assert not Comment.objects.exists()


def test_comment_form_after_the_window_says_when_it_was(client, resident, chapter):
    programme = force_state(chapter.programme, "comments_closed")
    client.force_login(resident)
    response = client.post(
        f"/konsultacje/{programme.pk}/uwagi/nowa/",
        {"kind": "general", "justification": "Za późno?"},
    )
    assert response.status_code == 400
    assert "Zbieranie uwag do tego programu nie trwa." in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("coordinator", 200), ("resident", 404), ("staff", 404)]
)
def test_answer_queue_is_for_the_coordinating_team(client, request, open_programme, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/konsultacje/{open_programme.pk}/uwagi/").status_code == status


def test_answer_form_saves_an_answer(client, coordinator, resident, open_programme):
    comment = Comment.objects.create(
        programme=open_programme,
        target="programme",
        kind="general",
        justification="x",
        author=resident,
    )
    force_state(open_programme, "answering")
    client.force_login(coordinator)
    url = f"/konsultacje/uwagi/{comment.pk}/odpowiedz/"
    empty = client.post(url, {"decision": "accepted", "reason": ""})
    assert empty.status_code == 400 and not Answer.objects.exists()
    done = client.post(url, {"decision": "accepted", "reason": "Uwzględniono w rozdziale 2."})
    assert done.status_code == 302
    assert Answer.objects.get().answered_by == coordinator
