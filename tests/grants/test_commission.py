"""The commission: the declaration before the offers, exclusion of a conflicted member,
scores per criterion, the combined score, decisions and the published results."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from grants.models import Competition, Offer, OfferState, Score
from tests.grants.conftest import add_offer, transition

pytestmark = pytest.mark.django_db


def scores_url(offer):
    return f"/api/v1/grants/offers/{offer.pk}/scores/"


def declare(client, competition):
    return client.post(f"/api/v1/grants/competitions/{competition.pk}/declaration/")


@pytest.fixture
def assessed(published, commission, org, api_as, staff):
    """Past the deadline, two formally correct offers (A asks 18 000 zł, B 30 000 zł);
    member 3 represents organisation B."""

    org["b"].representatives.add(commission[2].person)
    offers = {}
    for name, grant, own in (("a", "18000.00", "2000.00"), ("b", "30000.00", "5000.00")):
        offer = add_offer(org[name], published, grant=grant, own=own)
        assert transition(api_as(org[name].rep), "offer", offer, "submit").status_code == 200
        offers[name] = offer
    Competition.objects.filter(pk=published.pk).update(
        state="offers_closed", offers_deadline=timezone.now() - timedelta(seconds=1)
    )
    for offer in offers.values():
        assert transition(api_as(staff), "offer", offer, "accept_formally").status_code == 200
        offer.refresh_from_db()
    published.refresh_from_db()
    published.offers_ = offers
    return published


def points(competition, quality, costs):
    return {"points": {str(competition.quality.pk): quality, str(competition.costs.pk): costs}}


def test_a_member_sees_the_offers_only_after_the_declaration(api_as, assessed, commission):
    client = api_as(commission[0].person)
    url = f"/api/v1/grants/competitions/{assessed.pk}/offers/"
    before = client.get(url)
    assert before.status_code == 403
    assert "oświadczenie" in before.json()["error"]["message"]
    assert (
        client.post(
            scores_url(assessed.offers_["a"]), points(assessed, 5, 5), format="json"
        ).status_code
        == 403
    )
    assert declare(client, assessed).status_code == 200
    after = client.get(url)
    assert after.status_code == 200
    assert {o["title"] for o in after.json()} == {o.title for o in assessed.offers_.values()}


def test_outsiders_neither_see_nor_score(api_as, resident, assessed, org):
    client = api_as(resident)
    assert client.get(f"/api/v1/grants/competitions/{assessed.pk}/offers/").status_code == 403
    assert declare(client, assessed).status_code == 403
    offeror = api_as(org["a"].rep)
    response = offeror.post(
        scores_url(assessed.offers_["a"]), points(assessed, 10, 5), format="json"
    )
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_a_member_linked_to_the_offering_organisation_is_excluded_from_its_offer(
    api_as, assessed, commission
):
    client = api_as(commission[2].person)
    declare(client, assessed)
    refused = client.post(scores_url(assessed.offers_["b"]), points(assessed, 10, 5), format="json")
    assert refused.status_code == 409
    assert "Reprezentujesz organizację" in refused.json()["error"]["message"]
    allowed = client.post(scores_url(assessed.offers_["a"]), points(assessed, 6, 2), format="json")
    assert allowed.status_code == 200, allowed.json()


@pytest.mark.parametrize(
    "body",
    [
        {"points": {}},
        {"points": "10"},
        {"points": {"1": 3}},
    ],
)
def test_every_criterion_needs_points_in_range(api_as, assessed, commission, body):
    client = api_as(commission[0].person)
    declare(client, assessed)
    assert client.post(scores_url(assessed.offers_["a"]), body, format="json").status_code == 400
    over = client.post(scores_url(assessed.offers_["a"]), points(assessed, 11, 5), format="json")
    assert over.status_code == 400
    assert not Score.objects.exists()


def test_the_commission_scores_the_city_decides_and_the_results_are_published(
    api, api_as, staff, assessed, commission, org
):
    a, b = assessed.offers_["a"], assessed.offers_["b"]
    clients = [api_as(m.person) for m in commission]
    for client in clients:
        declare(client, assessed)
    # Hand-worked: A by members 1, 2, 3: 80, 66, 70 → 72.00; B by members 1, 2: 48+16=64,
    # 30+24=54 → 59.00 (member 3 represents B).
    for client, (q, c) in zip(clients, [(8, 4), (7, 3), (9, 2)], strict=True):
        assert client.post(scores_url(a), points(assessed, q, c), format="json").status_code == 200
    assert clients[0].post(scores_url(b), points(assessed, 8, 2), format="json").status_code == 200

    boss = api_as(staff)
    early = transition(boss, "competition", assessed, "score")
    assert early.status_code == 409
    assert b.title in early.json()["error"]["message"]
    assert clients[1].post(scores_url(b), points(assessed, 5, 3), format="json").status_code == 200
    assert transition(boss, "competition", assessed, "score").status_code == 200
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.state, a.score, b.score) == (OfferState.SCORED, Decimal("72.00"), Decimal("59.00"))
    late = clients[0].post(scores_url(a), points(assessed, 1, 1), format="json")
    assert late.status_code == 409

    # Before the results the offeror does not see the score; the public sees nothing.
    mine = api_as(org["a"].rep).get(f"/api/v1/grants/offers/{a.pk}/")
    assert mine.status_code == 200
    assert mine.json()["score"] is None
    assert api.get(f"/api/v1/grants/offers/{a.pk}/").status_code == 404
    assert "results" not in api.get(f"/api/v1/grants/competitions/{assessed.pk}/").json()

    too_much = transition(boss, "offer", a, "grant", amount="18000.01")
    assert too_much.status_code == 400
    assert transition(boss, "offer", a, "grant", amount="15000").status_code == 200
    assert transition(boss, "competition", assessed, "publish_results").status_code == 409
    assert transition(boss, "offer", b, "refuse_grant").status_code == 400
    reason = "Za mało punktów wobec dostępnych środków."
    assert transition(boss, "offer", b, "refuse_grant", reason=reason).status_code == 200
    assert (
        transition(api_as(org["a"].rep), "competition", assessed, "publish_results").status_code
        == 403
    )
    assert transition(boss, "competition", assessed, "publish_results").status_code == 200

    results = api.get(f"/api/v1/grants/competitions/{assessed.pk}/").json()["results"]
    assert [(r["title"], r["score"], r["granted"], r["decision_reason"]) for r in results] == [
        (a.title, "72.00", "15000.00", ""),
        (b.title, "59.00", None, reason),
    ]
    assert api_as(org["a"].rep).get(f"/api/v1/grants/offers/{a.pk}/").json()["score"] == "72.00"


def test_grants_cannot_exceed_the_competition_funds(api_as, staff, assessed):
    Competition.objects.filter(pk=assessed.pk).update(state="scored", funds=Decimal("40000"))
    a, b = assessed.offers_["a"], assessed.offers_["b"]
    Offer.objects.filter(pk__in=[a.pk, b.pk]).update(state="scored")
    boss = api_as(staff)
    assert transition(boss, "offer", b, "grant", amount="30000").status_code == 200
    over = transition(boss, "offer", a, "grant", amount="18000")
    assert over.status_code == 400
    assert "10000.00" in over.json()["error"]["message"]
