"""A keyed seal over each ballot's content, so an edited ballot is caught by verify_audit.

Ballots are too many and too fast to chain (appends to the audit chain are serialised), so
each carries its own HMAC over what decides the count: edition, voter key, channel, paper
number, age band, receipt and choices. Changing any of them without the key breaks the
seal. The key is PESEL_HASH_KEY: like the voter keys, it must stay the same for an edition's
lifetime (SECRET_KEY may be rotated). Invalidation is audited in the chain itself.
"""

import json

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from workflows.audit import Problem

SALT = "wspolnota.budget.ballot-seal"


def seal(
    *, edition_id, voter_key, method, channel, paper_number, age_band, receipt, choices
) -> str:
    """`choices`: iterable of (pool_id, proposal_id, points, rank)."""

    content = [
        edition_id, voter_key, method, channel, paper_number or "", age_band, receipt,
        sorted([list(c) for c in choices], key=lambda c: (c[0], c[1])),
    ]  # fmt: skip
    key = settings.PESEL_HASH_KEY
    return salted_hmac(SALT, json.dumps(content), secret=key, algorithm="sha256").hexdigest()


def seal_of(ballot, choices) -> str:
    return seal(
        edition_id=ballot.edition_id,
        voter_key=ballot.voter_key,
        method=ballot.method,
        channel=ballot.channel,
        paper_number=ballot.paper_number,
        age_band=ballot.age_band,
        receipt=ballot.receipt,
        choices=choices,
    )


def broken_seals() -> list[Problem]:
    """Every ballot whose content no longer matches its seal."""

    from .models import Ballot

    problems = []
    ballots = Ballot.objects.order_by("id").prefetch_related("choices")
    for ballot in ballots.iterator(chunk_size=2000):
        choices = [(c.pool_id, c.proposal_id, c.points, c.rank) for c in ballot.choices.all()]
        if not constant_time_compare(ballot.seal, seal_of(ballot, choices)):
            problems.append(Problem(None, f"ballot {ballot.pk}: content does not match its seal"))
    return problems
