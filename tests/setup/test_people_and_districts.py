"""An administrator invites people, assigns roles and loads districts, on pages and the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from districts.models import District
from workflows.accounts.models import Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(username="admin", is_superuser=True)


def test_an_administrator_loads_districts_with_population_on_a_page(client, admin):
    client.force_login(admin)
    upload = SimpleUploadedFile(
        "gdansk.csv", "number,name,population\n1,Aniołki,4 500\n2,Brętowo,5200\n".encode()
    )
    response = client.post("/dzielnice/wczytaj/", {"city": "Gdańsk", "file": upload})
    assert response.status_code == 302
    assert list(District.objects.filter(city__slug="gdansk").values_list("name", "population")) == [
        ("Aniołki", 4500),
        ("Brętowo", 5200),
    ]


def test_a_bad_population_names_the_line(client, admin):
    client.force_login(admin)
    upload = SimpleUploadedFile("x.csv", b"number,name,population\n1,A,many\n")
    response = client.post("/dzielnice/wczytaj/", {"city": "Gdańsk", "file": upload})
    assert response.status_code == 400
    assert "Wiersz 2" in response.content.decode()
    assert 'value="Gdańsk"' in response.content.decode()


def test_staff_who_are_not_administrators_may_not_load_districts(api_as, staff, client):
    body = {"city": "Gdańsk", "csv": "number,name\n1,A\n"}
    assert api_as(staff).post("/api/v1/districts/import/", body).status_code == 403
    client.force_login(staff)
    assert client.get("/dzielnice/wczytaj/").status_code == 403


def test_an_invited_person_sets_a_password_from_the_link(client, api_as, admin):
    response = api_as(admin).post(
        "/api/v1/people/", {"username": "ola", "roles": ["council_staff"]}, format="json"
    )
    assert response.status_code == 201
    link = response.json()["invitation"]
    page = client.get(link, follow=True)
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "Zielony-Park-2027", "new_password2": "Zielony-Park-2027"}
    )
    assert done.status_code == 302
    ola = User.objects.get(username="ola")
    assert ola.check_password("Zielony-Park-2027")
    assert ola.groups.filter(name="council_staff").exists()


def test_roles_are_changed_on_a_page_and_only_by_an_administrator(client, admin, staff):
    client.force_login(admin)
    response = client.post(f"/panel/osoby/{staff.pk}/", {"roles": ["verifier", "moderator"]})
    assert response.status_code == 302
    assert sorted(staff.groups.values_list("name", flat=True)) == ["moderator", "verifier"]
    client.force_login(staff)
    assert client.get("/panel/osoby/").status_code == 403


def test_a_taken_login_comes_back_at_the_field(client, admin, staff):
    client.force_login(admin)
    response = client.post("/panel/osoby/", {"username": "STAFF", "roles": ["resident"]})
    assert response.status_code == 400
    assert "jest zajęty" in response.content.decode()


def test_staff_set_a_district_council_and_its_members(api_as, staff, make_user):
    district = District.objects.get(city__slug="krakow", number=13)
    people = [make_user().pk for _ in range(3)]
    url = f"/api/v1/districts/{district.pk}/council/"
    body = {"name": "Rada Dzielnicy XIII", "seats": 2, "members": people}
    too_many = api_as(staff).put(url, body, format="json")
    assert too_many.status_code == 400
    assert too_many.json()["error"]["details"]["field"] == "members"
    response = api_as(staff).put(url, {**body, "seats": 21}, format="json")
    assert response.status_code == 200
    assert response.json()["members"] == sorted(people)


def test_residents_may_not_change_a_council(api_as, resident, client):
    district = District.objects.get(city__slug="krakow", number=13)
    body = {"name": "X", "seats": 5, "members": []}
    url = f"/api/v1/districts/{district.pk}/council/"
    assert api_as(resident).put(url, body, format="json").status_code == 403
    client.force_login(resident)
    assert client.get(f"/dzielnice/rady/{district.council.pk}/").status_code == 403


def test_a_council_page_keeps_the_form_on_a_bad_email(client, staff):
    council = District.objects.get(city__slug="krakow", number=13).council
    client.force_login(staff)
    response = client.post(
        f"/dzielnice/rady/{council.pk}/", {"name": "Rada XIII", "seats": "21", "email": "nie"}
    )
    assert response.status_code == 400
    assert 'value="Rada XIII"' in response.content.decode()


def test_the_people_list_shows_role_names_a_page_at_a_time(client, admin, make_user):
    from workflows.accounts.views import PEOPLE_PER_PAGE

    for n in range(PEOPLE_PER_PAGE):
        make_user(Role.COORDINATING_TEAM, username=f"osoba{n:03d}")
    client.force_login(admin)
    first = client.get("/panel/osoby/").content.decode()
    assert "<td>zespół koordynujący</td>" in first
    assert "Strona 1 z 2" in first and "osoba049" not in first
    second = client.get("/panel/osoby/?strona=2").content.decode()
    assert "osoba049" in second


def test_an_invited_administrator_opens_the_django_admin(client, admin):
    client.force_login(admin)
    response = client.post("/panel/osoby/", {"username": "ewa", "roles": ["administrator"]})
    assert response.status_code == 200, response.content.decode()
    ewa = User.objects.get(username="ewa")
    assert ewa.is_staff and not ewa.is_superuser
    client.force_login(ewa)
    index = client.get("/admin/")
    assert index.status_code == 200 and "/admin/budget/edition/" in index.content.decode()
    assert client.get("/admin/workflows/auditentry/").status_code == 200
    assert client.get("/admin/workflows/auditentry/add/").status_code == 403


def test_without_the_administrator_role_the_django_admin_is_closed(client, admin, make_user):
    ewa = make_user(Role.ADMINISTRATOR, username="ewa")
    client.force_login(admin)
    assert client.post(f"/panel/osoby/{ewa.pk}/", {"roles": ["council_staff"]}).status_code == 302
    ewa.refresh_from_db()
    assert not ewa.is_staff
    client.force_login(ewa)
    assert client.get("/admin/").status_code == 302  # to the admin's login


def test_invitations_and_role_changes_are_audited(client, admin):
    from workflows.models import AuditEntry

    client.force_login(admin)
    client.post("/panel/osoby/", {"username": "jan", "roles": ["verifier"]})
    jan = User.objects.get(username="jan")
    client.post(f"/panel/osoby/{jan.pk}/", {"roles": ["council_staff", "verifier"]})
    entries = AuditEntry.objects.filter(object_id=str(jan.pk)).order_by("pk")
    assert [(e.action, e.by_id) for e in entries] == [
        ("person_invited", admin.pk),
        ("roles_changed", admin.pk),
    ]
    assert entries[0].payload == {"roles": ["verifier"]}
    assert entries[1].payload == {"before": ["verifier"], "after": ["council_staff", "verifier"]}
