"""Role × API write of the apps: comments, answers, ballots and the staff's ballot-box work.

Who may write is stated here once per endpoint (from the services' role checks); every
global role, the object-level roles and an anonymous visitor try each write, and exactly the
stated ones succeed — the others get 403 (anonymous: 403, never a 500 or a silent write).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from budget.models import Ballot
from consultations.models import Comment, Programme
from consultations.models.programme import State
from consultations.services.comments import submit_comment
from tests.system.builders import programme as build_programme
from tests.system.voting import ballot_body, pesel_of, voting_edition
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db

STAFF = {Role.COUNCIL_STAFF.label, Role.ADMINISTRATOR.label}
COORDINATORS = {Role.COORDINATING_TEAM.label, Role.ADMINISTRATOR.label, "coordinating team"}
SIGNED_IN = {role.label for role in Role} | {"coordinating team"}
EVERYONE = SIGNED_IN | {"anonymous"}


@pytest.fixture
def actors(make_user):
    users = {role.label: make_user(role) for role in Role}
    users["anonymous"] = None
    return users


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def attempt_all(actors, write) -> dict[str, int]:
    return {label: write(label, client_for(user)) for label, user in actors.items()}


def assert_exactly(outcomes: dict[str, int], allowed: set[str], ok: int) -> None:
    wrong = {
        label: status
        for label, status in outcomes.items()
        if status != (ok if label in allowed else 403)
    }
    assert not wrong, f"allowed {sorted(allowed)}; got {wrong}"


@pytest.fixture
def consultation(make_user, actors):
    programme, extras = build_programme(make_user)
    actors["coordinating team"] = extras["coordinating team member"]
    now = timezone.now()
    Programme.objects.filter(pk=programme.pk).update(
        state=State.COMMENTS_OPEN,
        comments_open_at=now - timedelta(days=1),
        comments_close_at=now + timedelta(days=7),
    )
    return Programme.objects.get(pk=programme.pk)


def test_comments_by_role(consultation, actors):
    url = f"/api/v1/consultations/programmes/{consultation.pk}/comments/"
    outcomes = attempt_all(
        actors,
        lambda label, c: (
            c.post(
                url, {"kind": "general", "justification": f"Uwaga: {label}"}, format="json"
            ).status_code
        ),
    )
    assert_exactly(outcomes, SIGNED_IN, 201)
    assert Comment.objects.count() == len(SIGNED_IN)


def test_answers_by_role(consultation, actors, make_user):
    comment = submit_comment(
        by=make_user(Role.RESIDENT), programme=consultation, kind="general", justification="Tak"
    )
    Programme.objects.filter(pk=consultation.pk).update(state=State.ANSWERING)
    url = f"/api/v1/consultations/comments/{comment.pk}/answer/"
    outcomes = attempt_all(
        actors,
        lambda label, c: (
            c.post(
                url, {"decision": "accepted", "reason": f"Odpowiedź: {label}"}, format="json"
            ).status_code
        ),
    )
    assert_exactly(outcomes, COORDINATORS, 200)
    assert Comment.objects.get(pk=comment.pk).answer.reason.startswith("Odpowiedź")


@pytest.fixture
def box(make_user):
    return voting_edition(make_user())


def test_online_ballots_need_no_account(box, actors):
    """Identification is in the body (PESEL), so every visitor may cast — once each."""

    voters = iter(range(100))
    outcomes = attempt_all(
        actors,
        lambda label, c: (
            c.post(box.cast_url, ballot_body(box, next(voters)), format="json").status_code
        ),
    )
    assert_exactly(outcomes, EVERYONE, 201)
    assert Ballot.objects.count() == len(actors)


def test_paper_ballots_by_role(box, actors):
    url = box.cast_url.replace("ballots/", "paper-ballots/")
    voters = iter(range(100))

    def enter(label, client):
        n = next(voters)
        body = ballot_body(box, n) | {"paper_number": f"K-{n:04d}"}
        return client.post(url, body, format="json").status_code

    assert_exactly(attempt_all(actors, enter), STAFF, 201)
    assert Ballot.objects.count() == len(STAFF)


def test_invalidation_by_role(box, actors):
    for n in range(len(actors)):
        response = APIClient().post(box.cast_url, ballot_body(box, 500 + n), format="json")
        assert response.status_code == 201
    ballots = iter(Ballot.objects.order_by("pk").values_list("pk", flat=True))
    outcomes = attempt_all(
        actors,
        lambda label, c: (
            c.post(
                f"/api/v1/budget/ballots/{next(ballots)}/invalidate/", {"reason": "błąd"}, "json"
            ).status_code
        ),
    )
    assert_exactly(outcomes, STAFF, 200)
    assert Ballot.objects.filter(invalidated_at__isnull=False).count() == len(STAFF)


def test_voting_codes_by_role(box, actors):
    url = f"/api/v1/budget/editions/{box.edition.pk}/codes/"
    serials = {label: n for n, label in enumerate(actors)}  # a resident of their own each

    def issue(label, client):
        body = {"pesels": [pesel_of(serials[label])], "label": label}
        return client.post(url, body, format="json").status_code

    assert_exactly(attempt_all(actors, issue), STAFF, 200)


@pytest.fixture
def counted(actors, make_user):
    """A counted edition whose every project (one per actor) was selected."""

    from budget.results.services import count_edition
    from tests.budget.factories import EditionFactory, PoolFactory, ProposalFactory
    from tests.budget.results.conftest import cast
    from workflows.services import SYSTEM

    edition = EditionFactory(state="voting_closed")
    pool = PoolFactory(edition=edition)
    author = make_user()
    projects = [
        ProposalFactory(pool=pool, author=author, state="on_ballot") for _ in range(len(actors))
    ]
    for project in projects:
        cast(edition, pool, project)
    count_edition(edition, by=SYSTEM, seed=1)
    return edition, projects


def test_result_amendments_by_role(counted, actors):
    edition, projects = counted
    url = f"/api/v1/budget/editions/{edition.pk}/results/amendments/"
    withdrawn = iter(projects)

    def amend(label, client):
        body = {
            "proposal": next(withdrawn).pk,
            "change": "withdraw",
            "reason": f"Decyzja: {label}",
            "resolution_number": "Uchwała nr XII/345/27",
            "resolution_date": "2027-03-02",
        }
        return client.post(url, body, format="json").status_code

    assert_exactly(attempt_all(actors, amend), STAFF, 201)


def test_budget_resolution_by_role(counted, actors):
    from budget.models import CityUnit, Implementation

    edition, projects = counted
    unit = CityUnit.objects.create(name="Zarząd Zieleni Miejskiej")
    Implementation.objects.bulk_create(Implementation(proposal=p, unit=unit) for p in projects)
    type(edition).objects.filter(pk=edition.pk).update(state="results_published")
    url = f"/api/v1/budget/editions/{edition.pk}/budget-resolution/"

    def record(label, client):
        body = {"resolution_number": f"Uchwała {label}", "resolution_date": "2027-12-18"}
        return client.post(url, body, format="json").status_code

    assert_exactly(attempt_all(actors, record), STAFF, 200)
