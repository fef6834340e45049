"""Turnout from kept counts below a watermark: always equal to a count from scratch."""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count

from budget import turnout
from budget.models import Ballot, BallotChoice

from .conftest import make_edition
from .factories import ProposalFactory
from .pesel import adult, aged

pytestmark = pytest.mark.django_db(transaction=True)  # kept counts are kept in autocommit


@pytest.fixture
def box(make_user, monkeypatch):
    # These tests take the snapshots themselves: the process's background sender, woken by
    # each ballot's commit, would store its own kept counts in between.
    turnout.wait_idle()
    monkeypatch.setattr(turnout, "changed", lambda edition_id: None)
    author = make_user(username="autor-frekwencja")
    edition, city, district = make_edition("voting", "voting")
    projects = {
        city.pk: [ProposalFactory(pool=city, author=author, state="on_ballot") for _ in range(2)],
        district.pk: [ProposalFactory(pool=district, author=author, state="on_ballot")],
    }
    edition.save()
    return edition, city, district, projects


@pytest.fixture
def settled_at_once(monkeypatch):
    """Every horizon is final at the next send (the tests count, they do not race)."""

    monkeypatch.setattr(turnout, "_settled", lambda marker: True)


def cast(box, serial: int, *, district: bool = True, age: int | None = None):
    from budget.services.voting import cast_ballot

    edition, city, district_pool, projects = box
    pools = [(city.pk, projects[city.pk])] + (
        [(district_pool.pk, projects[district_pool.pk])] if district else []
    )
    return cast_ballot(
        edition_id=edition.pk,
        identification={
            "method": "pesel",
            "pesel": aged(age, serial) if age else adult(serial),
            "first_name": "A",
            "last_name": "B",
            "residence_declared": True,
            "guardian_declared": True,
            "guardian": {
                "first_name": "C",
                "last_name": "B",
                "pesel": adult((serial + 5000) % 10000),
            },
        },
        selections=[
            {"pool": pool, "choices": [{"proposal": p.pk} for p in chosen]}
            for pool, chosen in pools
        ],
    )


def from_scratch(edition_id: int) -> dict:
    """The count as it was before kept counts: every valid ballot, joined to its choices."""

    valid = Ballot.objects.filter(edition_id=edition_id, invalidated_at__isnull=True)
    by_band = dict(valid.values_list("age_band").annotate(n=Count("id")).order_by())
    by_pool = (
        BallotChoice.objects.filter(
            ballot__edition_id=edition_id, ballot__invalidated_at__isnull=True
        )
        .values_list("pool_id")
        .annotate(n=Count("ballot_id", distinct=True))
        .order_by()
    )
    return {
        "edition": edition_id,
        "total": sum(by_band.values()),
        "by_pool": {str(pool): n for pool, n in sorted(by_pool)},
        "by_age_band": dict(sorted(by_band.items())),
        "voided_duplicates": Ballot.objects.filter(
            edition_id=edition_id, voided_as_duplicate=True
        ).count(),
    }


def kept(edition_id: int) -> dict:
    return cache.get(f"budget:turnout:kept:{edition_id}")


def test_ballots_below_and_above_the_watermark_are_counted_once(box, settled_at_once):
    edition = box[0]
    below = [cast(box, n, district=n % 2 == 0, age=20 + 10 * n) for n in range(4)]
    turnout.snapshot(edition.pk)  # takes a horizon
    turnout.snapshot(edition.pk)  # settles it: the watermark is the highest id
    assert kept(edition.pk)["upto"] >= below[-1].pk
    for n in range(4, 7):
        cast(box, n, district=False)
    assert turnout.snapshot(edition.pk) == from_scratch(edition.pk)
    assert turnout.snapshot(edition.pk)["total"] == 7
    assert turnout.recount(edition.pk) == from_scratch(edition.pk)


def test_an_invalidated_ballot_below_the_watermark_is_subtracted(box, settled_at_once, staff):
    from budget.services.voting import invalidate_ballot

    edition = box[0]
    ballots = [cast(box, n) for n in range(3)]
    turnout.snapshot(edition.pk)
    turnout.snapshot(edition.pk)
    assert kept(edition.pk)["upto"] >= ballots[0].pk
    invalidate_ballot(ballot_id=ballots[0].pk, by=staff, reason="Głos oddany dwa razy.")
    cast(box, 3, district=False)
    counts = turnout.snapshot(edition.pk)
    assert counts == from_scratch(edition.pk)
    assert counts["total"] == 3 and counts["by_pool"][str(box[2].pk)] == 2


