from datetime import timedelta

import pytest
from django.utils import timezone

from bodies import services
from bodies.models import BodyKind
from tests.bodies.factories import BodyFactory, MembershipFactory, district_council, draft
from tests.consultations.factories import ProgrammeFactory, published_chapter
from workflows.accounts.models import Role
from workflows.services import advance


@pytest.fixture
def commission(make_user):
    """A commission of five in term: a chair, a secretary and three members."""

    body = BodyFactory()
    people = {}
    for role, name in [
        ("chair", "chair"),
        ("secretary", "secretary"),
        ("member", "m1"),
        ("member", "m2"),
        ("member", "m3"),
    ]:
        people[name] = make_user(Role.RESIDENT, username=name)
        MembershipFactory(body=body, person=people[name], role=role)
    body.people = people
    return body


@pytest.fixture
def rdpp(make_user):
    body = BodyFactory(kind=BodyKind.RDPP, name="Rada Działalności Pożytku Publicznego Miasta")
    chair = make_user(Role.RESIDENT, username="rdpp-chair")
    MembershipFactory(body=body, person=chair, role="chair")
    body.people = {"chair": chair}
    return body


@pytest.fixture
def programme(db):
    """A complete programme: the council receives one only with its chapters published."""

    programme = ProgrammeFactory()
    published_chapter(programme)
    return programme


@pytest.fixture
def ask(staff):
    def ask_for(body, target, days=14):
        due = timezone.localdate() + timedelta(days=days)
        return services.request_opinion(
            by=staff, body=body, target=target, subject="Projekt programu", due_on=due
        )

    return ask_for


@pytest.fixture
def council(make_user):
    return district_council(make_user)


@pytest.fixture
def open_round(council):
    consultation = draft(council)
    advance(consultation, "open", by=council.chair)
    consultation.refresh_from_db()
    return consultation
