"""Offers from organisations: drafts with a cost estimate, submission before the deadline,
the announcement's limits, one offer per organisation, and the formal check."""

from datetime import timedelta

import pytest
import time_machine

from grants.models import Competition, Offer, OfferState
from tests.grants.conftest import add_offer, line, offer_body, transition
from tests.grants.factories import CompetitionFactory, CriterionFactory

pytestmark = pytest.mark.django_db


def start(client, competition, body):
    return client.post(f"/api/v1/grants/competitions/{competition.pk}/offers/", body, format="json")


def test_a_representative_drafts_and_submits_an_offer(api_as, published, org):
    client = api_as(org["a"].rep)
    created = start(client, published, offer_body(org["a"]))
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["state"], body["requested"], body["own"]) == ("draft", "18000.00", "2000.00")
    assert body["cost_lines"][0]["total"] == "20000.00"
    offer = Offer.objects.get()
    submitted = transition(client, "offer", offer, "submit")
    assert submitted.status_code == 200, submitted.json()
    offer.refresh_from_db()
    assert offer.state == OfferState.SUBMITTED
    assert offer.submitted_at is not None


def test_someone_else_may_not_offer_for_the_organisation(api_as, published, org):
    response = start(api_as(org["b"].rep), published, offer_body(org["a"]))
    assert response.status_code == 403
    offer = add_offer(org["a"], published)
    refused = transition(api_as(org["b"].rep), "offer", offer, "submit")
    assert refused.status_code in (403, 404)
    offer.refresh_from_db()
    assert offer.state == OfferState.DRAFT


def test_no_offers_before_publication(api_as, draft, org):
    response = start(api_as(org["a"].rep), draft, offer_body(org["a"]))
    assert response.status_code == 404


def test_an_offer_one_second_after_the_deadline_is_refused_without_the_scheduler(
    api_as, published, org
):
    offer = add_offer(org["a"], published)
    client = api_as(org["a"].rep)
    with time_machine.travel(published.offers_deadline + timedelta(seconds=1)):
        late = transition(client, "offer", offer, "submit")
        assert late.status_code == 409
        assert late.json()["error"]["code"] == "outside_window"
        new = start(api_as(org["b"].rep), published, offer_body(org["b"]))
        assert new.status_code == 409
    offer.refresh_from_db()
    assert offer.state == OfferState.DRAFT
    published.refresh_from_db()
    assert published.state == "published"


def test_an_offer_one_second_before_the_deadline_is_taken(api_as, published, org):
    offer = add_offer(org["a"], published)
    with time_machine.travel(published.offers_deadline - timedelta(seconds=1)):
        response = transition(api_as(org["a"].rep), "offer", offer, "submit")
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize(
    ("grant", "own", "words"),
    [
        ("45000.00", "5000.00", "poza przedziałem"),
        ("4000.00", "500.00", "poza przedziałem"),
        ("19000.00", "1000.00", "Wkład własny to 5.00%"),
    ],
)
def test_a_grant_outside_the_announcement_is_refused_at_submission(
    api_as, published, org, grant, own, words
):
    offer = add_offer(org["a"], published, grant=grant, own=own)
    response = transition(api_as(org["a"].rep), "offer", offer, "submit")
    assert response.status_code == 409
    assert words in response.json()["error"]["message"]
    offer.refresh_from_db()
    assert offer.state == OfferState.DRAFT


def test_a_cost_line_that_does_not_add_up_is_refused(api_as, published, org):
    wrong = line(quantity="3", unit_cost="1000.00", grant="2500.00", own="400.00")
    response = start(api_as(org["a"].rep), published, offer_body(org["a"], wrong))
    assert response.status_code == 400
    assert "3000.00" in response.json()["error"]["message"]
    assert not Offer.objects.exists()


def test_a_draft_is_corrected_by_its_organisation_only(api_as, published, org):
    offer = add_offer(org["a"], published)
    body = offer_body(
        org["a"], line(), line(name="Sala", quantity="2", unit_cost="500", grant="0", own="1000")
    )
    other = api_as(org["b"].rep).put(f"/api/v1/grants/offers/{offer.pk}/", body, format="json")
    assert other.status_code == 404
    mine = api_as(org["a"].rep).put(f"/api/v1/grants/offers/{offer.pk}/", body, format="json")
    assert mine.status_code == 200, mine.json()
    assert (mine.json()["requested"], mine.json()["own"]) == ("18000.00", "3000.00")


def test_one_offer_per_organisation_unless_the_announcement_allows_more(
    api_as, staff, published, org
):
    client = api_as(org["a"].rep)
    assert start(client, published, offer_body(org["a"])).status_code == 201
    second = start(client, published, offer_body(org["a"]))
    assert second.status_code == 409
    several = CompetitionFactory(several_offers_allowed=True)
    CriterionFactory(competition=several, weight=100)
    assert transition(api_as(staff), "competition", several, "publish").status_code == 200
    assert start(client, several, offer_body(org["a"])).status_code == 201
    assert start(client, several, offer_body(org["a"])).status_code == 201


def closed(competition):
    Competition.objects.filter(pk=competition.pk).update(state="offers_closed")
    competition.refresh_from_db()


def submitted_offer(client, competition, organisation):
    offer = add_offer(organisation, competition)
    assert transition(client, "offer", offer, "submit").status_code == 200
    return offer


def test_the_formal_check_comes_after_the_call_closes(api_as, staff, published, org):
    offer = submitted_offer(api_as(org["a"].rep), published, org["a"])
    early = transition(api_as(staff), "offer", offer, "accept_formally")
    assert early.status_code == 409
    closed(published)
    assert transition(api_as(org["a"].rep), "offer", offer, "accept_formally").status_code == 403
    accepted = transition(api_as(staff), "offer", offer, "accept_formally")
    assert accepted.status_code == 200, accepted.json()
    offer.refresh_from_db()
    assert offer.state == OfferState.FORMALLY_ACCEPTED


def test_a_formal_rejection_needs_its_reason(api_as, staff, published, org):
    offer = submitted_offer(api_as(org["a"].rep), published, org["a"])
    closed(published)
    client = api_as(staff)
    assert transition(client, "offer", offer, "reject_formally").status_code == 400
    reason = "Oferta bez podpisu osób uprawnionych."
    response = transition(client, "offer", offer, "reject_formally", reason=reason)
    assert response.status_code == 200, response.json()
    offer.refresh_from_db()
    assert (offer.state, offer.decision_reason) == (OfferState.FORMALLY_REJECTED, reason)
