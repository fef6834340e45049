"""A keyed seal over each ballot's content, so an edited ballot is caught by verify_audit.

Ballots are too many and too fast to chain (appends to the audit chain are serialised), so
each carries its own HMAC over what decides the count: edition, voter key, channel, paper
number, age band, receipt and choices. Changing any of them without the key breaks the
seal. The key is PESEL_HASH_KEY: like the voter keys, it must stay the same for an edition's
lifetime (SECRET_KEY may be rotated). Invalidation is audited in the chain itself.

A seal cannot tell that a ballot is missing, so closing the vote also digests the frozen
box — how many ballots and a keyed hash over their ids and seals — into the chained audit
entry of `close_voting`; verify_audit recomputes it to catch a ballot deleted, added or
changed afterwards.
"""

import json

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from workflows.audit import Problem

SALT = "wspolnota.budget.ballot-seal"
BOX_SALT = "wspolnota.budget.ballot-box"


def keys() -> list[str]:
    """The key seals are made with, then the retired ones they may still verify with
    (PESEL_HASH_KEY_FALLBACKS, as Django's SECRET_KEY_FALLBACKS; README: rotation)."""

    return [settings.PESEL_HASH_KEY, *settings.PESEL_HASH_KEY_FALLBACKS]


def seal(
    *, edition_id, voter_key, method, channel, paper_number, age_band, receipt, choices, key=None
) -> str:
    """`choices`: iterable of (pool_id, proposal_id, points, rank)."""

    content = [
        edition_id, voter_key, method, channel, paper_number or "", age_band, receipt,
        sorted([list(c) for c in choices], key=lambda c: (c[0], c[1])),
    ]  # fmt: skip
    key = key or settings.PESEL_HASH_KEY
    return salted_hmac(SALT, json.dumps(content), secret=key, algorithm="sha256").hexdigest()


def seal_of(ballot, choices, key=None) -> str:
    return seal(
        key=key,
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
        if not any(constant_time_compare(ballot.seal, seal_of(ballot, choices, k)) for k in keys()):
            problems.append(Problem(None, f"ballot {ballot.pk}: content does not match its seal"))
    return problems


def box_digest(edition_id, key=None) -> dict:
    """The edition's ballots in one keyed hash, streamed in id order (~100,000 of them)."""

    from .models import Ballot

    secret = key or settings.PESEL_HASH_KEY
    mac = salted_hmac(BOX_SALT, f"edition:{edition_id}", secret=secret, algorithm="sha256")
    count = 0
    rows = Ballot.objects.filter(edition_id=edition_id).values_list("pk", "seal").order_by("pk")
    for pk, ballot_seal in rows.iterator(chunk_size=5000):
        mac.update(f"{pk}:{ballot_seal};".encode())
        count += 1
    return {"ballots": count, "digest": mac.hexdigest()}


def seal_box(edition, *, by, payload) -> dict:
    """The edition's effect of `close_voting`: advance() keeps it in the transition's entry.
    The edition row is locked by then, so no ballot can still land (see ballot_box.py)."""

    return {"ballot_box": box_digest(edition.pk)}


def changed_boxes() -> list[Problem]:
    """Every closed ballot box that no longer matches the digest taken when it closed."""

    from workflows.models import AuditEntry

    problems = []
    closings = AuditEntry.objects.filter(kind="edition", action="close_voting")
    for entry in closings.order_by("id"):
        sealed = entry.payload.get("effect", {}).get("ballot_box")
        if sealed is None:
            problems.append(Problem(entry.id, "voting closed without a digest of the ballot box"))
            continue
        now = box_digest(entry.object_id)
        if not constant_time_compare(sealed["digest"], now["digest"]) and not any(
            constant_time_compare(sealed["digest"], box_digest(entry.object_id, k)["digest"])
            for k in keys()[1:]
        ):
            problems.append(
                Problem(
                    entry.id,
                    f"edition {entry.object_id}: ballot box changed after closing "
                    f"({sealed['ballots']} ballots when it closed, {now['ballots']} now)",
                )
            )
    return problems
