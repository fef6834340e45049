"""Casting, entering and invalidating ballots; one-time codes. One transaction each.

Duplicate rule across channels (documented for the council's voting rules): the ballot
recorded first counts. Paper ballots are entered while voting runs, so recording order
follows casting order up to the entry delay. A later attempt — online or paper — is refused
with 409 and leaves an audit entry on the ballot that counts (channel and paper number; no
personal data), so both stay visible to the audit.
"""

import csv
import io
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.deadlines import ensure_within
from workflows.errors import Conflict, InvalidInput, NotFound, NotPermitted, WorkflowError
from workflows.services import SYSTEM, record

from .. import ballot_box, ballot_rules, identity, turnout
from ..models import Ballot, Channel, CodeBatch, Edition, EditionState, VotingCode
from ..selectors import voting_snapshot

ALREADY_VOTED = "Oddano już głos w tej edycji."
FROZEN = "Głosowanie zostało zamknięte: urna jest zamrożona i nie przyjmuje zmian."


def _edition(edition_id) -> Edition:
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        raise NotFound(_("Nie ma takiej edycji."))
    return edition


def ensure_box_open(edition: Edition, action: str) -> None:
    if edition.state in (EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED):
        raise Conflict(_(FROZEN), state=edition.state)
    if edition.state != EditionState.VOTING:
        raise Conflict(_("Głosowanie w tej edycji nie jest otwarte."), state=edition.state)


def _open_snapshot(edition_id, *, refresh: bool):
    snapshot = voting_snapshot(edition_id, refresh=refresh)
    ensure_box_open(snapshot.edition, _("Głosowanie"))
    phase = snapshot.phase
    ensure_within(
        phase.opens_at if phase else None, phase.closes_at if phase else None, _("Głosowanie")
    )
    return snapshot


def cast_ballot(
    *,
    edition_id,
    identification: dict,
    selections,
    channel: str = Channel.ONLINE,
    paper_number: str | None = None,
    entered_by=None,
) -> Ballot:
    """Validate everything first (nothing is written on a refusal), then write the ballot in
    one statement or one short transaction (see ballot_box). The database's unique
    constraint, not a Python check, decides between concurrent duplicates.

    The edition comes from a per-process snapshot: a refusal based on it is confirmed
    against a fresh read, and the write itself refuses a stale snapshot (then we retry)."""

    if not isinstance(identification, dict):
        raise InvalidInput(_("Podaj dane identyfikacyjne."), field="identification")
    for attempt in range(3):
        fresh = attempt > 0
        try:
            snapshot = _open_snapshot(edition_id, refresh=fresh)
            edition = snapshot.edition
            voter = identity.identify(edition, identification)
            choices = ballot_rules.validate(edition, snapshot.pools, selections)
        except WorkflowError:
            if fresh:
                raise
            continue  # refused on a cached snapshot: confirm against a fresh one
        use_code = partial(_use_code, edition, voter.key) if voter.method == "code" else None
        try:
            ballot = ballot_box.store(
                edition,
                voter,
                choices,
                channel=channel,
                paper_number=paper_number,
                entered_by=entered_by,
                before_insert=use_code,
            )
        except ballot_box.Stale:
            continue
        except IntegrityError:
            _refuse_duplicate(edition, voter, channel, paper_number, entered_by)
        transaction.on_commit(partial(turnout.changed, edition.pk))
        return ballot
    raise Conflict(_("Ustawienia głosowania właśnie się zmieniły; spróbuj ponownie."))


def _use_code(edition, key: str) -> None:
    used = VotingCode.objects.filter(edition=edition, code_hash=key, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not used:
        if VotingCode.objects.filter(edition=edition, code_hash=key).exists():
            raise Conflict(_("Ten kod został już wykorzystany."))
        raise InvalidInput(_("Nieprawidłowy kod do głosowania."), field="code")


def _refuse_duplicate(edition, voter, channel, paper_number, entered_by):
    earlier = Ballot.objects.filter(edition=edition, voter_key=voter.key).first()
    if earlier is None:
        raise Conflict(
            _("Karta papierowa o tym numerze została już wprowadzona."), field="paper_number"
        )
    with transaction.atomic():
        record(
            earlier,
            "duplicate_refused",
            by=entered_by or SYSTEM,
            reason="Liczy się głos zapisany wcześniej.",
            payload={
                "channel": channel,
                "paper_number": paper_number,
                "counted_channel": earlier.channel,
            },
        )
    raise Conflict(_(ALREADY_VOTED), code="already_voted")


def enter_paper_ballot(*, edition_id, by, paper_number, identification: dict, selections):
    if not is_council_staff(by):
        raise NotPermitted(_("Karty papierowe wprowadza pracownik urzędu."))
    number = str(paper_number or "").strip()
    if not number or len(number) > 30:
        raise InvalidInput(_("Podaj numer karty papierowej."), field="paper_number")
    return cast_ballot(
        edition_id=edition_id,
        identification=identification,
        selections=selections,
        channel=Channel.PAPER,
        paper_number=number,
        entered_by=by,
    )


@transaction.atomic
def invalidate_ballot(*, ballot_id, by, reason: str) -> Ballot:
    if not is_council_staff(by):
        raise NotPermitted(_("Głos może unieważnić tylko pracownik urzędu."))
    if not str(reason or "").strip():
        raise InvalidInput(_("Podaj powód unieważnienia głosu."), field="reason")
    ballot = (
        Ballot.objects.select_for_update().select_related("edition").filter(pk=ballot_id).first()
    )
    if ballot is None:
        raise NotFound(_("Nie ma takiego głosu."))
    ensure_box_open(ballot.edition, _("Unieważnienie głosu"))
    if ballot.invalidated_at:
        raise Conflict(_("Ten głos jest już unieważniony."))
    ballot.invalidated_at = timezone.now()
    ballot.invalidated_by = by
    ballot.invalidation_reason = reason.strip()
    ballot.save(update_fields=["invalidated_at", "invalidated_by", "invalidation_reason"])
    record(ballot, "invalidate", by=by, reason=ballot.invalidation_reason)
    transaction.on_commit(lambda: turnout.changed(ballot.edition_id))
    return ballot


@transaction.atomic
def generate_codes(*, edition_id, by, count: int, label: str) -> tuple[CodeBatch, str]:
    """A batch of one-time codes; returns the CSV for letters. The codes themselves are
    only in this CSV: the database keeps their keyed hashes."""

    if not is_council_staff(by):
        raise NotPermitted(_("Kody do głosowania generuje pracownik urzędu."))
    edition = _edition(edition_id)
    if "code" not in edition.identification:
        raise Conflict(_("Ta edycja nie przewiduje głosowania kodami."))
    if edition.state in (EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED):
        raise Conflict(_(FROZEN))
    if not isinstance(count, int) or not 1 <= count <= 50000:
        raise InvalidInput(_("Liczba kodów: od 1 do 50 000."), field="count")
    batch = CodeBatch.objects.create(edition=edition, label=label or "", size=count, created_by=by)
    codes = set()
    while len(codes) < count:
        codes.add(identity.new_code())
    VotingCode.objects.bulk_create(
        VotingCode(batch=batch, edition=edition, code_hash=identity.code_hash(c)) for c in codes
    )
    record(edition, "voting_codes_generated", by=by, payload={"batch": batch.pk, "count": count})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["partia", "lp", "kod"])
    for n, code in enumerate(sorted(codes), start=1):
        writer.writerow([batch.pk, n, code])
    return batch, out.getvalue()
