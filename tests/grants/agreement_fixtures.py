"""Arranging agreements: a competition with published results and an offer granted 18 000 zł
of the 20 000 zł requested (so the organisation must update its estimate)."""

from datetime import date
from decimal import Decimal

import pytest

from grants.agreements import Agreement
from grants.models import Competition, CostLine, Offer
from tests.grants.conftest import transition
from tests.grants.factories import CompetitionFactory, OfferFactory

API = "/api/v1/grants/agreements/"

# The offer's estimate: 20 000 zł of grant requested, 2 400 zł own (10.71%).
OFFERED = [
    ("Wynagrodzenie trenera", "10", "2000.00", "18000.00", "2000.00"),
    ("Wynajem sali", "4", "600.00", "2000.00", "400.00"),
]
# Updated to the 18 000 zł granted: 16 200 + 1 800 of grant, 1 800 + 600 own (11.76%).
UPDATED = [
    {
        "name": "Wynagrodzenie trenera",
        "quantity": "10",
        "unit_cost": "1800.00",
        "from_grant": "16200.00",
        "from_own": "1800.00",
    },
    {
        "name": "Wynajem sali",
        "quantity": "4",
        "unit_cost": "600.00",
        "from_grant": "1800.00",
        "from_own": "600.00",
    },
]


def granted_offer(organisation, granted="18000.00", staff=None) -> Offer:
    competition = CompetitionFactory(
        carried_out_from=date(2027, 3, 1),
        carried_out_to=date(2027, 12, 15),
        **({"created_by": staff} if staff else {}),
    )
    Competition.objects.filter(pk=competition.pk).update(state="results_published")
    offer = OfferFactory(
        competition=competition, organisation=organisation, schedule="marzec–grudzień 2027"
    )
    for name, quantity, unit, grant, own in OFFERED:
        CostLine.objects.create(
            offer=offer,
            name=name,
            quantity=Decimal(quantity),
            unit_cost=Decimal(unit),
            from_grant=Decimal(grant),
            from_own=Decimal(own),
        )
    Offer.objects.filter(pk=offer.pk).update(state="granted", granted=Decimal(granted))
    offer.refresh_from_db()
    return offer


@pytest.fixture
def offer(org, staff):
    return granted_offer(org["a"], staff=staff)


def draft(api, offer, **body):
    return api.post(API, {"offer": offer.pk, "number": "DS/1/2027", **body}, format="json")


def take(api, kind, obj, name, **body):
    return transition(api, kind, obj, name, **body)


def signed(api_as, staff, org, offer, **body):
    """Drafted (two tranches over two budget years), estimate updated, signed."""

    response = draft(
        api_as(staff),
        offer,
        starts_on="2027-09-01",
        ends_on="2028-06-30",
        tranches=[{"year": 2027, "amount": "10000"}, {"year": 2028, "amount": "8000"}],
        **body,
    )
    assert response.status_code == 201, response.json()
    agreement = Agreement.objects.get(pk=response.json()["id"])
    rep = api_as(org["a"].rep)
    assert rep.put(f"{API}{agreement.pk}/estimate/", {"cost_lines": UPDATED}, format="json")
    assert take(api_as(staff), "grant_agreement", agreement, "sign", signed_on="2027-08-20")
    agreement.refresh_from_db()
    assert agreement.state == "signed"
    return agreement


def report_body(agreement, trainer="16000.00", room="1399.50", **fields):
    lines = {x.name: x.pk for x in agreement.cost_lines.all()}
    return {
        "final": True,
        "achieved": "40 zajęć dla 120 seniorów w trzech dzielnicach.",
        "beneficiaries": 120,
        "lines": [
            {
                "cost_line": lines["Wynagrodzenie trenera"],
                "spent_grant": trainer,
                "spent_own": "1800",
            },
            {"cost_line": lines["Wynajem sali"], "spent_grant": room, "spent_own": "600"},
        ],
        **fields,
    }
