import pytest

from budget.models import CityUnit
from workflows.accounts.models import Role

from .factories import DistrictFactory, EditionFactory, PoolFactory, ProposalFactory, schedule


@pytest.fixture
def author(make_user):
    return make_user(Role.RESIDENT, username="autorka")


@pytest.fixture
def unit(verifier):
    unit = CityUnit.objects.create(name="Zarząd Zieleni Miejskiej", short_name="ZZM")
    unit.members.add(verifier)
    return unit


@pytest.fixture
def other_verifier(make_user):
    user = make_user(Role.VERIFIER, username="obcy-weryfikator")
    CityUnit.objects.create(name="Zarząd Dróg Miasta Krakowa").members.add(user)
    return user


def make_edition(state: str, phase: str | None = None, **fields):
    edition = EditionFactory(state=state, **fields)
    city_pool = PoolFactory(edition=edition)
    district = DistrictFactory(city=edition.city)
    district_pool = PoolFactory(
        edition=edition,
        district=district,
        name=f"Pula {district}",
        amount=1000000,
        max_project_cost=300000,
        population=50000,
    )
    schedule(edition, phase)
    return edition, city_pool, district_pool


@pytest.fixture
def edition_in():
    return make_edition


@pytest.fixture
def submission(edition_in):
    return edition_in("submission", "submission")


@pytest.fixture
def voting(edition_in, author):
    """An edition in voting: 4 citywide and 3 district projects on the ballot."""

    edition, city, district = edition_in("voting", "voting")
    city_projects = [ProposalFactory(pool=city, author=author, state="on_ballot") for _ in range(4)]
    district_projects = [
        ProposalFactory(pool=district, author=author, state="on_ballot") for _ in range(3)
    ]
    edition.save()
    return edition, city, district, city_projects, district_projects
