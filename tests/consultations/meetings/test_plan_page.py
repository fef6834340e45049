"""The page that plans a meeting: the team's moderator or council staff, Warsaw time."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from consultations.meetings.models import Meeting
from consultations.models import SectorTeam
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db

NEW = "/spotkania/nowe/"
WARSAW = ZoneInfo("Europe/Warsaw")


def meeting_data(team, agenda=("Analiza SWOT", "", "Cele współpracy"), **changes) -> dict:
    data = {
        "team": team.pk,
        "title": "Spotkanie <i>zespołu</i>",
        "starts_at": "2026-03-29T10:00",  # the day clocks go forward: still 10:00 in Warsaw
        "ends_at": "2026-03-29T12:30",
        "place": "Urząd Miasta Krakowa, sala 201",
        "online_url": "https://meet.example.org/zespol",
        "speaking_limit_seconds": "120",
        "agenda-TOTAL_FORMS": "6",
        "agenda-INITIAL_FORMS": "0",
    }
    for i, title in enumerate(agenda):
        data[f"agenda-{i}-title"] = title
        data[f"agenda-{i}-section"] = "swot" if i == 0 else ""
    return {**data, **changes}


def test_the_moderator_plans_a_hybrid_meeting(client, moderator, team):
    client.force_login(moderator)
    page = client.get(f"{NEW}?zespol={team.pk}")
    assert page.status_code == 200
    assert f'<option value="{team.pk}" selected>' in page.content.decode()
    response = client.post(NEW, meeting_data(team))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/spotkania/{meeting.pk}/"
    assert meeting.starts_at == datetime(2026, 3, 29, 10, 0, tzinfo=WARSAW)
    assert meeting.ends_at == datetime(2026, 3, 29, 12, 30, tzinfo=WARSAW)
    assert (meeting.place, meeting.online_url) == (
        "Urząd Miasta Krakowa, sala 201",
        "https://meet.example.org/zespol",
    )
    assert (meeting.moderator, meeting.speaking_limit_seconds) == (moderator, 120)
    assert list(meeting.items.values_list("position", "title", "section")) == [
        (1, "Analiza SWOT", "swot"),
        (2, "Cele współpracy", ""),
    ]
    room = client.get(response["Location"]).content.decode()
    assert "Zaplanowano spotkanie" in room
    assert "Spotkanie &lt;i&gt;zespołu&lt;/i&gt;" in room


def test_council_staff_plan_for_any_team(client, staff, team):
    other = SectorTeam.objects.create(name="Zespół ds. kultury", slug="kultura")
    client.force_login(staff)
    body = client.get(NEW).content.decode()
    assert team.name in body and other.name in body
    response = client.post(NEW, meeting_data(other, place="", agenda=("Działania",)))
    assert response.status_code == 302
    assert Meeting.objects.get().team == other


def test_end_before_start_and_no_place_show_field_errors(client, moderator, team):
    client.force_login(moderator)
    response = client.post(NEW, meeting_data(team, ends_at="2026-03-29T09:00"))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_ends_at_error"' in body and "Koniec spotkania musi być po" in body
    response = client.post(NEW, meeting_data(team, place="", online_url=""))
    assert 'id="id_place_error"' in response.content.decode()
    response = client.post(NEW, meeting_data(team, agenda=("", "")))
    assert "co najmniej jeden punkt" in response.content.decode()
    response = client.post(NEW, meeting_data(team, starts_at="jutro"))
    assert 'id="id_starts_at_error"' in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.SECTOR_TEAM_MEMBER, Role.MODERATOR])
def test_others_get_403_with_the_reason(client, make_user, team, role):
    client.force_login(make_user(role))  # a moderator role, but not of this team
    for response in (client.get(NEW), client.post(NEW, meeting_data(team))):
        assert response.status_code == 403
        assert "moderator zespołu albo pracownik urzędu" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_moderator_may_not_plan_for_another_team(client, moderator, team):
    other = SectorTeam.objects.create(name="Zespół ds. sportu", slug="sport")
    client.force_login(moderator)
    assert client.get(f"{NEW}?zespol={other.pk}").status_code == 403
    for bad in ("abc", "²", str(2**63)):
        assert client.get(f"{NEW}?zespol={bad}").status_code == 403
    response = client.post(NEW, meeting_data(other))
    assert response.status_code == 400 and 'id="id_team_error"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_anonymous_is_sent_to_login(client, team):
    response = client.post(NEW, meeting_data(team))
    assert response.status_code == 302 and "/logowanie/" in response["Location"]
    assert not Meeting.objects.exists()


def test_the_list_and_the_room_link_the_form_for_planners_only(client, meeting, moderator, member):
    client.force_login(moderator)
    assert NEW in client.get("/spotkania/").content.decode()
    room = client.get(f"/spotkania/{meeting.pk}/").content.decode()
    assert f"{NEW}?zespol={meeting.team_id}" in room
    client.force_login(member)
    assert NEW not in client.get("/spotkania/").content.decode()
    assert NEW not in client.get(f"/spotkania/{meeting.pk}/").content.decode()


def test_the_form_page_has_constant_queries(client, staff, team, django_assert_max_num_queries):
    client.force_login(staff)
    with django_assert_max_num_queries(8) as few:
        client.get(NEW)
    queries = len(few)  # counted now: the next request resets Django's query log
    for n in range(10):
        SectorTeam.objects.create(name=f"Zespół {n}", slug=f"zespol-{n}")
    with django_assert_max_num_queries(queries):
        client.get(NEW)