def test_a_cleared_cache_means_counting_from_scratch(box, settled_at_once):
    edition = box[0]
    for n in range(3):
        cast(box, n)
    turnout.snapshot(edition.pk)
    turnout.snapshot(edition.pk)
    cache.clear()
    cast(box, 3)
    assert turnout.snapshot(edition.pk) == from_scratch(edition.pk)


def test_kept_counts_of_another_database_are_ignored(box, settled_at_once):
    edition = box[0]
    for n in range(2):
        cast(box, n)
    turnout.snapshot(edition.pk)
    turnout.snapshot(edition.pk)
    entry = kept(edition.pk)
    # The same ids, other ballots: as after restoring the database under a live cache.
    cache.set(f"budget:turnout:kept:{edition.pk}", {**entry, "receipt": "0" * 16, "total": 99})
    assert turnout.snapshot(edition.pk) == from_scratch(edition.pk)


def test_a_transaction_keeps_nothing(box, settled_at_once):
    edition = box[0]
    with transaction.atomic():
        cast(box, 0)
        assert turnout.snapshot(edition.pk)["total"] == 1
        transaction.set_rollback(True)
    assert kept(edition.pk) is None
    assert turnout.snapshot(edition.pk)["total"] == 0


def test_a_horizon_waits_for_a_ballot_still_being_written(box, on_postgres):
    """Ids are taken in order but committed in any order: a lower id still uncommitted keeps
    the horizon open until its transaction ends."""

    edition = box[0]
    cast(box, 0)
    inserted, release = threading.Event(), threading.Event()

    def slow_ballot():
        from budget import ballot_box, identity
        from budget.ballot_rules import Choice

        try:
            with transaction.atomic():
                voter = identity.Voter(key="k" * 64, method="pesel", age_band="35-49")
                choice = Choice(box[1].pk, box[3][box[1].pk][0].pk, 1, None)
                ballot_box.store(edition, voter, [choice], before_insert=lambda: None)
                inserted.set()
                release.wait(10)
        finally:
            connection.close()

    writer = threading.Thread(target=slow_ballot)
    writer.start()
    assert inserted.wait(10)
    cast(box, 1)  # a higher id, committed first
    horizon = turnout._horizon()
    assert not turnout._settled(horizon[1])
    release.set()
    writer.join()
    # Other sessions of the shared server may be in that snapshot too: they end soon.
    deadline = time.monotonic() + 20
    while not turnout._settled(horizon[1]):
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_ballots_cast_concurrently_end_in_an_exact_total(box, on_postgres):
    edition = box[0]
    threads, per_thread = 6, 15
    done = threading.Event()

    def voter(t):
        try:
            for n in range(per_thread):
                cast(box, 100 * t + n, district=n % 3 == 0)
        finally:
            connection.close()

    def sender():
        try:
            while not done.is_set():
                turnout.snapshot(edition.pk)
        finally:
            connection.close()

    watcher = threading.Thread(target=sender)
    watcher.start()
    voters = [threading.Thread(target=voter, args=(t,)) for t in range(threads)]
    for thread in voters:
        thread.start()
    for thread in voters:
        thread.join()
    done.set()
    watcher.join()
    assert turnout.snapshot(edition.pk) == from_scratch(edition.pk)
    assert from_scratch(edition.pk)["total"] == threads * per_thread


def test_the_watermark_rises_by_itself(box, settings):
    settings.BUDGET_TURNOUT_SETTLE = 0  # SQLite's wait; PostgreSQL waits for transactions
    edition = box[0]
    last = cast(box, 0)
    deadline = time.monotonic() + 20
    while not (kept(edition.pk) or {}).get("upto"):
        assert time.monotonic() < deadline
        assert turnout.snapshot(edition.pk) == from_scratch(edition.pk)
        time.sleep(0.05)
    assert kept(edition.pk)["upto"] >= last.pk
