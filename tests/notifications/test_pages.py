"""Pages: the notification centre, the header count, settings and the follow buttons."""

import pytest

from notifications import dispatch
from notifications.models import Follow, Mode, Notification, Preference
from tests.budget.factories import ProposalFactory
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db


def tell(users, key):
    dispatch.notify(users, "voting_opened", key, None, {"title": "Budżet 2031"})


def test_the_centre_needs_a_login(client):
    response = client.get("/powiadomienia/")
    assert response.status_code == 302 and "next=/powiadomienia/" in response["Location"]


def test_the_centre_lists_my_notices_and_the_header_counts_them(client, resident, make_user):
    other = make_user()
    tell([resident, other], "a")
    tell([resident], "b")
    client.force_login(resident)
    page = client.get("/powiadomienia/").content.decode()
    assert page.count("Rozpoczęło się głosowanie w edycji „Budżet 2031”.") == 2
    assert "data-unread>2<" in page


def test_marking_one_and_then_all_read(client, resident):
    tell([resident], "a")
    tell([resident], "b")
    client.force_login(resident)
    first = Notification.objects.filter(recipient=resident).first()
    assert client.post("/powiadomienia/", {"notice": first.pk}).status_code == 302
    assert Notification.objects.filter(recipient=resident, read_at__isnull=True).count() == 1
    client.post("/powiadomienia/")
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()
    assert "data-unread>0<" in client.get("/powiadomienia/").content.decode()


@pytest.mark.parametrize("notice", ["other", "abc", "99999999"])
def test_marking_someone_elses_or_no_notice_is_404(client, resident, make_user, notice):
    other = make_user()
    tell([other], "a")
    client.force_login(resident)
    value = Notification.objects.get().pk if notice == "other" else notice
    assert client.post("/powiadomienia/", {"notice": value}).status_code == 404
    assert Notification.objects.get().read_at is None


def test_the_centre_lists_in_constant_queries(client, resident, django_assert_max_num_queries):
    for n in range(30):
        tell([resident], f"k{n}")
    client.force_login(resident)
    with django_assert_max_num_queries(8):
        assert client.get("/powiadomienia/").status_code == 200


def test_settings_are_saved_and_a_bad_mode_is_400(client, resident):
    client.force_login(resident)
    page = client.get("/powiadomienia/ustawienia/").content.decode()
    assert "event-proposal_rejected" in page and "event-queue_waiting" not in page  # staff only
    response = client.post(
        "/powiadomienia/ustawienia/", {"event-proposal_rejected": "digest", "language": "en"}
    )
    assert response.status_code == 302
    assert Preference.objects.get(user=resident, event="proposal_rejected").mode == Mode.DIGEST
    assert (
        client.post("/powiadomienia/ustawienia/", {"event-voting_opened": "sometimes"}).status_code
        == 400
    )
    assert client.post("/powiadomienia/ustawienia/", {"event-nothing": "never"}).status_code == 400
    assert client.post("/powiadomienia/ustawienia/", {"language": "xx"}).status_code == 400


def test_staff_see_staff_events_in_settings(client, make_user):
    client.force_login(make_user(Role.COUNCIL_STAFF))
    assert "event-queue_waiting" in client.get("/powiadomienia/ustawienia/").content.decode()


def test_follow_and_unfollow_a_proposal_from_its_page(client, resident, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    page = f"/budzet/projekty/{proposal.pk}/"
    client.force_login(resident)
    assert "Obserwuj" in client.get(page).content.decode()
    url = f"/obserwuj/proposal/{proposal.pk}/"
    assert client.post(url, {"next": page}).status_code == 302
    assert client.post(url, {"next": page}).status_code == 302  # twice: still one follow
    assert Follow.objects.get(user=resident).subject == proposal
    assert "Obserwujesz" in client.get(page).content.decode()
    client.post(url, {"action": "unfollow", "next": page})
    assert not Follow.objects.exists()


def test_following_needs_a_login(client, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    response = client.post(f"/obserwuj/proposal/{proposal.pk}/")
    assert response.status_code == 302 and not Follow.objects.exists()
    assert (
        "Zaloguj się, aby obserwować"
        in client.get(f"/budzet/projekty/{proposal.pk}/").content.decode()
    )


@pytest.mark.parametrize("target", ["draft", "unknown-kind", "missing"])
def test_following_what_one_may_not_see_is_404(client, resident, author, submission, target):
    _, city, _ = submission
    draft = ProposalFactory(pool=city, author=author, state="draft")
    url = {
        "draft": f"/obserwuj/proposal/{draft.pk}/",
        "unknown-kind": f"/obserwuj/ballot/{draft.pk}/",
        "missing": "/obserwuj/proposal/99999999/",
    }[target]
    client.force_login(resident)
    assert client.post(url).status_code == 404
    assert not Follow.objects.exists()


def test_follow_buttons_on_edition_programme_and_chapters(
    client, resident, submission, programme, chapter
):
    from tests.consultations.factories import force_state

    edition, _, _ = submission
    force_state(programme, "comments_open")
    client.force_login(resident)
    assert "/obserwuj/edition/" in client.get(f"/budzet/{edition.year}/").content.decode()
    page = client.get(f"/konsultacje/{programme.pk}/").content.decode()
    assert f"/obserwuj/programme/{programme.pk}/" in page
    assert f"/obserwuj/chapter/{chapter.pk}/" in page
    client.post(f"/obserwuj/chapter/{chapter.pk}/")
    assert Follow.objects.get().subject == chapter
