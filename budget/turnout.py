"""Turnout on the live stream `edition.<id>`, coalesced to at most one message per slot.

A burst of ballots must not become a burst of messages. Time is cut into slots of
BUDGET_TURNOUT_INTERVAL seconds (0.25 s: at most 4 messages a second per stream, across all
workers, because a slot is claimed with an atomic cache.add — Redis in production). The
first ballot of a slot sends at once. A ballot whose slot was already claimed schedules a
trailing send at the start of the next slot; if someone else claims that slot first, their
count is taken after our commit and so includes our ballot: the last update is never lost.
Votes per project are never part of it.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Count

from workflows import live

log = logging.getLogger(__name__)

_pending: dict[int, int] = {}
_claimed: dict[int, int] = {}  # the last slot known to be claimed, per edition
_lock = threading.Lock()


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
    live.publish_transient(stream_of(edition_id), "turnout", snapshot(edition_id))


def _claim(edition_id: int, slot: int) -> bool:
    return cache.add(f"budget:turnout:{edition_id}:{slot}", 1, timeout=60)


def changed(edition_id: int) -> None:
    """Call after a ballot commits (transaction.on_commit)."""

    slot = int(time.time() / interval())
    if _claimed.get(edition_id) == slot:
        # Already sent in this slot (known without asking the cache): only the trailing one.
        _schedule(edition_id, slot + 1)
        return
    try:
        _claimed[edition_id] = slot
        if _claim(edition_id, slot):
            send(edition_id)
            return
    except Exception:
        # A broken cache or channel layer never fails a committed ballot.
        log.warning("turnout update for edition %s failed", edition_id, exc_info=True)
        return
    _schedule(edition_id, slot + 1)


def _schedule(edition_id: int, slot: int) -> None:
    with _lock:
        if _pending.get(edition_id, -1) >= slot:
            return
        _pending[edition_id] = slot
    delay = max(slot * interval() - time.time(), 0) + 0.005
    timer = threading.Timer(delay, _flush, args=(edition_id, slot))
    timer.daemon = True
    timer.start()


def _flush(edition_id: int, slot: int) -> None:
    try:
        if _claim(edition_id, slot):
            send(edition_id)
    except Exception:
        log.warning("trailing turnout update for edition %s failed", edition_id, exc_info=True)
    finally:
        with _lock:
            if _pending.get(edition_id) == slot:
                del _pending[edition_id]
        connections.close_all()  # this timer thread's own connections


def wait_idle(timeout: float = 2.0) -> None:
    """Tests and the bench: wait until no trailing update is pending."""

    deadline = time.monotonic() + timeout
    while _pending and time.monotonic() < deadline:
        time.sleep(0.01)
