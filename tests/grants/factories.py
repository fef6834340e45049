from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from grants.models import CommissionMember, Competition, CostLine, Criterion, Offer
from tests.consultations.factories import TaskAreaFactory


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    task_area = factory.SubFactory(TaskAreaFactory)
    title = factory.Sequence(lambda n: f"Wspieranie aktywności seniorów ({n})")
    form = "supporting"
    funds = Decimal("100000.00")
    rules = "Dotacje na zadania realizowane w Krakowie."
    carried_out_from = date(2027, 3, 1)
    carried_out_to = date(2027, 12, 15)
    offers_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    min_grant = Decimal("5000.00")
    max_grant = Decimal("40000.00")
    own_contribution_percent = Decimal("10")
    created_by = factory.SubFactory("tests.grants.factories.UserFactory")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.User"

    username = factory.Sequence(lambda n: f"grants-user{n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    competition = factory.SubFactory(CompetitionFactory)
    name = factory.Sequence(lambda n: f"kryterium {n}")
    weight = 50
    max_points = 10


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    competition = factory.SubFactory(CompetitionFactory)
    organisation = factory.SubFactory("tests.grants.factories.OrganisationFactory")
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Oferta {n}")
    starts_on = date(2027, 4, 1)
    ends_on = date(2027, 11, 30)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Organisation"

    name = factory.Sequence(lambda n: f"Stowarzyszenie {n}")
    krs = factory.Sequence(lambda n: f"{n + 1:010d}")


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    offer = factory.SubFactory(OfferFactory)
    name = "Wynagrodzenie trenera"
    quantity = Decimal("10")
    unit_cost = Decimal("2000.00")
    from_grant = Decimal("18000.00")
    from_own = Decimal("2000.00")


class CommissionMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissionMember

    competition = factory.SubFactory(CompetitionFactory)
    person = factory.SubFactory(UserFactory)
