"""The bodies' pages: the list, a body with its members, asking for and recording opinions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bodies.models import Body, Membership, OpinionRequest, OpinionState
from tests.bodies.factories import BodyFactory
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_everyone_reads_the_list_in_constant_queries(client, django_assert_max_num_queries):
    BodyFactory.create_batch(3)
    with django_assert_max_num_queries(8) as few:
        assert client.get("/organy/").status_code == 200
    BodyFactory.create_batch(20)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/organy/")
    assert response.content.decode().count("Komisja Dialogu Obywatelskiego nr") == 23


def test_staff_set_up_a_body_from_the_page(client, staff):
    client.force_login(staff)
    response = client.post(
        "/organy/nowy/",
        {
            "kind": "rdpp",
            "name": "Rada Działalności Pożytku Publicznego Miasta Krakowa",
            "legal_basis": "Uchwała nr XI/123/2024 Rady Miasta Krakowa",
            "term_start": "2024-01-01",
            "term_end": "2027-12-31",
            "quorum_percent": "50",
            "majority": "simple",
        },
    )
    body = Body.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/organy/{body.pk}/"
    entry = AuditEntry.objects.get(action="body_created")
    assert (entry.object_id, entry.by_id) == (str(body.pk), staff.pk)


def test_a_bad_form_comes_back_filled_with_the_errors(client, staff):
    client.force_login(staff)
    response = client.post("/organy/nowy/", {"kind": "rdpp", "name": "Rada", "term_start": "x"})
    assert response.status_code == 200
    assert 'value="Rada"' in response.content.decode()
    assert not Body.objects.exists()


def test_residents_cannot_set_up_bodies(client, resident):
    client.force_login(resident)
    assert client.get("/organy/nowy/").status_code == 403


def test_staff_add_a_member_by_login(client, staff, make_user, commission):
    newcomer = make_user(username="nowa-czlonkini")
    client.force_login(staff)
    url = f"/organy/{commission.pk}/"
    form = {"person": " nowa-czlonkini ", "role": "member", "term_start": "2025-01-01"}
    assert client.post(url, form).status_code == 302
    assert Membership.objects.filter(body=commission, person=newcomer).exists()
    unknown = client.post(url, {**form, "person": "nikt"})
    assert unknown.status_code == 200 and "Nie ma konta o takim loginie" in unknown.content.decode()


def test_a_member_whose_term_ends_before_it_starts_is_refused(client, staff, commission):
    client.force_login(staff)
    form = {"person": "m1", "role": "member", "term_start": "2025-01-01", "term_end": "2024-01-01"}
    response = client.post(f"/organy/{commission.pk}/", form)
    assert response.status_code == 200
    assert "Koniec kadencji członka" in response.content.decode()


def test_residents_cannot_change_the_members(client, resident, commission):
    client.force_login(resident)
    assert client.post(f"/organy/{commission.pk}/", {"person": "m1"}).status_code == 403


def test_staff_ask_from_the_page_and_the_chair_records_the_vote(
    client, staff, commission, programme
):
    client.force_login(staff)
    url = f"/organy/opinie/nowa/programme/{programme.pk}/"
    assert client.get(url).status_code == 200
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    response = client.post(url, {"body": commission.pk, "subject": "Projekt", "due_on": due})
    opinion = OpinionRequest.objects.get()
    assert response["Location"] == f"/organy/opinie/{opinion.pk}/"

    client.force_login(commission.people["chair"])
    people = commission.people
    form = {
        "text": "Opinia pozytywna.",
        "stance": "positive",
        "procedure": "meeting",
        "adopted_on": timezone.localdate().isoformat(),
        **{f"vote_{p.pk}": "absent" for p in people.values()},
        f"vote_{people['chair'].pk}": "for",
        f"vote_{people['secretary'].pk}": "for",
        f"vote_{people['m1'].pk}": "against",
    }
    assert client.post(f"/organy/opinie/{opinion.pk}/", form).status_code == 302
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.ADOPTED
    page = client.get(f"/organy/opinie/{opinion.pk}/").content.decode()
    assert "Głosowanie imienne" in page and "2 za, 1 przeciw" in page
    client.force_login(staff)  # the draft programme is not public yet
    assert "opinia pozytywna" in client.get(f"/konsultacje/{programme.pk}/").content.decode()


def test_a_vote_without_quorum_is_shown_on_the_form(client, commission, ask, programme):
    opinion = ask(commission, programme)
    client.force_login(commission.people["chair"])
    form = {
        "text": "Opinia.",
        "stance": "negative",
        "procedure": "meeting",
        "adopted_on": timezone.localdate().isoformat(),
        **{f"vote_{p.pk}": "absent" for p in commission.people.values()},
        f"vote_{commission.people['chair'].pk}": "for",
    }
    response = client.post(f"/organy/opinie/{opinion.pk}/", form)
    assert response.status_code == 200 and "Brak kworum" in response.content.decode()


@pytest.mark.parametrize("who", ["resident", "m1"])
def test_who_may_not_record_an_opinion(client, resident, commission, ask, programme, who):
    opinion = ask(commission, programme)
    client.force_login(resident if who == "resident" else commission.people["m1"])
    assert client.post(f"/organy/opinie/{opinion.pk}/", {"text": "x"}).status_code == 403


def test_residents_cannot_ask_for_opinions(client, resident, programme):
    client.force_login(resident)
    assert client.get(f"/organy/opinie/nowa/programme/{programme.pk}/").status_code == 403
