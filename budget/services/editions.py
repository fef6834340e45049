"""Staff actions on an edition: its schedule, its pools and moving it through its phases."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.deadlines import set_deadline
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.services import SYSTEM, advance, record

from ..models import Edition, EditionState, Phase, Pool, Proposal, ProposalState
from ..models.editions import PHASE_ORDER, TALLY_RULES, THRESHOLD_RULE

LEGAL_BASIS = "art. 5a ust. 7 ustawy o samorządzie gminnym; uchwała rady miasta"


def _staff(user):
    if not is_council_staff(user):
        raise NotPermitted(_("Edycję konfiguruje pracownik urzędu."))


@transaction.atomic
def edition_set_schedule(
    *, edition: Edition, by, phases: dict[str, tuple[datetime, datetime]], reason: str = ""
) -> list[Phase]:
    """Replace the schedule. Phases follow each other without overlap in the order
    submission → verification → appeals → voting → results. Changing it once the edition
    has started needs a written reason, kept in the audit log."""

    _staff(by)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.state in (EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED):
        raise Conflict(_("Harmonogramu zamkniętej edycji nie można zmieniać."))
    if edition.state != EditionState.DRAFT and not reason.strip():
        raise InvalidInput(
            _("Zmiana harmonogramu trwającej edycji wymaga uzasadnienia."), field="reason"
        )
    unknown = set(phases) - set(PHASE_ORDER)
    if unknown:
        raise InvalidInput(
            _("Nieznane etapy: %(u)s.") % {"u": ", ".join(sorted(unknown))}, field="phases"
        )
    ordered = [(kind, phases[kind]) for kind in PHASE_ORDER if kind in phases]
    previous_end = None
    for kind, (opens_at, closes_at) in ordered:
        if closes_at <= opens_at:
            raise InvalidInput(
                _("Etap „%(k)s” musi kończyć się po rozpoczęciu.") % {"k": kind}, field="phases"
            )
        if previous_end and opens_at < previous_end:
            raise InvalidInput(
                _("Etap „%(k)s” zaczyna się przed końcem poprzedniego.") % {"k": kind},
                field="phases",
            )
        previous_end = closes_at
    edition.phases.all().delete()
    rows = Phase.objects.bulk_create(
        Phase(edition=edition, kind=kind, opens_at=o, closes_at=c, legal_basis=LEGAL_BASIS)
        for kind, (o, c) in ordered
    )
    edition.save(update_fields=["updated_at"])  # invalidates cached voting contexts
    if "voting" in phases:
        # The scheduler closes the box on time; every write also checks the window itself.
        set_deadline(edition, "close_voting", phases["voting"][1], LEGAL_BASIS)
    if edition.state != EditionState.DRAFT:
        record(
            edition,
            "schedule_changed",
            by=by,
            reason=reason,
            payload={k: [o.isoformat(), c.isoformat()] for k, (o, c) in ordered},
        )
    return rows


RULES_FIXED = (EditionState.VOTING, EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED)


def threshold_for(rule: str, value) -> int | None:
    """The edition's score_threshold for `rule`: a whole number of votes (points) ≥ 0,
    required by greedy-threshold and meaningless — so refused — with any other rule."""

    if rule != THRESHOLD_RULE:
        if value not in (None, ""):
            raise InvalidInput(
                _("Próg głosów stosuje się tylko w regule greedy-threshold."),
                field="score_threshold",
            )
        return None
    if value in (None, ""):
        raise InvalidInput(
            _("Reguła greedy-threshold wymaga progu: najmniejszej liczby głosów projektu."),
            field="score_threshold",
        )
    if isinstance(value, bool) or not str(value).isdigit():
        raise InvalidInput(_("Próg to nieujemna liczba całkowita głosów."), field="score_threshold")
    return int(value)


@transaction.atomic
def edition_set_counting(*, edition: Edition, by, tally_rule: str, score_threshold=None) -> Edition:
    """The counting rule (and its threshold), fixed once voting opens: changing how votes
    are counted after they are cast would change the election."""

    _staff(by)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.state in RULES_FIXED:
        raise Conflict(_("Reguły liczenia nie można zmienić po otwarciu głosowania."))
    if tally_rule not in TALLY_RULES:
        raise InvalidInput(
            _("Reguła liczenia: %(r)s.") % {"r": ", ".join(TALLY_RULES)}, field="tally_rule"
        )
    edition.tally_rule = tally_rule
    edition.score_threshold = threshold_for(tally_rule, score_threshold)
    edition.save(update_fields=["tally_rule", "score_threshold", "updated_at"])
    if edition.state != EditionState.DRAFT:
        record(
            edition,
            "counting_rule_changed",
            by=by,
            payload={"tally_rule": tally_rule, "score_threshold": edition.score_threshold},
        )
    return edition


@transaction.atomic
def pool_save(
    *,
    edition: Edition,
    by,
    district=None,
    name: str,
    amount,
    max_project_cost,
    population: int,
    support_minimum: int = 0,
) -> Pool:
    _staff(by)
    if edition.state not in (EditionState.DRAFT, EditionState.SUBMISSION):
        raise Conflict(_("Pule ustala się przed zakończeniem naboru."))
    pool = Pool.objects.filter(edition=edition, district=district).first() or Pool(
        edition=edition, district=district
    )
    pool.name, pool.amount, pool.max_project_cost = name, amount, max_project_cost
    pool.population, pool.support_minimum = population, support_minimum
    try:
        pool.full_clean(exclude=["edition", "district"], validate_unique=False)
    except ValidationError as exc:
        raise InvalidInput("; ".join(exc.messages), field="support_minimum") from exc
    pool.save()
    return pool


def place_accepted_on_ballot(edition: Edition, *, by, payload) -> None:
    """Opening the vote publishes the list: every accepted proposal goes on the ballot.

    The edition's effect of `open_voting` (see apps.py): advance() runs it inside the
    transaction of whoever opened the vote — the page, the generic API or the scheduler."""

    for proposal in Proposal.objects.filter(edition=edition, state=ProposalState.ACCEPTED):
        advance(proposal, "place_on_ballot", by=SYSTEM, reason="Lista do głosowania opublikowana.")
