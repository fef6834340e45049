"""Small grants (art. 19a) from the pages: the organisation offers, staff publish it for
remarks, anyone signed in remarks (staff also record remarks sent by post), staff decide."""

from datetime import timedelta

import pytest
import time_machine

from grants.models import SmallGrant, SmallGrantComment
from tests.consultations.factories import TaskAreaFactory
from workflows.deadlines import fire_due

pytestmark = pytest.mark.django_db
LIST = "/male-granty/"


def form(organisation, **fields):
    return {
        "organisation": organisation.pk,
        "task_area": TaskAreaFactory(number=5).pk,
        "title": "Piknik sąsiedzki na Azorach",
        "description": "Jednodniowy piknik z warsztatami dla dzieci.",
        "amount": "8000.00",
        "carried_out_from": "2027-05-01",
        "carried_out_to": "2027-06-30",
        **fields,
    }


def offered(client, organisation, **fields):
    client.force_login(organisation.rep)
    response = client.post(f"{LIST}nowa/", form(organisation, **fields))
    assert response.status_code == 302, response.content.decode()[-3000:]
    return SmallGrant.objects.get()


def take(client, grant, name, **fields):
    return client.post(f"/proces/small_grant/{grant.pk}/{name}/", fields, follow=True)


def test_the_whole_way_from_the_pages(client, staff, resident, org):
    grant = offered(client, org["a"])
    assert grant.organisation == org["a"] and grant.state == "submitted"
    client.force_login(staff)
    page = client.get(f"{LIST}{grant.pk}/").content.decode()
    assert "Opublikuj ofertę do uwag na 7 dni" in page
    take(client, grant, "publish")
    grant.refresh_from_db()
    assert grant.state == "published"
    client.force_login(resident)
    client.post(f"{LIST}{grant.pk}/", {"text": "Dobry pomysł, ale mało toalet."})
    client.force_login(staff)
    client.post(f"{LIST}{grant.pk}/", {"text": "Przeciw.", "sender": "Jan Kowalski (list)"})
    assert list(SmallGrantComment.objects.values_list("sender", flat=True)) == [
        "",
        "Jan Kowalski (list)",
    ]
    with time_machine.travel(grant.comments_close_at + timedelta(seconds=1)):
        fire_due()
        client.force_login(staff)
        late = client.post(f"{LIST}{grant.pk}/", {"text": "Za późno."})
        assert late.status_code == 403
        take(client, grant, "grant")
    grant.refresh_from_db()
    assert grant.state == "granted"
    public = client.get(f"{LIST}{grant.pk}/").content.decode()
    assert "Jan Kowalski (list), wpisane przez urząd" in public and "mało toalet" in public


def test_a_refusal_needs_a_reason(client, staff, org):
    grant = offered(client, org["a"])
    client.force_login(staff)
    take(client, grant, "publish")
    grant.refresh_from_db()
    with time_machine.travel(grant.comments_close_at + timedelta(seconds=1)):
        client.force_login(staff)
        take(client, grant, "close_comments")
        page = take(client, grant, "refuse").content.decode()
        assert "Podaj uzasadnienie" in page
        take(client, grant, "refuse", reason="Zadanie poza programem.")
    grant.refresh_from_db()
    assert (grant.state, grant.decision_reason) == ("refused", "Zadanie poza programem.")


def test_over_the_limits_the_page_says_why_publication_is_refused(client, staff, org):
    grant = offered(client, org["a"], amount="12000")
    client.force_login(staff)
    page = take(client, grant, "publish").content.decode()
    assert "art. 19a ust. 1 ustawy" in page
    grant.refresh_from_db()
    assert grant.state == "submitted"


def test_a_bad_offer_is_shown_back_with_the_field(client, org):
    client.force_login(org["a"].rep)
    page = client.post(f"{LIST}nowa/", form(org["a"], amount="0")).content.decode()
    assert "Podaj kwotę dotacji większą od zera" in page
    assert not SmallGrant.objects.exists()


def test_who_may_do_what(client, resident, staff, org):
    client.force_login(resident)
    assert client.get(f"{LIST}nowa/").status_code == 403
    grant = offered(client, org["a"])
    client.force_login(org["b"].rep)
    assert client.get(f"{LIST}{grant.pk}/").status_code == 404  # not yet published
    client.force_login(org["a"].rep)
    own = client.get(f"{LIST}{grant.pk}/").content.decode()
    assert grant.title in own and "Opublikuj ofertę" not in own
    take(client, grant, "publish")
    grant.refresh_from_db()
    assert grant.state == "submitted"
    client.force_login(staff)
    take(client, grant, "publish")
    client.force_login(resident)
    sent = client.post(f"{LIST}{grant.pk}/", {"text": "Uwaga.", "sender": "Ktoś inny"})
    assert sent.status_code == 302
    assert SmallGrantComment.objects.get().sender == ""  # a resident's form has no sender
    client.logout()
    assert client.post(f"{LIST}{grant.pk}/", {"text": "Anonim."}).status_code == 403


def test_a_staff_only_sender_is_refused_in_the_api(api_as, resident, staff, org, client):
    grant = offered(client, org["a"])
    client.force_login(staff)
    take(client, grant, "publish")
    response = api_as(resident).post(
        f"/api/v1/grants/small/{grant.pk}/comments/",
        {"text": "Uwaga.", "sender": "Ktoś"},
        format="json",
    )
    assert response.status_code == 403


def test_the_list_takes_constant_queries(client, org, staff, django_assert_max_num_queries):
    area = TaskAreaFactory(number=5)

    def make(n):
        for i in range(n):
            SmallGrant.objects.create(
                organisation=org["a"],
                task_area=area,
                created_by=staff,
                title=f"Zadanie {i}",
                description="Opis.",
                amount="1000",
                carried_out_from="2027-05-01",
                carried_out_to="2027-05-30",
            )

    make(2)
    client.force_login(org["a"].rep)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST)
    make(20)
    with django_assert_max_num_queries(len(few)):
        page = client.get(LIST).content.decode()
    assert page.count("Zadanie ") == 22
