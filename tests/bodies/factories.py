from datetime import date, timedelta

import factory
from django.utils import timezone

from bodies.models import Body, BodyKind, Membership


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    kind = BodyKind.DIALOGUE_COMMISSION
    name = factory.Sequence(lambda n: f"Komisja Dialogu Obywatelskiego nr {n}")
    legal_basis = "Zarządzenie nr 1/2024 Prezydenta Miasta Krakowa"
    term_start = date(2024, 1, 1)
    term_end = date(2027, 12, 31)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    role = "member"
    term_start = date(2024, 1, 1)


TITLE = "Priorytety dzielnicy na rok 2027"


def district_council(make_user, prefix: str = "") -> Body:
    """A district's council with its chair and one councillor (`body.chair`, `body.member`)."""

    from tests.budget.factories import DistrictFactory
    from workflows.accounts.models import Role

    district = DistrictFactory()
    body = BodyFactory(
        kind=BodyKind.DISTRICT_COUNCIL, name=f"Rada Dzielnicy {district}", district=district
    )
    body.chair = make_user(Role.RESIDENT, username=f"{prefix}chair")
    body.member = make_user(Role.RESIDENT, username=f"{prefix}councillor")
    MembershipFactory(body=body, person=body.chair, role="chair")
    MembershipFactory(body=body, person=body.member, role="member")
    return body


def draft(council, by=None, days=14):
    """A district document prepared for comments (a draft round) by the council's chair."""

    from bodies import consultations

    return consultations.consultation_create(
        by=by or council.chair,
        body=council,
        title=TITLE,
        text="1. Zieleń przy szkołach.\n2. Bezpieczne przejścia.",
        closes_at=timezone.now() + timedelta(days=days),
    )
