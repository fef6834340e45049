"""Concurrent advances of one object: exactly one wins, the rest get 409 with the state."""

import threading

import pytest
from django.db import connection

from tests.workflows.engine_app.models import Petition
from workflows.errors import Conflict
from workflows.models import AuditEntry
from workflows.services import SYSTEM, advance

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def race(petition, transition, threads):
    barrier = threading.Barrier(threads)
    outcomes = []

    def attempt():
        barrier.wait()
        try:
            advance(Petition.objects.get(pk=petition.pk), transition, by=SYSTEM)
            outcomes.append("ok")
        except Conflict as exc:
            outcomes.append(exc.details.get("state"))
        finally:
            connection.close()

    workers = [threading.Thread(target=attempt) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes


def test_two_threads_one_transition(on_postgres, petition):
    outcomes = race(petition, "close", 2)
    assert sorted(outcomes) == ["closed", "ok"]
    assert AuditEntry.objects.filter(action="close").count() == 1


def test_twenty_threads_one_transition(on_postgres, petition):
    outcomes = race(petition, "close", 20)
    assert outcomes.count("ok") == 1
    assert outcomes.count("closed") == 19
    assert AuditEntry.objects.count() == 1
