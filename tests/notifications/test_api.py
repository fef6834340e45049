"""The notification centre's API: my notices (paged, unread filter, constant queries),
marking them read, my settings, my follows; only for the signed-in person."""

import pytest

from notifications.models import Follow, Mode, Notification, Preference, Subscriber

pytestmark = pytest.mark.django_db

API = "/api/v1/notifications/"


def notice(user, n: int, *, read: bool = False) -> Notification:
    from django.utils import timezone

    return Notification.objects.create(
        recipient=user,
        event="comment_answered",
        key=f"test:{n}",
        params={"title": f"Program {n}", "decision": "uwzględniona"},
        url=f"/konsultacje/{n}/",
        mail_mode=Mode.NEVER,
        read_at=timezone.now() if read else None,
    )


@pytest.fixture
def mine(resident):
    return [notice(resident, n, read=n % 3 == 0) for n in range(1, 7)]


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", API),
        ("post", API + "read/"),
        ("post", API + "1/read/"),
        ("get", API + "settings/"),
        ("patch", API + "settings/"),
        ("get", API + "follows/"),
        ("put", API + "follows/programme/1/"),
        ("delete", API + "follows/programme/1/"),
    ],
)
def test_anonymous_people_are_refused(api, method, url):
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"]


def test_my_notices_newest_first_with_their_text(api_as, resident, mine, make_user):
    notice(make_user(), 99)  # someone else's
    response = api_as(resident).get(API)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    assert [n["id"] for n in body["results"]] == [n.pk for n in reversed(mine)]
    first = body["results"][0]
    assert first["text"].startswith(
        "Zespół koordynujący odpowiedział na Twoją uwagę do „Program 6”"
    )
    assert first["url"] == "/konsultacje/6/"
    assert first["read"] is True


def test_the_unread_filter_and_pages(api_as, resident, mine):
    unread = api_as(resident).get(API, {"unread": "true", "limit": 2}).json()
    assert unread["count"] == 4
    assert len(unread["results"]) == 2
    assert all(not n["read"] for n in unread["results"])
    assert unread["next"]
    read = api_as(resident).get(API, {"unread": "false"}).json()
    assert sorted(n["id"] for n in read["results"]) == [mine[2].pk, mine[5].pk]


@pytest.mark.parametrize("query", [{"unread": "maybe"}, {"limit": "0"}, {"offset": "-1"}])
def test_bad_list_parameters_are_400(api_as, resident, query):
    response = api_as(resident).get(API, query)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_the_list_takes_the_same_queries_for_few_and_many(
    api_as, resident, django_assert_max_num_queries
):
    client = api_as(resident)
    notice(resident, 1)
    with django_assert_max_num_queries(3) as few:
        client.get(API)
    for n in range(2, 40):
        notice(resident, n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(API).json()["results"]) == 39


def test_marking_one_notice_read(api_as, resident, mine):
    response = api_as(resident).post(f"{API}{mine[0].pk}/read/")
    assert response.status_code == 200
    assert response.json() == {"marked": 1, "unread": 3}
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None


def test_someone_elses_notice_is_404_and_stays_unread(api_as, resident, make_user):
    theirs = notice(make_user(), 1)
    response = api_as(resident).post(f"{API}{theirs.pk}/read/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_all_read(api_as, resident, mine, make_user):
    theirs = notice(make_user(), 99)
    response = api_as(resident).post(API + "read/")
    assert response.json() == {"marked": 4, "unread": 0}
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_reading_and_changing_my_settings(api_as, resident):
    client = api_as(resident)
    before = client.get(API + "settings/").json()
    assert before["language"] == "pl"
    modes = {e["code"]: e["mode"] for e in before["events"]}
    assert modes["comment_answered"] == Mode.IMMEDIATELY
    # Staff-only events are not offered to a resident.
    assert "queue_waiting" not in modes
    response = client.patch(
        API + "settings/",
        {"events": {"comment_answered": "digest"}, "language": "en"},
        format="json",
    )
    assert response.status_code == 200
    after = {e["code"]: e["mode"] for e in response.json()["events"]}
    assert after["comment_answered"] == Mode.DIGEST
    assert response.json()["language"] == "en"
    assert Preference.objects.get(user=resident, event="comment_answered").mode == Mode.DIGEST
    assert Subscriber.objects.get(user=resident).language == "en"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"events": {"comment_answered": "hourly"}}, "comment_answered"),
        ({"events": {"no_such_event": "never"}}, "no_such_event"),
        ({"events": ["comment_answered"]}, "events"),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_settings_are_400_and_change_nothing(api_as, resident, body, field):
    response = api_as(resident).patch(API + "settings/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert response.json()["error"]["details"]["field"] == field
    assert not Preference.objects.filter(user=resident).exists()
    assert not Subscriber.objects.filter(user=resident).exists()


def test_following_and_unfollowing_a_programme(api_as, resident, open_programme):
    client = api_as(resident)
    url = f"{API}follows/programme/{open_programme.pk}/"
    response = client.put(url)
    assert response.status_code == 200
    assert response.json()["target"] == "programme"
    assert client.put(url).status_code == 200  # twice is once
    listed = client.get(API + "follows/").json()
    assert [(f["target"], f["id"]) for f in listed["results"]] == [("programme", open_programme.pk)]
    assert client.delete(url).status_code == 204
    assert not Follow.objects.filter(user=resident).exists()


def test_following_what_one_may_not_see_or_what_does_not_exist_is_404(api_as, resident, programme):
    client = api_as(resident)
    assert programme.state == "draft"  # not public yet
    assert client.put(f"{API}follows/programme/{programme.pk}/").status_code == 404
    assert client.put(f"{API}follows/planet/{programme.pk}/").status_code == 404
    assert client.put(f"{API}follows/programme/{programme.pk + 1000}/").status_code == 404
    assert not Follow.objects.exists()
