"""Pages of body meetings: planning one, the room's ballot without JavaScript, the list,
and the bodies' opinions on the chapters of the programme page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.meetings import services
from consultations.meetings.models import Meeting, MotionVote
from tests.consultations.factories import ProgrammeFactory, force_state, published_chapter
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(commission, staff):
    start = timezone.now()
    meeting = services.create_meeting(
        body=commission,
        by=staff,
        title="Posiedzenie komisji",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Sala Obrad",
        agenda=[{"title": "Opinia o rozdziale"}],
    )
    chair = commission.people["chair"]
    services.open_meeting(meeting=meeting, by=chair)
    services.open_item(meeting=meeting, item_id=meeting.items.get().pk, by=chair)
    return meeting


def room(client, user, meeting):
    client.force_login(user)
    return client.get(f"/spotkania/{meeting.pk}/").content.decode()


def test_the_chair_plans_from_the_page(client, commission):
    client.force_login(commission.people["chair"])
    page = client.get(f"/spotkania/nowe/?organ={commission.pk}")
    assert page.status_code == 200 and commission.name in page.content.decode()
    start = timezone.localtime() + timedelta(days=1)
    response = client.post(
        f"/spotkania/nowe/?organ={commission.pk}",
        {
            "body": commission.pk,
            "title": "Posiedzenie grudniowe",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "place": "Sala 1",
            "speaking_limit_seconds": 180,
            "agenda-TOTAL_FORMS": 1,
            "agenda-INITIAL_FORMS": 0,
            "agenda-0-title": "Plan pracy",
        },
    )
    meeting = Meeting.objects.get(title="Posiedzenie grudniowe")
    assert response.status_code == 302 and meeting.body == commission


def test_a_member_may_not_open_the_planning_page_for_the_body(client, commission):
    client.force_login(commission.people["m1"])
    assert client.get(f"/spotkania/nowe/?organ={commission.pk}").status_code == 403


def test_the_chair_sees_the_vote_form_and_members_do_not(client, session, commission):
    assert 'id="put-to-vote"' in room(client, commission.people["chair"], session)
    html = room(client, commission.people["m1"], session)
    assert 'id="put-to-vote"' not in html and 'id="cast-vote"' not in html


def test_members_vote_with_the_page_form(client, session, commission, make_user):
    services.put_to_vote(meeting=session, by=commission.people["chair"], text="Uchwała nr 1")
    member = commission.people["m1"]
    assert 'id="cast-vote"' in room(client, member, session)
    client.post(f"/spotkania/{session.pk}/czynnosc/cast_vote/", {"vote": "for"})
    assert MotionVote.objects.get().membership.person == member
    assert 'id="you-voted"' in room(client, member, session)
    assert 'id="cast-vote"' not in room(client, make_user(Role.RESIDENT), session)


def test_a_refused_vote_shows_its_reason(client, session, commission, make_user):
    services.put_to_vote(meeting=session, by=commission.people["chair"], text="Uchwała nr 1")
    client.force_login(make_user(Role.RESIDENT))
    response = client.post(
        f"/spotkania/{session.pk}/czynnosc/cast_vote/", {"vote": "for"}, follow=True
    )
    assert "Głosują tylko członkowie organu." in response.content.decode()


def test_the_meeting_list_names_the_body_in_constant_queries(
    client, session, commission, staff, django_assert_max_num_queries
):
    for n in range(3):
        start = timezone.now() + timedelta(days=n + 1)
        services.create_meeting(
            body=commission,
            by=staff,
            title=f"Posiedzenie {n}",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Sala",
            agenda=[{"title": "Sprawy"}],
        )
    with django_assert_max_num_queries(8):
        page = client.get("/spotkania/")
    assert page.content.decode().count(commission.name) == 4


def test_chapter_opinions_are_read_in_constant_queries(client, commission, ask):
    programme = ProgrammeFactory()
    chapters = [published_chapter(programme) for _ in range(3)]
    force_state(programme, "comments_open")
    ask(commission, chapters[0])
    client.get(f"/konsultacje/{programme.pk}/")  # caches warmed (content types, site)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/konsultacje/{programme.pk}/")
    for chapter in chapters[1:]:
        ask(commission, chapter)
    with CaptureQueriesContext(connection) as three:
        page = client.get(f"/konsultacje/{programme.pk}/")
    assert len(three) == len(one)
    assert page.content.decode().count("Opinie organów doradczych o rozdziale") == 3


def test_staff_may_ask_for_an_opinion_on_a_chapter(client, staff, commission):
    programme = ProgrammeFactory()
    chapter = published_chapter(programme)
    client.force_login(staff)
    page = client.get(f"/konsultacje/{programme.pk}/").content.decode()
    assert f"/organy/opinie/nowa/chapter/{chapter.pk}/" in page
    due = timezone.localdate() + timedelta(days=14)
    response = client.post(
        f"/organy/opinie/nowa/chapter/{chapter.pk}/",
        {"body": commission.pk, "subject": "Opinia o rozdziale", "due_on": due.isoformat()},
    )
    assert response.status_code == 302
    assert commission.opinion_requests.get().target == chapter
