"""The grants pages: the list, a competition, the staff's form, the offer form and the
commission's scoring page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from grants.models import Competition, CompetitionState, Offer, OfferState, Score
from tests.consultations.factories import TaskAreaFactory
from tests.grants.conftest import add_offer, transition
from tests.grants.factories import CompetitionFactory
from workflows.templatetags.formatting import money

pytestmark = pytest.mark.django_db


def publish(competition):
    Competition.objects.filter(pk=competition.pk).update(state="published")


def test_everyone_reads_the_list_in_constant_queries(client, django_assert_max_num_queries):
    for c in CompetitionFactory.create_batch(3):
        publish(c)
    with django_assert_max_num_queries(10) as few:
        assert client.get("/konkursy/").status_code == 200
    for c in CompetitionFactory.create_batch(20):
        publish(c)
    CompetitionFactory()  # a draft is not listed
    with django_assert_max_num_queries(len(few)):
        response = client.get("/konkursy/")
    assert response.content.decode().count("Wspieranie aktywności seniorów (") == 23


def test_a_draft_page_is_for_staff_only(client, staff, draft):
    assert client.get(f"/konkursy/{draft.pk}/").status_code == 404
    client.force_login(staff)
    page = client.get(f"/konkursy/{draft.pk}/").content.decode()
    assert "Ogłoś konkurs" in page
    publish(draft)
    client.logout()
    public = client.get(f"/konkursy/{draft.pk}/").content.decode()
    assert draft.title in public and "Ogłoś konkurs" not in public


def announcement_form(area, **fields):
    deadline = timezone.localtime() + timedelta(days=30)
    data = {
        "task_area": area.pk,
        "title": "Kultura w dzielnicach",
        "form": "entrusting",
        "funds": "50000",
        "rules": "Zasady.",
        "carried_out_from": "2027-04-01",
        "carried_out_to": "2027-10-31",
        "offers_deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "min_grant": "1000",
        "max_grant": "10000",
        "own_contribution_percent": "5",
        "criteria-TOTAL_FORMS": "4",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Jakość",
        "criteria-0-weight": "70",
        "criteria-0-max_points": "10",
        "criteria-1-name": "Koszty",
        "criteria-1-weight": "30",
        "criteria-1-max_points": "5",
    }
    return {**data, **fields}


def test_staff_draft_a_competition_from_the_page(client, staff):
    client.force_login(staff)
    response = client.post("/konkursy/nowy/", announcement_form(TaskAreaFactory()))
    competition = Competition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/konkursy/{competition.pk}/"
    assert [c.weight for c in competition.criteria.all()] == [70, 30]


def test_the_staff_form_comes_back_with_the_reason(client, staff):
    client.force_login(staff)
    response = client.post(
        "/konkursy/nowy/", announcement_form(TaskAreaFactory(), **{"criteria-1-weight": "20"})
    )
    assert response.status_code == 200
    assert "sumować się do 100%" in response.content.decode()
    assert not Competition.objects.exists()


def test_residents_cannot_draft(client, resident):
    client.force_login(resident)
    assert client.get("/konkursy/nowy/").status_code == 403


def offer_form(organisation, **fields):
    return {
        "organisation": organisation.pk,
        "title": "Warsztaty teatralne",
        "starts_on": "2027-04-01",
        "ends_on": "2027-06-30",
        "costs-TOTAL_FORMS": "3",
        "costs-INITIAL_FORMS": "0",
        "costs-0-name": "Instruktor",
        "costs-0-quantity": "20",
        "costs-0-unit_cost": "500",
        "costs-0-from_grant": "9000",
        "costs-0-from_own": "1000",
        **fields,
    }


def test_a_representative_fills_in_and_submits_an_offer(client, published, org):
    client.force_login(org["a"].rep)
    assert "Przygotuj ofertę" in client.get(f"/konkursy/{published.pk}/").content.decode()
    response = client.post(f"/konkursy/{published.pk}/oferta/", offer_form(org["a"], submit="1"))
    offer = Offer.objects.get()
    assert response["Location"] == f"/konkursy/oferty/{offer.pk}/"
    assert offer.state == OfferState.SUBMITTED
    page = client.get(f"/konkursy/oferty/{offer.pk}/").content.decode()
    assert money(Decimal("10000")) in page and "złożona" in page


def test_an_offer_with_a_wrong_line_comes_back_with_the_arithmetic(client, published, org):
    client.force_login(org["a"].rep)
    response = client.post(
        f"/konkursy/{published.pk}/oferta/", offer_form(org["a"], **{"costs-0-from_own": "500"})
    )
    assert response.status_code == 200
    assert "10000.00" in response.content.decode()
    assert not Offer.objects.exists()


def test_a_draft_over_the_maximum_shows_what_to_correct(client, published, org):
    client.force_login(org["a"].rep)
    body = offer_form(
        org["a"],
        **{"costs-0-unit_cost": "3000", "costs-0-from_grant": "54000", "costs-0-from_own": "6000"},
    )
    client.post(f"/konkursy/{published.pk}/oferta/", body)
    offer = Offer.objects.get()
    page = client.get(f"/konkursy/oferty/{offer.pk}/").content.decode()
    assert "poza przedziałem" in page
    refused = client.post(f"/konkursy/oferty/{offer.pk}/", {**body, "submit": "1"}, follow=True)
    assert "poza przedziałem" in refused.content.decode()
    offer.refresh_from_db()
    assert offer.state == OfferState.DRAFT


def test_people_without_an_organisation_cannot_offer(client, resident, published):
    client.force_login(resident)
    assert client.get(f"/konkursy/{published.pk}/oferta/").status_code == 403


def test_the_commission_declares_then_scores_on_the_page(
    client, api_as, staff, published, commission, org
):
    offer = add_offer(org["a"], published)
    assert transition(api_as(org["a"].rep), "offer", offer, "submit").status_code == 200
    Competition.objects.filter(pk=published.pk).update(state=CompetitionState.OFFERS_CLOSED)
    assert transition(api_as(staff), "offer", offer, "accept_formally").status_code == 200
    client.force_login(commission[0].person)
    url = f"/konkursy/{published.pk}/ocena/"
    first = client.get(url).content.decode()
    assert "Podpisuję oświadczenie" in first and offer.title not in first
    client.post(url, {"action": "declare"})
    assert offer.title in client.get(url).content.decode()
    prefix = f"offer{offer.pk}"
    response = client.post(
        url,
        {
            "offer": offer.pk,
            f"{prefix}-{published.quality.pk}": "8",
            f"{prefix}-{published.costs.pk}": "4",
        },
    )
    assert response.status_code == 302
    assert sorted(Score.objects.values_list("points", flat=True)) == [4, 8]


def test_outsiders_do_not_reach_the_scoring_page(client, resident, published):
    client.force_login(resident)
    assert client.get(f"/konkursy/{published.pk}/ocena/").status_code == 403


def test_staff_appoint_the_commission_on_the_competition_page(client, staff, resident, draft):
    client.force_login(resident)
    assert (
        client.post(f"/konkursy/{draft.pk}/komisja/", {"username": "resident"}).status_code == 403
    )
    client.force_login(staff)
    page = client.get(f"/konkursy/{draft.pk}/").content.decode()
    assert "Nie powołano jeszcze członków komisji." in page
    client.post(f"/konkursy/{draft.pk}/komisja/", {"username": "resident"})
    again = client.post(f"/konkursy/{draft.pk}/komisja/", {"username": "resident"}, follow=True)
    assert "już zasiada w komisji" in again.content.decode()
    nobody = client.post(f"/konkursy/{draft.pk}/komisja/", {"username": "nikt"}, follow=True)
    assert "Nie ma osoby o takim loginie." in nobody.content.decode()
    assert list(draft.commission.values_list("person__username", flat=True)) == ["resident"]
    assert (
        "bez oświadczenia o bezstronności" in client.get(f"/konkursy/{draft.pk}/").content.decode()
    )
