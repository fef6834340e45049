"""Budget test data: an edition with its schedule, pools, a unit and proposals in any state."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from budget.models import CityUnit, Edition, Phase, Pool, Proposal
from budget.models.editions import PHASE_ORDER
from districts.models import City, District


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ("slug",)

    name = "Kraków"
    slug = "krakow"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("city", "number")

    city = factory.SubFactory(CityFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Dzielnica {n + 1}")


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    city = factory.SubFactory(CityFactory)
    year = factory.Sequence(lambda n: 2030 + n)
    title = factory.LazyAttribute(lambda o: f"Budżet Obywatelski Krakowa {o.year}")
    total_amount = Decimal("10000000")
    identification = factory.LazyFunction(lambda: ["pesel", "code"])
    max_choices = 3
    ordinal_points = factory.LazyFunction(lambda: [3, 2, 1])
    max_points = 10
    minimum_age = 16
    guardian_under = 18


class PoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pool

    edition = factory.SubFactory(EditionFactory)
    district = None
    name = "Pula ogólnomiejska"
    amount = Decimal("5000000")
    max_project_cost = Decimal("1000000")
    population = 800000


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityUnit
        django_get_or_create = ("name",)

    name = "Zarząd Zieleni Miejskiej"
    short_name = "ZZM"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    edition = factory.SelfAttribute("pool.edition")
    pool = factory.SubFactory(PoolFactory)
    author = None
    title = factory.Sequence(lambda n: f"Park kieszonkowy nr {n}")
    description = "Nasadzenia, ławki i mała architektura."
    location = "ul. Przykładowa"
    estimated_cost = Decimal("200000")


def schedule(edition, current: str | None, *, days: int = 10):
    """Phases one after another, `current` open now (earlier ones past, later ones future)."""

    now = timezone.now()
    index = PHASE_ORDER.index(current) if current else len(PHASE_ORDER)
    Phase.objects.filter(edition=edition).delete()
    for i, kind in enumerate(PHASE_ORDER):
        offset = (i - index) * days
        opens = now + timedelta(days=offset) - timedelta(days=days // 2)
        Phase.objects.create(
            edition=edition, kind=kind, opens_at=opens, closes_at=opens + timedelta(days=days)
        )
    edition.save()
