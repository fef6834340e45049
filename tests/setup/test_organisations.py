"""Organisations: KRS where there is one, entities of art. 3 ust. 3 without it, and the
organisation itself confirming who speaks for it."""

import pytest

from workflows.accounts.models import Organisation, RepresentationClaim

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_staff_register_an_organisation_and_the_krs_is_padded(api_as, staff):
    response = api_as(staff).post(
        f"{API}/organisations/", {"name": "Fundacja Park", "krs": "123456"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["krs"] == "0000123456"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "A", "krs": "12345678901"}, "krs"),
        ({"name": "A", "krs": "00000000ab"}, "krs"),
        ({"name": "A"}, "krs"),
        ({"name": "A", "krs": "1", "regon": "123456786"}, "regon"),
        # Sent empty beside a register: "no KRS" is said by leaving the field out.
        ({"name": "A", "krs": " ", "register": "Rejestr wojewody"}, "krs"),
    ],
)
def test_bad_numbers_are_refused_naming_the_field(api_as, staff, body, field):
    response = api_as(staff).post(f"{API}/organisations/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field


def test_an_art_3_3_entity_without_krs_is_registered_with_its_register(api_as, staff):
    body = {
        "name": "Parafia św. Anny",
        "kind": "art_3_3",
        "register": "Osoba prawna Kościoła katolickiego, Dz.U. 1989 nr 29 poz. 154",
        "regon": "123456785",
    }
    response = api_as(staff).post(f"{API}/organisations/", body, format="json")
    assert response.status_code == 201
    assert response.json()["krs"] is None


def test_a_second_organisation_with_the_same_krs_is_a_conflict(api_as, staff):
    api_as(staff).post(f"{API}/organisations/", {"name": "A", "krs": "5"}, format="json")
    again = api_as(staff).post(f"{API}/organisations/", {"name": "B", "krs": "5"}, format="json")
    assert again.status_code == 409


def test_residents_may_not_register_organisations(api_as, resident):
    body = {"name": "A", "krs": "5"}
    assert api_as(resident).post(f"{API}/organisations/", body, format="json").status_code == 403


def test_the_organisation_confirms_who_speaks_for_it(api_as, staff, make_user):
    organisation = Organisation.objects.create(name="Fundacja", krs="0000000007")
    first, second, stranger = make_user(), make_user(), make_user()
    claim = api_as(first).post(f"{API}/organisations/{organisation.pk}/claims/", {"note": "prezes"})
    assert claim.status_code == 201
    confirm = f"{API}/representation-claims/{claim.json()['id']}/confirm/"
    assert api_as(stranger).post(confirm).status_code == 403
    # No representative yet: the city office confirms the first one.
    assert api_as(staff).post(confirm).json()["confirmed"] is True
    assert organisation.representatives.filter(pk=first.pk).exists()
    claim = api_as(second).post(f"{API}/organisations/{organisation.pk}/claims/", {})
    confirm = f"{API}/representation-claims/{claim.json()['id']}/confirm/"
    # From now on the organisation itself decides, not the office.
    assert api_as(staff).post(confirm).status_code == 403
    assert api_as(first).post(confirm).status_code == 200
    assert api_as(first).post(confirm).status_code == 409
    assert first.groups.filter(name="organisation_rep").exists()


def test_a_claim_and_its_confirmation_on_pages(client, make_user):
    organisation = Organisation.objects.create(name="Stowarzyszenie", krs="0000000011")
    rep, newcomer = make_user(), make_user()
    organisation.representatives.add(rep)
    client.force_login(newcomer)
    assert client.post(f"/organizacje/{organisation.pk}/przedstawiciel/").status_code == 302
    claim = RepresentationClaim.objects.get()
    client.force_login(rep)
    page = client.get(f"/organizacje/{organisation.pk}/").content.decode()
    assert f"/przedstawiciele/{claim.pk}/potwierdz/" in page
    assert client.post(f"/przedstawiciele/{claim.pk}/potwierdz/").status_code == 302
    assert organisation.representatives.filter(pk=newcomer.pk).exists()


def test_staff_register_on_a_page_and_a_bad_krs_stays_in_the_form(client, staff):
    client.force_login(staff)
    response = client.post("/organizacje/", {"name": "Fundacja X", "kind": "ngo", "krs": "abc"})
    assert response.status_code == 400
    assert 'value="Fundacja X"' in response.content.decode()
    ok = client.post("/organizacje/", {"name": "Fundacja X", "kind": "ngo", "krs": "42"})
    assert ok.status_code == 302
