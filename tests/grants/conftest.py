from decimal import Decimal

import pytest

from grants.models import CostLine
from tests.grants.factories import (
    CommissionMemberFactory,
    CompetitionFactory,
    CriterionFactory,
    OrganisationFactory,
)
from workflows.accounts.models import Role


def transition(client, kind: str, obj, name: str, **body):
    return client.post(
        f"/api/v1/workflows/{kind}/{obj.pk}/transitions/{name}/", body, format="json"
    )


def line(
    name="Wynagrodzenie trenera",
    quantity="10",
    unit_cost="2000.00",
    grant="18000.00",
    own="2000.00",
):
    return {
        "name": name,
        "quantity": quantity,
        "unit_cost": unit_cost,
        "from_grant": grant,
        "from_own": own,
    }


def offer_body(organisation, *lines, **fields):
    return {
        "organisation": organisation.pk,
        "title": "Zajęcia ruchowe dla seniorów",
        "description": "Cotygodniowe zajęcia w trzech dzielnicach.",
        "schedule": "marzec–grudzień 2027",
        "resources": "Dwóch trenerów, sala.",
        "starts_on": "2027-04-01",
        "ends_on": "2027-11-30",
        "cost_lines": list(lines) or [line()],
        **fields,
    }


@pytest.fixture
def draft(staff):
    """A draft: 100 000 zł, grants 5 000–40 000 zł, 10% own contribution, offers in 30 days;
    criteria "Jakość" 60% (0–10 points) and "Koszty" 40% (0–5 points)."""

    competition = CompetitionFactory(created_by=staff)
    competition.quality = CriterionFactory(
        competition=competition, name="Jakość", weight=60, max_points=10
    )
    competition.costs = CriterionFactory(
        competition=competition, name="Koszty", weight=40, max_points=5
    )
    return competition


@pytest.fixture
def published(draft, api_as, staff):
    response = transition(api_as(staff), "competition", draft, "publish")
    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    return draft


@pytest.fixture
def org(make_user):
    """Two organisations, each with a representative."""

    people = {}
    for name in ("a", "b"):
        person = make_user(Role.RESIDENT, username=f"rep-{name}")
        organisation = OrganisationFactory(name=f"Fundacja {name.upper()}")
        organisation.representatives.add(person)
        organisation.rep = person
        people[name] = organisation
    return people


def add_offer(organisation, competition, *, grant="18000.00", own="2000.00"):
    """A draft offer written straight to the database (arranging, not exercising)."""

    from tests.grants.factories import OfferFactory

    offer = OfferFactory(competition=competition, organisation=organisation)
    CostLine.objects.create(
        offer=offer,
        name="Koszt",
        quantity=Decimal("1"),
        unit_cost=Decimal(grant) + Decimal(own),
        from_grant=Decimal(grant),
        from_own=Decimal(own),
    )
    return offer


@pytest.fixture
def commission(make_user, draft):
    """Three members of the draft's commission, none declared yet."""

    return [
        CommissionMemberFactory(competition=draft, person=make_user(username=f"komisja{i}"))
        for i in (1, 2, 3)
    ]
