"""The duplicate policy "a paper and an online ballot of one person void both".

Both ballots stay in the box, flagged void with the reason (invalidated_at,
invalidation_reason, voided_as_duplicate), each with an audit entry naming the other: the
count and the turnout leave them out (as any invalidated ballot), the audit shows them.
one_ballot_per_voter holds one ballot per key, so the later ballot is stored under a key
derived from the person's; a third attempt meets the person's key and is refused.
"""

from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from workflows.services import SYSTEM, record

from . import ballot_box, identity
from .models import Ballot

REASON = (
    "Karta papierowa i głos internetowy tej samej osoby: zgodnie z zasadami edycji "
    "oba głosy są nieważne."
)


def pair_key(voter_key: str) -> str:
    return identity.keyed_hash(voter_key, purpose="void-pair:")


def void_both(edition, voter, choices, *, channel, paper_number, entered_by, before_insert):
    """Store the later ballot and void it with the earlier one from the other channel; None
    when the policy does not apply (same channel, or the earlier one is void already)."""

    with transaction.atomic():
        earlier = (
            Ballot.objects.select_for_update(of=("self",))
            .filter(edition=edition, voter_key=voter.key)
            .first()
        )
        if earlier is None or earlier.channel == channel or earlier.invalidated_at:
            return None
        later = ballot_box.store(
            edition,
            replace(voter, key=pair_key(voter.key)),
            choices,
            channel=channel,
            paper_number=paper_number,
            entered_by=entered_by,
            before_insert=before_insert,
        )
        now = timezone.now()
        Ballot.objects.filter(pk__in=[earlier.pk, later.pk]).update(
            invalidated_at=now, invalidation_reason=REASON, voided_as_duplicate=True
        )
        for ballot, other in ((earlier, later), (later, earlier)):
            record(
                ballot,
                "voided_as_duplicate",
                by=entered_by or SYSTEM,
                reason=REASON,
                payload={"channel": ballot.channel, "other_ballot": other.pk},
            )
    later.invalidated_at, later.invalidation_reason = now, REASON
    return later
