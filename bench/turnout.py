"""The ballot box at Kraków's scale on PostgreSQL: what one live turnout send and one ballot
insert cost.

    .venv/bin/python bench/turnout.py [--ballots 100000] [--inserts 20000]

Creates its own database `bench_turnout` (dropped at the end) and measures in the same run:

  * inserts: `--inserts` online ballots through `budget.ballot_box.store` (one statement each,
    two choices), first with the ballot tables' indexes of migration 0002 (the baseline), then
    with those of the latest migration; prints the time per ballot and the ratio;
  * turnout: with `--ballots` synthetic ballots (SQL generate_series, ~2.1 choices each), the
    full recount (`turnout.recount`, what every send cost before the kept counts) against a
    send (`turnout.snapshot`) while ballots keep arriving; both must equal each other.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common
from _common import figure

DB_NAME = "bench_turnout"


def build_edition():
    from tests.budget.factories import DistrictFactory, ProposalFactory
    from tests.system.voting import voting_edition
    from workflows.accounts.models import User

    author = User.objects.create_user(username="bench-author")
    box = voting_edition(author, projects=6)
    districts = []
    for number in range(1, 7):
        district = DistrictFactory(city=box.edition.city, number=number)
        pool = box.pool.__class__.objects.create(
            edition=box.edition,
            district=district,
            name=f"Pula {district}",
            amount=1000000,
            max_project_cost=300000,
            population=50000,
        )
        districts.append(
            (
                pool.pk,
                [ProposalFactory(pool=pool, author=author, state="on_ballot").pk for _ in range(3)],
            )
        )
    return box, districts


def time_inserts(box, districts, count: int, first: int) -> float:
    from budget import ballot_box
    from budget.ballot_rules import Choice
    from budget.identity import Voter

    started = time.perf_counter()
    for n in range(first, first + count):
        pool, proposals = districts[n % len(districts)]
        choices = [
            Choice(box.pool.pk, box.projects[n % 6].pk, 1, None),
            Choice(pool, proposals[n % 3], 1, None),
        ]
        voter = Voter(key=f"bench-{n:058d}", method="pesel", age_band="35-49")
        ballot_box.store(box.edition, voter, choices)
    return (time.perf_counter() - started) / count


def wal_bytes_per_insert(box, districts, count: int) -> tuple[float, float]:
    """(seconds, WAL bytes) per ballot: WAL is what each index adds, free of the noise."""

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        start = cursor.fetchone()[0]
        seconds = time_inserts(box, districts, count, 0)
        cursor.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s)", [start])
        return seconds, float(cursor.fetchone()[0]) / count


def measure_inserts(box, districts, count: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    def clean():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE budget_ballotchoice, budget_ballot")
            cursor.execute("VACUUM ANALYZE budget_ballot")

    call_command("migrate", "budget", "0002", verbosity=0)
    clean()
    before, wal_before = wal_bytes_per_insert(box, districts, count)
    clean()  # budget 0005 refuses to run under a vote that has ballots
    call_command("migrate", verbosity=0)
    clean()
    after, wal_after = wal_bytes_per_insert(box, districts, count)
    clean()
    figure("insert, 0002 indexes", before * 1e6, "µs")
    figure("insert, lean indexes", after * 1e6, "µs")
    figure("insert time lean / 0002", after / before * 100, "%")
    figure("insert WAL, 0002 indexes", wal_before, "B")
    figure("insert WAL, lean indexes", wal_after, "B")
    figure("insert WAL lean / 0002", wal_after / wal_before * 100, "%", below=100)


def seed(box, districts, count: int) -> None:
    from django.db import connection

    city = [p.pk for p in box.projects]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO budget_ballot (edition_id, voter_key, method, channel, age_band,
                                       receipt, seal, cast_at, invalidation_reason)
            SELECT %s, 'seed-' || n, 'pesel', 'online',
                   (ARRAY['16-24', '25-34', '35-49', '50-64', '65+'])[1 + n %% 5],
                   substr(md5(n::text), 1, 16), '', now(), ''
            FROM generate_series(1, %s) AS n
            """,
            [box.edition.pk, count],
        )
        # One citywide choice each, one in a district pool, a second citywide one every 10th.
        cursor.execute(
            """
            INSERT INTO budget_ballotchoice (ballot_id, pool_id, proposal_id, points)
            SELECT id, %(city_pool)s, (%(city)s::bigint[])[1 + id %% 6], 1 FROM budget_ballot
            UNION ALL
            SELECT id, (%(pools)s::bigint[])[1 + id %% 6],
                   (%(proposals)s::bigint[])[1 + (id %% 6) * 3 + id %% 3], 1 FROM budget_ballot
            UNION ALL
            SELECT id, %(city_pool)s, (%(city)s::bigint[])[1 + (id + 1) %% 6], 1
            FROM budget_ballot WHERE id %% 10 = 0
            """,
            {
                "city_pool": box.pool.pk,
                "city": city,
                "pools": [pool for pool, _ in districts],
                "proposals": [p for _, proposals in districts for p in proposals],
            },
        )
        cursor.execute("VACUUM ANALYZE budget_ballot")
        cursor.execute("VACUUM ANALYZE budget_ballotchoice")


def best_ms(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return min(runs) * 1000


def measure_turnout(box, districts, count: int) -> None:
    from budget import turnout

    seed(box, districts, count)
    full = best_ms(lambda: turnout.recount(box.edition.pk))
    # Sends while voting goes on: a few new ballots between sends, as at the peak.
    sends = []
    for n in range(40):
        time_inserts(box, districts, 5, 10_000_000 + 5 * n)
        started = time.perf_counter()
        sent = turnout.snapshot(box.edition.pk)
        sends.append((time.perf_counter() - started) * 1000)
    exact = turnout.recount(box.edition.pk)
    figure(f"turnout recount, {count} ballots", full, "ms")
    figure("turnout send (median)", statistics.median(sends), "ms")
    figure("turnout send / recount", statistics.median(sends) / full * 100, "%", below=25)
    figure("turnout send equals recount", float(sent == exact), "", equal=1)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--inserts", type=int, default=20_000)
    args = parser.parse_args()
    _common.setup_django(DB_NAME)
    try:
        box, districts = build_edition()
        measure_inserts(box, districts, args.inserts)
        measure_turnout(box, districts, args.ballots)
    finally:
        from django.db import connections

        connections.close_all()
        _common.support.drop_database(DB_NAME)
    return _common.exit_code()


if __name__ == "__main__":
    sys.exit(main())
