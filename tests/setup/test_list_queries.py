"""The set-up list pages read a constant number of queries however many rows they show."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget.models import CityUnit, PoolKind
from tests.budget.factories import DistrictFactory, EditionFactory, PoolFactory
from tests.consultations.factories import (
    ChapterFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SectorTeamFactory,
)
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db

numbers = itertools.count(100)


@pytest.fixture
def office(client, make_user):
    """An administrator who is also council staff: every set-up page is open to them."""

    client.force_login(make_user(Role.ADMINISTRATOR, Role.COUNCIL_STAFF, username="office"))
    return client


def people(make_user, context):
    make_user(Role.COUNCIL_STAFF, Role.VERIFIER)


def organisations(make_user, context):
    OrganisationFactory()


def editions(make_user, context):
    EditionFactory(year=next(numbers) + 2000)


def pools(make_user, context):
    edition = context.setdefault("edition", EditionFactory())
    district = DistrictFactory(city=edition.city, number=next(numbers))
    PoolFactory(edition=edition, district=district, kind=PoolKind.DISTRICT)


def units(make_user, context):
    unit = CityUnit.objects.create(name=f"Jednostka {next(numbers)}")
    unit.members.add(make_user(Role.VERIFIER), make_user(Role.VERIFIER))


def teams(make_user, context):
    team = SectorTeamFactory(moderator=make_user())
    team.members.add(make_user(), make_user())


def chapters(make_user, context):
    ChapterFactory(programme=context.setdefault("programme", ProgrammeFactory()))


PAGES = {
    "people": (people, lambda c: "/panel/osoby/"),
    "organisations": (organisations, lambda c: "/organizacje/"),
    "editions": (editions, lambda c: "/budzet/ustawienia/"),
    "pools": (pools, lambda c: f"/budzet/ustawienia/{c['edition'].pk}/pule/"),
    "units": (units, lambda c: "/budzet/jednostki/"),
    "teams": (teams, lambda c: "/konsultacje/zespoly/"),
    "chapters": (chapters, lambda c: f"/konsultacje/{c['programme'].pk}/rozdzialy/"),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_set_up_list_reads_constant_queries_as_it_grows(
    name, office, make_user, django_assert_max_num_queries
):
    add, url = PAGES[name]
    context = {}
    add(make_user, context)
    office.get(url(context))  # warms the caches a first request fills (content types, session)
    with CaptureQueriesContext(connection) as one_row:
        assert office.get(url(context)).status_code == 200
    for _ in range(6):
        add(make_user, context)
    with django_assert_max_num_queries(len(one_row)):
        assert office.get(url(context)).status_code == 200
