"""The city's calendar: a month page, a list, filters, and .ics feeds that parse back."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from notifications.ics import feed_token
from notifications.models import Follow
from tests.consultations.factories import force_state

pytestmark = pytest.mark.django_db


def parse(response) -> dict[str, object]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def listed(response) -> str:
    """The entries' list only (the filter's options name every process)."""

    page = response.content.decode()
    return page[page.index('<ul class="calendar-list">') :]


def month_of(moment) -> dict:
    local = timezone.localtime(moment)
    return {"year": local.year, "month": local.month}


def test_the_month_shows_every_kind_of_dated_step(client, submission, meeting, programme):
    edition, _, _ = submission
    force_state(programme, "comments_open")
    voting = edition.phases.get(kind="submission")
    page = client.get("/kalendarz/", month_of(voting.opens_at)).content.decode()
    assert f"{edition.title}: zgłaszanie projektów" in page
    now_page = client.get("/kalendarz/", month_of(timezone.now())).content.decode()
    assert f"Spotkanie: {meeting.title}" in now_page
    assert "zbieranie uwag" in now_page


def test_filters_by_process_and_district(client, submission, meeting, edition_in):
    edition, _, district_pool = submission
    other, _, _ = edition_in("submission", "submission")
    params = {**month_of(timezone.now()), "view": "list"}
    page = listed(client.get("/kalendarz/", {**params, "process": "budget"}))
    assert edition.title in page and meeting.title not in page
    page = listed(client.get("/kalendarz/", {**params, "process": f"edition-{edition.pk}"}))
    assert edition.title in page and other.title not in page
    page = listed(client.get("/kalendarz/", {**params, "district": district_pool.district_id}))
    assert edition.title in page and other.title not in page and meeting.title in page


@pytest.mark.parametrize(
    "query", [{"process": "nothing"}, {"district": "x"}, {"month": "13"}, {"view": "week"}]
)
def test_a_bad_filter_is_400(client, query):
    assert client.get("/kalendarz/", query).status_code == 400
    assert client.get("/kalendarz.ics", {"process": "nothing"}).status_code == 400


def test_the_page_reads_in_constant_queries(
    client, submission, edition_in, django_assert_max_num_queries
):
    for _ in range(5):
        edition_in("submission", "submission")
    with django_assert_max_num_queries(12):
        assert client.get("/kalendarz/", {"view": "list"}).status_code == 200


def test_the_feed_parses_back_and_follows_a_date_change(client, submission):
    edition, _, _ = submission
    phase = edition.phases.get(kind="voting")
    events = parse(client.get("/kalendarz.ics", {"process": f"edition-{edition.pk}"}))
    event = events[f"phase-{phase.pk}@wspolnota"]
    assert event["DTSTART"].dt == phase.opens_at.replace(microsecond=0)  # RFC 5545: seconds
    assert str(event["SUMMARY"]) == f"{edition.title}: głosowanie"
    moved = phase.opens_at + timedelta(days=3)
    phase.opens_at = moved
    phase.save()
    events = parse(client.get("/kalendarz.ics", {"process": f"edition-{edition.pk}"}))
    assert events[f"phase-{phase.pk}@wspolnota"]["DTSTART"].dt == moved.replace(microsecond=0)


def test_a_draft_edition_is_not_in_the_feed(client, edition_in):
    draft, _, _ = edition_in("draft", None)
    assert not any(
        draft.title in str(e["SUMMARY"]) for e in parse(client.get("/kalendarz.ics")).values()
    )


def test_my_feed_has_what_i_follow_without_a_session(
    client, resident, submission, edition_in, meeting
):
    edition, _, _ = submission
    other, _, _ = edition_in("submission", "submission")
    Follow.objects.create(user=resident, subject=edition)
    events = parse(client.get(f"/kalendarz/moj/{feed_token(resident)}.ics"))
    titles = {str(e["SUMMARY"]) for e in events.values()}
    assert any(edition.title in t for t in titles)
    assert not any(other.title in t for t in titles) and f"Spotkanie: {meeting.title}" not in titles


def test_a_tampered_feed_url_is_404(client, resident):
    token = feed_token(resident)
    assert client.get(f"/kalendarz/moj/{token[:-3]}abc.ics").status_code == 404


def test_settings_show_my_feed_address(client, resident):
    client.force_login(resident)
    page = client.get("/powiadomienia/ustawienia/").content.decode()
    assert f"/kalendarz/moj/{feed_token(resident)}.ics" in page
