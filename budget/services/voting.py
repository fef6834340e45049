"""Casting, entering and invalidating ballots; one-time codes. One transaction each.

Duplicate rule across channels (the edition's duplicate_policy; "void both" is in
budget.duplicates). By default the ballot recorded first counts. Paper ballots are entered
while voting runs, so recording order follows casting order up to the entry delay. A later
attempt — online or paper — is refused with 409 and leaves an audit entry on the ballot
that counts (channel and paper number; no personal data), so both stay visible to the audit.
"""

import csv
import io
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.deadlines import ensure_within
from workflows.errors import Conflict, InvalidInput, NotFound, WorkflowError
from workflows.services import SYSTEM, record

from .. import ballot_box, ballot_rules, duplicates, identity, rules, turnout
from ..models import (
    Ballot,
    Channel,
    CodeBatch,
    DuplicatePolicy,
    Edition,
    EditionState,
    VotingCode,
)
from ..selectors import voting_snapshot

ALREADY_VOTED = gettext_lazy("Oddano już głos w tej edycji.")
FROZEN = gettext_lazy("Głosowanie zostało zamknięte: urna jest zamrożona i nie przyjmuje zmian.")


def _edition(edition_id) -> Edition:
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        raise NotFound(_("Nie ma takiej edycji."))
    return edition


def ensure_box_open(edition: Edition, action: str) -> None:
    if edition.state in (EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED):
        raise Conflict(str(FROZEN), state=edition.state)
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
            use_code = None
            if voter.method == "code":
                voter, use_code = _code_holder(edition, voter)
        except WorkflowError:
            if fresh:
                raise
            continue  # refused on a cached snapshot: confirm against a fresh one
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
            if edition.duplicate_policy == DuplicatePolicy.VOID_BOTH and duplicates.void_both(
                edition,
                voter,
                choices,
                channel=channel,
                paper_number=paper_number,
                entered_by=entered_by,
                before_insert=use_code,
            ):
                transaction.on_commit(partial(turnout.changed, edition.pk))
                raise Conflict(_(duplicates.REASON), code="voided_as_duplicate") from None
            _refuse_duplicate(edition, voter, channel, paper_number, entered_by)
        transaction.on_commit(partial(turnout.changed, edition.pk))
        return ballot
    raise Conflict(_("Ustawienia głosowania właśnie się zmieniły; spróbuj ponownie."))


def _code_holder(edition, voter):
    """The voter a code stands for (the person it was issued to, or the code itself when
    issued unbound) and the step that uses the code up inside the ballot's transaction.

    A person who already voted another way gets IntegrityError from the ballot's insert,
    which undoes using up the code too."""

    found = (
        VotingCode.objects.filter(edition=edition, code_hash=voter.key)
        .values_list("person_key", "used_at")
        .first()
    )
    if found is None:
        raise InvalidInput(_("Nieprawidłowy kod do głosowania."), field="code")
    person_key, used_at = found
    if used_at is not None:
        raise Conflict(_("Ten kod został już wykorzystany."))
    holder = identity.Voter(key=person_key or voter.key, method="code", age_band=voter.age_band)
    return holder, partial(_use_code, edition, voter.key)


def _use_code(edition, code_key: str) -> None:
    used = VotingCode.objects.filter(
        edition=edition, code_hash=code_key, used_at__isnull=True
    ).update(used_at=timezone.now())
    if not used:  # used by a concurrent ballot since _code_holder read it
        raise Conflict(_("Ten kod został już wykorzystany."))


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
    raise Conflict(str(ALREADY_VOTED), code="already_voted")


