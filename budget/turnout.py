"""Turnout on the live stream `edition.<id>`: exact, coalesced, and cheap at any size.

Coalescing. A burst of ballots must not become a burst of messages. Time is cut into slots of
BUDGET_TURNOUT_INTERVAL seconds (0.25 s: at most 4 messages a second per stream, across all
workers, because a slot is claimed with an atomic cache.add — Redis in production).
Casting a ballot only marks its edition dirty (no network, no query on the hot path). One
background thread per process sends: it claims the current slot and sends the count, taken
after the claim and so after the ballot's commit. If the slot was already claimed (maybe
before our ballot committed), it waits for the next slot and tries again; if someone else
claims that one, their count is taken after our commit too — so the last update is never
lost. Votes per project are never part of it.

Counting. A full count of ~100,000 ballots costs ~0.2 s of database CPU, 4 times a second
at the peak of voting. So the cache keeps, per edition, the counts of ALL its ballots (valid
or not) with an id up to a watermark, and a send counts only the ballots above it, then
subtracts the invalidated ones (a partial index holds only those). Kept counts describe
rows that never change — a ballot is never edited or deleted, only flagged invalid, and the
flag is subtracted live — so invalidating needs no cache work, and an old entry (say, Redis
restored from a dump) is still exact; a missing one means counting from scratch. An entry
names the receipt of its watermark ballot: behind another database it is ignored.

The watermark moves to a horizon, the highest ballot id seen by an earlier send, once every
ballot with a lower id is final (committed or rolled back), since ids are taken in order
but committed in any order. On PostgreSQL that is exact: the horizon keeps the snapshot
that saw its id, and it is final once every transaction of this database running in that
snapshot has ended (a long writing transaction only delays the watermark: sends cost more
meanwhile, never a wrong figure). On SQLite (embedded: one writer at a time, short transactions) a
horizon is final BUDGET_TURNOUT_SETTLE seconds (60) after it was read.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Count, Q

from workflows import live

from .streams import stream_of

log = logging.getLogger(__name__)

_dirty: dict[int, float] = {}  # edition -> when it became dirty
_wake = threading.Condition()
_worker: threading.Thread | None = None


def interval() -> float:
    return float(getattr(settings, "BUDGET_TURNOUT_INTERVAL", 0.25))


PARTS = ("total", "by_pool", "by_age_band")
NOTHING_KEPT = {"upto": 0, "receipt": None, "total": 0, "by_pool": {}, "by_age_band": {}}


def snapshot(edition_id: int) -> dict:
    """The exact turnout: the kept counts, plus the ballots above their watermark, minus the
    invalidated ballots. Outside a transaction it also moves the watermark up (see above)."""

    keep = not connection.in_atomic_block  # a transaction may see its own uncommitted ballots
    kept = _load(edition_id) if keep else None
    kept = kept or dict(NOTHING_KEPT)
    horizon = kept.get("next")
    settles = horizon is not None and keep and _settled(horizon[1])
    counts = _count(edition_id, above=kept["upto"], upto=horizon[0] if settles else 0)
    turnout = _report(edition_id, kept, counts)
    if keep:
        if settles:
            kept = {
                "upto": horizon[0],
                "receipt": horizon[2],
                **{part: _add(kept[part], counts["settled"][part]) for part in PARTS},
            }
        if settles or horizon is None:
            kept["next"] = _horizon()
        _store(edition_id, kept)
    return turnout


def recount(edition_id: int) -> dict:
    """The turnout counted from scratch (what a lost cache entry costs; tests compare)."""

    return _report(edition_id, NOTHING_KEPT, _count(edition_id, above=0, upto=0))


def _report(edition_id: int, kept: dict, counts: dict) -> dict:
    return {
        "edition": edition_id,
        **{
            part: _subtract(_add(kept[part], counts["fresh"][part]), counts["invalid"][part])
            for part in PARTS
        },
        # Ballots of people who voted on paper and online, void under "void both".
        "voided_duplicates": counts["voided_duplicates"],
    }


def _add(a, b):
    if isinstance(a, int):
        return a + b
    return {k: a.get(k, 0) + b.get(k, 0) for k in sorted(set(a) | set(b))}


def _subtract(a, b):
    if isinstance(a, int):
        return a - b
    return {k: n - b.get(k, 0) for k, n in a.items() if n - b.get(k, 0)}


def _count(edition_id: int, *, above: int, upto: int) -> dict:
    """Ballots with an id above `above` (`fresh`; `settled`: those up to `upto`) and every
    invalidated ballot (`invalid`), each as total, by pool and by age band."""

    from .models import Ballot, BallotChoice

    every = Q(id__gt=above) | Q(invalidated_at__isnull=False)  # pk range | partial index
    settled = Q(id__gt=above, id__lte=upto)
    bands = (
        Ballot.objects.filter(every, edition_id=edition_id)
        .values_list("age_band")
        .annotate(
            fresh=Count("id", filter=Q(id__gt=above)),
            settled=Count("id", filter=settled),
            invalid=Count("id", filter=Q(invalidated_at__isnull=False)),
            voided=Count("id", filter=Q(voided_as_duplicate=True)),
        )
        .order_by()
    )
    # Per pool without joining the ballots: the edition's pools select its choices, and
    # count(DISTINCT) sorts only each pool's ballot ids, in memory (a join sorted on disk).
    pools = (
        BallotChoice.objects.filter(pool__edition_id=edition_id, ballot_id__gt=above)
        .values_list("pool_id")
        .annotate(
            fresh=Count("ballot_id", distinct=True),
            settled=Count("ballot_id", distinct=True, filter=Q(ballot_id__lte=upto)),
        )
        .order_by()
    )
    invalid_pools = (
        BallotChoice.objects.filter(
            ballot__edition_id=edition_id, ballot__invalidated_at__isnull=False
        )
        .values_list("pool_id")
        .annotate(n=Count("ballot_id", distinct=True))
        .order_by()
    )
    counts = {kind: {"by_pool": {}, "by_age_band": {}} for kind in ("fresh", "settled", "invalid")}
    # Voided pairs (budget.duplicates) are invalidated: counted from the partial index too.
    counts["voided_duplicates"] = 0
    for band, fresh, settled_n, invalid, voided in bands:
        counts["voided_duplicates"] += voided
        for kind, n in (("fresh", fresh), ("settled", settled_n), ("invalid", invalid)):
            if n:
                counts[kind]["by_age_band"][band] = n
    for pool, fresh, settled_n in pools:
        counts["fresh"]["by_pool"][str(pool)] = fresh
        if settled_n:
            counts["settled"]["by_pool"][str(pool)] = settled_n
    counts["invalid"]["by_pool"] = {str(pool): n for pool, n in invalid_pools}
    for kind in ("fresh", "settled", "invalid"):
        counts[kind]["total"] = sum(counts[kind]["by_age_band"].values())
    return counts


def _key(edition_id: int) -> str:
    return f"budget:turnout:kept:{edition_id}"


def _load(edition_id: int) -> dict | None:
    from .models import Ballot

    try:
        kept = cache.get(_key(edition_id))
    except Exception:
        log.warning("turnout: kept counts unavailable, counting from scratch", exc_info=True)
        return None
    if kept and kept["upto"]:
        # Another database behind the same cache (restored, recreated) has other ballots.
        receipt = Ballot.objects.filter(pk=kept["upto"]).values_list("receipt", flat=True)
        if receipt.first() != kept["receipt"]:
            return None
    return kept


def _store(edition_id: int, kept: dict) -> None:
    # Racing workers may overwrite each other: every entry they write is exact.
    try:
        cache.set(_key(edition_id), kept, timeout=24 * 3600)
    except Exception:
        log.warning("turnout: could not keep the counts", exc_info=True)


def _horizon() -> list | None:
    """[the highest ballot id now, a marker for _settled, that ballot's receipt]."""

    from .models import Ballot

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # One statement: the snapshot is the one that saw that highest id.
            cursor.execute(
                "SELECT id, receipt, pg_current_snapshot()::text "  # noqa: S608 - model's table
                f"FROM {Ballot._meta.db_table} ORDER BY id DESC LIMIT 1"
            )
            row = cursor.fetchone()
        return row and [row[0], row[2], row[1]]
    row = Ballot.objects.order_by("-id").values_list("id", "receipt").first()
    return row and [row[0], time.time(), row[1]]


def _settled(marker) -> bool:
    """Whether every ballot with an id up to the horizon's has committed or rolled back."""

    if connection.vendor == "postgresql":
        # A ballot's transaction locks the edition row (an xid) before it takes its id, so
        # one lower than the horizon's was either visible then or in that snapshot's list.
        # Only this database's transactions can write ballots: others do not hold it back.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT NOT EXISTS (SELECT FROM pg_stat_activity WHERE datname = "
                "current_database() AND backend_xid IN (SELECT xid(x) FROM "
                "pg_snapshot_xip(%s::pg_snapshot) AS x))",
                [marker],
            )
            return cursor.fetchone()[0]
    # SQLite (embedded): one writer at a time and short ballot transactions.
    return time.time() - marker >= float(getattr(settings, "BUDGET_TURNOUT_SETTLE", 60))


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
        was_dirty = edition_id in _dirty
        _dirty[edition_id] = time.time()  # the latest commit that needs reporting
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_run, name="budget-turnout", daemon=True)
            _worker.start()
        elif was_dirty:
            # The worker already waits for this edition's next slot: waking it for every
            # ballot only cost the voters' threads the GIL (about a third of a ballot's CPU).
            return
        _wake.notify()


def _claim(edition_id: int, slot: int) -> bool:
    return cache.add(f"budget:turnout:{edition_id}:{slot}", 1, timeout=60)


def _run() -> None:
    with live.thread_loop():
        _send_when_dirty()


def _send_when_dirty() -> None:
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
