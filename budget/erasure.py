"""After the protest period the ballot box forgets who voted, and stays verifiable.

Voter keys exist to refuse a second ballot while voting is open and to answer protests
after the results. Once both are over, `erase_voter_links` (a transition of the edition,
fired by the deadline set when the results are published, or by staff) deletes the
edition's `voter_salt`, which every voter key and code hash of the edition mixes in
(identity.py), and the codes' table. The keys stay in the ballots, so their seals and the
box digest of `close_voting` still verify, but nobody can recompute one from a PESEL again,
not even with PESEL_HASH_KEY: the link is crypto-shredded. Backups taken before keep it:
they must expire with the protest period too (README, PESEL_HASH_KEY).
"""

from django.utils import timezone

from workflows.deadlines import set_deadline

from . import flows
from .models import Edition, VotingCode


def schedule_erasure(edition, *, by, payload) -> dict:
    """The edition's effect of `publish_results`."""

    due = flows.protests_end(edition, timezone.now())
    set_deadline(
        edition,
        "erase_voter_links",
        due,
        legal_basis="Art. 5 ust. 1 lit. c i e RODO: minimalizacja danych i ograniczenie "
        "przechowywania",
    )
    return {"voter_links_erased_after": due.isoformat()}


def erase_voter_links(edition, *, by, payload) -> dict:
    """The edition's effect of `erase_voter_links`."""

    codes, _ = VotingCode.objects.filter(edition=edition).delete()
    Edition.objects.filter(pk=edition.pk).update(voter_salt="")
    edition.voter_salt = ""
    return {"voter_salt_erased": True, "codes_deleted": codes}
