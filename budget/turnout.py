"""Turnout on the live stream `edition.<id>`, coalesced to at most one message per slot.

A burst of ballots must not become a burst of messages. Time is cut into slots of
BUDGET_TURNOUT_INTERVAL seconds (0.25 s: at most 4 messages a second per stream, across all
workers, because a slot is claimed with an atomic cache.add — Redis in production).

Casting a ballot only marks its edition dirty (no network, no query on the hot path). One
background thread per process sends: it claims the current slot and sends the count, taken
after the claim and so after the ballot's commit. If the slot was already claimed (maybe
before our ballot committed), it waits for the next slot and tries again; if someone else
claims that one, their count is taken after our commit too — so the last update is never
lost. Votes per project are never part of it.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Count

from workflows import live

log = logging.getLogger(__name__)

_dirty: dict[int, float] = {}  # edition -> when it became dirty
_wake = threading.Condition()
_worker: threading.Thread | None = None


def interval() -> float:
    return float(getattr(settings, "BUDGET_TURNOUT_INTERVAL", 0.25))


def stream_of(edition_id: int) -> str:
    return f"edition.{edition_id}"


def snapshot(edition_id: int) -> dict:
    from .models import Ballot, BallotChoice

    valid = Ballot.objects.filter(edition_id=edition_id, invalidated_at__isnull=True)
    by_band = dict(valid.values_list("age_band").annotate(n=Count("id")).order_by())
    by_pool = dict(
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
        "by_pool": {str(pool): n for pool, n in sorted(by_pool.items())},
        "by_age_band": dict(sorted(by_band.items())),
    }


def send(edition_id: int) -> None:
    if connection.vendor == "sqlite":
        # The in-memory test database runs SQLite in shared-cache mode, where this reader's
        # table locks would make a concurrent ballot fail with "table is locked". Without
        # shared cache (the embedded file database) the pragma changes nothing.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")
    live.publish_transient(stream_of(edition_id), "turnout", snapshot(edition_id))


def changed(edition_id: int) -> None:
    """Call after a ballot commits (transaction.on_commit): cheap, never raises."""

    global _worker
    with _wake:
        _dirty[edition_id] = time.time()  # the latest commit that needs reporting
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_run, name="budget-turnout", daemon=True)
            _worker.start()
        _wake.notify()


def _claim(edition_id: int, slot: int) -> bool:
    return cache.add(f"budget:turnout:{edition_id}:{slot}", 1, timeout=60)


def _run() -> None:
    tried: dict[int, int] = {}  # edition -> the slot whose claim failed
    while True:
        with _wake:
            while not _dirty:
                _wake.wait()
            editions = dict(_dirty)
        slot = int(time.time() / interval())
        for edition_id, since in editions.items():
            if tried.get(edition_id, -1) >= slot:
                continue  # wait for the next slot
            try:
                if _claim(edition_id, slot):
                    send(edition_id)
                    done = True
                else:
                    # Claimed by someone else: fine if that slot began after we got dirty.
                    done = slot * interval() > since
                    tried[edition_id] = slot
            except Exception:
                log.warning("turnout update for edition %s failed", edition_id, exc_info=True)
                done = True  # a broken cache or layer must not spin; the next ballot retries
            finally:
                connections.close_all()  # this thread's own connections
            if done:
                with _wake:
                    if _dirty.get(edition_id) == since:  # no ballot committed meanwhile
                        del _dirty[edition_id]
                tried.pop(edition_id, None)
        with _wake:
            if _dirty:
                _wake.wait(max((slot + 1) * interval() - time.time(), 0) + 0.001)


def wait_idle(timeout: float = 3.0) -> None:
    """Tests and the bench: wait until no update is pending."""

    deadline = time.monotonic() + timeout
    while _dirty and time.monotonic() < deadline:
        time.sleep(0.01)