def enter_paper_ballot(*, edition_id, by, paper_number, identification: dict, selections):
    rules.enters_paper_ballots(by)
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
    rules.invalidates_ballots(by)
    if not str(reason or "").strip():
        raise InvalidInput(_("Podaj powód unieważnienia głosu."), field="reason")
    ballot = (
        Ballot.objects.select_for_update(of=("self",))
        .select_related("edition")
        .filter(pk=ballot_id)
        .first()
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


MAX_CODES = 50000


def _code_edition(edition_id, by) -> Edition:
    rules.issues_codes(by)
    edition = _edition(edition_id)
    if "code" not in edition.identification:
        raise Conflict(_("Ta edycja nie przewiduje głosowania kodami."))
    if edition.state in (EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED):
        raise Conflict(str(FROZEN))
    return edition


@transaction.atomic
def generate_codes(*, edition_id, by, count: int, label: str) -> tuple[CodeBatch, str]:
    """A batch of unbound one-time codes, for an edition that accepts codes only."""

    edition = _code_edition(edition_id, by)
    if "pesel" in edition.identification:
        raise Conflict(
            _(
                "Ta edycja przyjmuje też PESEL: kody generuje się imiennie, dla listy "
                "numerów PESEL uprawnionych mieszkańców, aby nikt nie głosował dwa razy."
            ),
            field="pesels",
        )
    if not isinstance(count, int) or not 1 <= count <= MAX_CODES:
        raise InvalidInput(_("Liczba kodów: od 1 do 50 000."), field="count")
    return _issue(edition, by, label, [None] * count)


@transaction.atomic
def generate_codes_for_residents(*, edition_id, by, pesels, label: str) -> tuple[CodeBatch, str]:
    """One code per eligible resident in `pesels`, bound to them by their voter key: the
    resident may vote with the code or with the PESEL, not both. Row n of the CSV is the
    code for line n of the list; the list itself is not kept."""

    edition = _code_edition(edition_id, by)
    if not isinstance(pesels, list) or not 1 <= len(pesels) <= MAX_CODES:
        raise InvalidInput(_("Podaj listę od 1 do 50 000 numerów PESEL."), field="pesels")
    keys, bad, first_line = [], [], {}
    for line, raw in enumerate(pesels, start=1):
        try:
            key = identity.person_key(edition, identity.normalise_pesel(raw))
        except InvalidInput:
            bad.append(line)
            continue
        if key in first_line:
            bad.append(line)
        first_line.setdefault(key, line)
        keys.append(key)
    if bad:
        raise InvalidInput(
            _("Nieprawidłowe lub powtórzone numery PESEL w wierszach: %(lines)s.")
            % {"lines": _lines(bad)},
            field="pesels",
            lines=bad[:100],
        )
    # Not person_key__in=keys: SQLite caps the parameters of one statement below 50,000.
    issued = VotingCode.objects.filter(edition=edition, person_key__isnull=False)
    holders = sorted(
        first_line[k] for k in issued.values_list("person_key", flat=True) if k in first_line
    )
    if holders:
        raise Conflict(
            _("Te osoby mają już kod w tej edycji (wiersze: %(lines)s).")
            % {"lines": _lines(holders)},
            field="pesels",
            lines=holders[:100],
        )
    return _issue(edition, by, label, keys)


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:20]))
    return shown + (" …" if len(lines) > 20 else "")


def _issue(edition, by, label, person_keys: list) -> tuple[CodeBatch, str]:
    """Codes for the given person keys (None: unbound); the CSV for letters. The codes are
    only in this CSV: the database keeps their keyed hashes."""

    count = len(person_keys)
    batch = CodeBatch.objects.create(edition=edition, label=label or "", size=count, created_by=by)
    codes: dict[str, None] = {}
    while len(codes) < count:
        codes[identity.new_code()] = None
    try:
        VotingCode.objects.bulk_create(
            VotingCode(
                batch=batch,
                edition=edition,
                code_hash=identity.code_hash(edition, code),
                person_key=key,
            )
            for code, key in zip(codes, person_keys, strict=True)
        )
    except IntegrityError:  # a concurrent batch for the same residents won (one_code_per_person)
        raise Conflict(
            _("Kody dla tych osób właśnie wygenerowano w innej partii; sprawdź partie."),
            field="pesels",
        ) from None
    bound = person_keys[0] is not None
    payload = {"batch": batch.pk, "count": count, "bound": bound}
    record(edition, "voting_codes_generated", by=by, payload=payload)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["partia", "lp", "kod"])
    for n, code in enumerate(codes if bound else sorted(codes), start=1):
        writer.writerow([batch.pk, n, code])
    return batch, out.getvalue()
