"""One record of a district council: the register entry (/dzielnice/rady/) keeps the seats
and the e-mail; its councillors are the members of the district's council body, the one
that meets and votes its opinions, and the body carries the name."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from bodies.models import Body, BodyKind, Membership
from districts.models import District
from tests.bodies.factories import BodyFactory, MembershipFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def podgorze():
    return District.objects.select_related("council").get(city__slug="krakow", number=13)


def save(client, council, members, name="Rada Dzielnicy XIII Podgórze", seats=21):
    return client.post(
        f"/dzielnice/rady/{council.pk}/",
        {"name": name, "seats": str(seats), "email": "rada13@example.org", "members": members},
    )


def test_councillors_saved_in_the_register_are_the_members_of_the_council_body(
    client, staff, make_user, podgorze
):
    people = [make_user(username="radna-a"), make_user(username="radny-b")]
    client.force_login(staff)
    response = save(client, podgorze.council, [p.pk for p in people], name="Rada XIII")
    assert response.status_code == 302
    body = Body.objects.get(kind=BodyKind.DISTRICT_COUNCIL, district=podgorze)
    assert body.name == "Rada XIII" and body.term_start == timezone.localdate()
    sitting = Membership.objects.in_term(timezone.localdate()).filter(body=body)
    assert sorted(m.person.username for m in sitting) == ["radna-a", "radny-b"]
    assert {m.role for m in sitting} == {"member"}
    podgorze.council.refresh_from_db()
    assert (podgorze.council.name, podgorze.council.seats) == ("Rada XIII", 21)
    assert AuditEntry.objects.filter(action="councillors_set").exists()
    page = client.get(f"/dzielnice/{podgorze.pk}/").content.decode()
    assert "radna-a" in page and "radny-b" in page


def test_the_register_edits_the_council_body_in_term_keeping_its_functions(
    client, staff, make_user, podgorze
):
    body = BodyFactory(
        kind=BodyKind.DISTRICT_COUNCIL, name="Rada Dzielnicy XIII", district=podgorze
    )
    chair = make_user(username="przewodniczaca")
    MembershipFactory(body=body, person=chair, role="chair")
    newcomer = make_user(username="nowy-radny")
    client.force_login(staff)
    form = client.get(f"/dzielnice/rady/{podgorze.council.pk}/").content.decode()
    assert re.search(rf'value="{chair.pk}"[^>]*checked', form)  # seated already
    assert f"/organy/{body.pk}/" in form
    assert save(client, podgorze.council, [chair.pk, newcomer.pk]).status_code == 302
    assert Body.objects.filter(kind=BodyKind.DISTRICT_COUNCIL, district=podgorze).count() == 1
    roles = {m.person.username: m.role for m in body.memberships.all()}
    assert roles == {"przewodniczaca": "chair", "nowy-radny": "member"}
    body.refresh_from_db()
    assert body.name == "Rada Dzielnicy XIII Podgórze"


def test_a_councillor_taken_off_the_list_ends_their_term_and_keeps_their_record(
    client, staff, make_user, podgorze
):
    body = BodyFactory(kind=BodyKind.DISTRICT_COUNCIL, district=podgorze)
    leaving = MembershipFactory(body=body, person=make_user(), term_start=date(2024, 1, 1))
    staying = MembershipFactory(body=body, person=make_user(), role="chair")
    client.force_login(staff)
    assert save(client, podgorze.council, [staying.person_id]).status_code == 302
    leaving.refresh_from_db()
    assert leaving.term_end == timezone.localdate() - timedelta(days=1)
    assert not leaving.in_term(timezone.localdate())


def test_an_entry_made_today_and_taken_back_is_removed(client, staff, make_user, podgorze):
    client.force_login(staff)
    person = make_user()
    save(client, podgorze.council, [person.pk])
    assert save(client, podgorze.council, []).status_code == 302
    assert not Membership.objects.filter(person=person).exists()


def test_more_councillors_than_seats_are_refused_and_nothing_changes(
    client, staff, make_user, podgorze
):
    client.force_login(staff)
    people = [make_user().pk for _ in range(3)]
    response = save(client, podgorze.council, people, seats=2)
    assert response.status_code == 400
    assert "Rada ma 2 mandatów" in response.content.decode()
    assert not Body.objects.filter(district=podgorze).exists()


def test_the_api_answers_with_the_council_body_s_members(api_as, staff, make_user, podgorze):
    body = BodyFactory(kind=BodyKind.DISTRICT_COUNCIL, district=podgorze)
    chair = MembershipFactory(body=body, person=make_user(), role="chair").person
    other = make_user()
    response = api_as(staff).put(
        f"/api/v1/districts/{podgorze.pk}/council/",
        {"name": "Rada XIII", "seats": 15, "members": [chair.pk, other.pk]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["members"] == sorted([chair.pk, other.pk])
    assert set(body.memberships.values_list("person", flat=True)) == {chair.pk, other.pk}


def test_a_council_body_set_up_on_the_bodies_page_names_the_register_entry(client, staff, podgorze):
    client.force_login(staff)
    response = client.post(
        "/organy/nowy/",
        {
            "kind": BodyKind.DISTRICT_COUNCIL,
            "name": "Rada Dzielnicy XIII Podgórze (kadencja 2024–2029)",
            "legal_basis": "Statut Dzielnicy XIII Podgórze",
            "term_start": "2024-05-01",
            "district": podgorze.pk,
            "quorum_percent": "50",
            "majority": "simple",
        },
    )
    assert response.status_code == 302
    podgorze.council.refresh_from_db()
    assert podgorze.council.name == "Rada Dzielnicy XIII Podgórze (kadencja 2024–2029)"


def test_residents_may_not_seat_councillors(client, make_user, podgorze):
    client.force_login(make_user())
    assert save(client, podgorze.council, [make_user().pk]).status_code == 403
    assert not Body.objects.filter(district=podgorze).exists()
