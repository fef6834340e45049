"""50 parallel ballots with the same PESEL: the database keeps exactly one."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from budget.models import Ballot, BallotChoice

from .conftest import make_edition
from .factories import ProposalFactory
from .pesel import adult


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_duplicates_store_exactly_one(on_postgres, make_user):
    edition, city, _ = make_edition("voting", "voting")
    author = make_user(username="autor-rownolegly")
    projects = [ProposalFactory(pool=city, author=author, state="on_ballot") for _ in range(3)]
    edition.save()
    body = {
        "identification": {
            "method": "pesel",
            "pesel": adult(9090),
            "first_name": "Ala",
            "last_name": "Nowak",
            "residence_declared": True,
        },
        "pools": [{"pool": city.pk, "choices": [{"proposal": projects[0].pk}]}],
    }
    start = threading.Barrier(50)
    statuses: list[int] = []
    lock = threading.Lock()

    def vote(n: int):
        client = APIClient(REMOTE_ADDR=f"10.0.0.{n}")  # 50 voters' devices, not one prober
        try:
            start.wait()
            status = client.post(
                f"/api/v1/budget/editions/{edition.pk}/ballots/", body, format="json"
            ).status_code
            with lock:
                statuses.append(status)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [409] * 49
    assert Ballot.objects.count() == 1 and BallotChoice.objects.count() == 1
