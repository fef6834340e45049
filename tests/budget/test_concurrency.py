"""50 parallel ballots of one voter (one PESEL, its spellings, its code): the database keeps
exactly one."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from budget.models import Ballot, BallotChoice, VotingCode
from budget.services.voting import generate_codes_for_residents
from workflows.accounts.models import Role

from .conftest import make_edition
from .factories import ProposalFactory
from .pesel import adult

pytestmark = pytest.mark.postgres


def voting_edition(make_user):
    edition, city, _ = make_edition("voting", "voting")
    author = make_user(username="autor-rownolegly")
    projects = [ProposalFactory(pool=city, author=author, state="on_ballot") for _ in range(3)]
    edition.save()
    return edition, {"pool": city.pk, "choices": [{"proposal": projects[0].pk}]}


def person(pesel: str) -> dict:
    return {
        "method": "pesel",
        "pesel": pesel,
        "first_name": "Ala",
        "last_name": "Nowak",
        "residence_declared": True,
    }


def all_at_once(edition, pool, identifications) -> list[int]:
    start = threading.Barrier(len(identifications))
    statuses: list[int] = []
    lock = threading.Lock()

    def vote(n: int, identification: dict):
        client = APIClient(REMOTE_ADDR=f"10.0.0.{n}")  # 50 voters' devices, not one prober
        body = {"identification": identification, "pools": [pool]}
        try:
            start.wait()
            status = client.post(
                f"/api/v1/budget/editions/{edition.pk}/ballots/", body, format="json"
            ).status_code
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=vote, args=(n, ident)) for n, ident in enumerate(identifications)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_duplicates_store_exactly_one(on_postgres, make_user):
    edition, pool = voting_edition(make_user)
    statuses = all_at_once(edition, pool, [person(adult(9090))] * 50)
    assert sorted(statuses) == [201] + [409] * 49
    assert Ballot.objects.count() == 1 and BallotChoice.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_spellings_and_the_code_of_one_person_store_exactly_one(on_postgres, make_user):
    edition, pool = voting_edition(make_user)
    _, text = generate_codes_for_residents(
        edition_id=edition.pk,
        by=make_user(Role.COUNCIL_STAFF, username="urzednik"),
        pesels=["85031745715"],
        label="listy",
    )
    code = text.splitlines()[1].split(",")[2]
    spellings = [
        "85031745715",
        "85031-745715",
        "8503 1745715",
        "85031\u2013745715",
        " 85031745715 ",
    ]
    idents = [person(spellings[n % 5]) for n in range(45)]
    idents += [{"method": "code", "code": code}] * 5
    statuses = all_at_once(edition, pool, idents)
    assert sorted(statuses) == [201] + [409] * 49
    assert Ballot.objects.count() == 1 and BallotChoice.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_code_batches_for_one_resident_issue_one_code(on_postgres, make_user):
    edition, _ = voting_edition(make_user)
    staff = make_user(Role.COUNCIL_STAFF, username="urzednik")
    start = threading.Barrier(4)
    statuses: list[int] = []

    def issue(n: int):
        client = APIClient()
        client.force_authenticate(staff)
        body = {"pesels": [adult(n), "85031745715"], "label": f"partia {n}"}
        try:
            start.wait()
            url = f"/api/v1/budget/editions/{edition.pk}/codes/"
            statuses.append(client.post(url, body, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409, 409, 409]
    assert VotingCode.objects.count() == 2
