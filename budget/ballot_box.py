"""Writing a ballot: the only code that inserts into the ballot box.

The edition row is the box's lid. A ballot goes in only if, at the moment of writing, the
edition is still in voting and unchanged since the caller's snapshot (`updated_at`); and
the write holds a lock on that row that closing the vote (FOR UPDATE in advance()) must
wait for — so no ballot lands after the box is frozen, even by a millisecond.

On PostgreSQL an online ballot is ONE statement (CTE: check and lock the edition with FOR
KEY SHARE, insert the ballot, insert its choices) in autocommit: one round trip, atomic by
itself, and concurrent ballots never wait for each other (KEY SHARE locks do not conflict).
Elsewhere, and for paper ballots and codes (which write more in the same transaction), the
ORM does the same in a transaction after re-reading the edition row.
"""

import json
import secrets
from contextlib import nullcontext as _nothing
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from workflows.services import record

from .models import Ballot, BallotChoice, Channel, Edition, EditionState
from .seal import seal, seal_of


class Stale(Exception):
    """The edition changed since the snapshot: refresh it and validate again."""


def store(
    edition,
    voter,
    choices,
    *,
    channel=Channel.ONLINE,
    paper_number=None,
    entered_by=None,
    before_insert=None,
) -> Ballot:
    """Insert the ballot with its choices; IntegrityError when the voter already voted."""

    receipt = secrets.token_hex(8)
    if (
        connection.vendor == "postgresql"
        and channel == Channel.ONLINE
        and before_insert is None
        and not voter.guardian_key  # rare: the one statement does not carry it
    ):
        return _store_in_one_statement(edition, voter, choices, receipt)
    with transaction.atomic():
        current = (
            Edition.objects.select_for_update(no_key=True, of=("self",))
            .filter(pk=edition.pk)
            .values_list("state", "updated_at")
            .first()
        )
        if current != (EditionState.VOTING, edition.updated_at):
            raise Stale
        if before_insert is not None:
            before_insert()
        ballot = Ballot(
            edition=edition,
            voter_key=voter.key,
            method=voter.method,
            channel=channel,
            paper_number=paper_number,
            age_band=voter.age_band,
            receipt=receipt,
            cast_at=timezone.now(),
            entered_by=entered_by,
            guardian_key=voter.guardian_key,
        )
        ballot.seal = seal_of(ballot, [(c.pool, c.proposal, c.points, c.rank) for c in choices])
        ballot.save(force_insert=True)
        BallotChoice.objects.bulk_create(
            BallotChoice(
                ballot=ballot, pool_id=c.pool, proposal_id=c.proposal, points=c.points, rank=c.rank
            )
            for c in choices
        )
        if channel == Channel.PAPER:
            record(
                ballot,
                "paper_ballot_entered",
                by=entered_by,
                payload={"paper_number": paper_number},
            )
    return ballot


def _store_in_one_statement(edition, voter, choices, receipt) -> Ballot:
    # Choices travel as one JSON parameter: cheaper to send than four arrays.
    choices_json = json.dumps(
        [
            {"pool": c.pool, "proposal": c.proposal, "points": c.points, "rank": c.rank}
            for c in choices
        ]
    )
    params = [
        edition.pk,
        EditionState.VOTING,
        edition.updated_at,
        voter.key,
        voter.method,
        Channel.ONLINE,
        voter.age_band,
        receipt,
        seal(
            edition_id=edition.pk,
            voter_key=voter.key,
            method=voter.method,
            channel=Channel.ONLINE,
            paper_number=None,
            age_band=voter.age_band,
            receipt=receipt,
            choices=[(c.pool, c.proposal, c.points, c.rank) for c in choices],
        ),
        choices_json,
    ]
    # Inside a caller's transaction a savepoint keeps a refused duplicate from aborting it;
    # in autocommit (a web request) the statement is its own transaction.
    savepoint = transaction.atomic() if connection.in_atomic_block else _nothing()
    with savepoint, _prepared_cursor() as cursor:
        cursor.execute(_one_statement_sql(), params)
        row = cursor.fetchone()
    if row is None:
        raise Stale
    return Ballot(
        id=row[0],
        edition=edition,
        voter_key=voter.key,
        method=voter.method,
        channel=Channel.ONLINE,
        age_band=voter.age_band,
        receipt=receipt,
        cast_at=row[1],
    )


def _prepared_cursor():
    """A cursor whose statement PostgreSQL parses and plans once per connection (a prepared
    statement, after settings' `prepare_threshold` runs), not once per ballot: about a third
    of the statement's database time (bench/ballots.py). Django's own cursors bind on the
    client, which cannot prepare; this one binds on the server, and only the ballot uses it.
    Wrapped like Django's, so query logging, counting and error mapping see it."""

    from django.db.backends.postgresql.base import ServerBindingCursor  # needs psycopg

    connection.ensure_connection()
    raw = ServerBindingCursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    return wrap(raw)


@cache
def _one_statement_sql() -> str:
    return f"""
        WITH lid AS (
            SELECT id FROM {Edition._meta.db_table}
            WHERE id = %s AND state = %s AND updated_at = %s
            FOR KEY SHARE
        ), ballot AS (
            INSERT INTO {Ballot._meta.db_table} (edition_id, voter_key, method, channel,
                                                 age_band, receipt, seal, cast_at,
                                                 invalidation_reason)
            SELECT lid.id, %s, %s, %s, %s, %s, %s, statement_timestamp(), ''
            FROM lid
            RETURNING id, cast_at
        ), choices AS (
            INSERT INTO {BallotChoice._meta.db_table} (ballot_id, pool_id, proposal_id,
                                                       points, rank)
            SELECT ballot.id, c.pool, c.proposal, c.points, c.rank
            FROM ballot, jsonb_to_recordset(%s::jsonb)
                 AS c(pool bigint, proposal bigint, points int, rank int)
        )
        SELECT id, cast_at FROM ballot
    """  # noqa: S608 - table names come from the models, values are parameters
