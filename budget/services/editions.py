"""Staff actions on an edition: its schedule, its pools and moving it through its phases."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workflows.deadlines import set_deadline
from workflows.errors import Conflict, InvalidInput
from workflows.services import record

from .. import rules
from ..models import Edition, EditionState, Phase, Pool, PoolKind
from ..models.editions import PHASE_ORDER, TALLY_RULES, THRESHOLD_RULE

LEGAL_BASIS = "art. 5a ust. 7 ustawy o samorządzie gminnym; uchwała rady miasta"


@transaction.atomic
def edition_set_schedule(
    *, edition: Edition, by, phases: dict[str, tuple[datetime, datetime]], reason: str = ""
) -> list[Phase]:
    """Replace the schedule. Phases follow each other without overlap in the order
    submission → verification → appeals → voting → results. Changing it once the edition
    has started needs a written reason, kept in the audit log."""

    rules.configures_editions(by)
    edition = Edition.objects.select_for_update(of=("self",)).get(pk=edition.pk)
    if edition.state in (EditionState.VOTING_CLOSED, EditionState.RESULTS_PUBLISHED):
        raise Conflict(_("Harmonogramu zamkniętej edycji nie można zmieniać."))
    if edition.state != EditionState.DRAFT and not reason.strip():
        # 409: the same request is fine for a draft; this edition's state asks for more.
        raise Conflict(
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

    rules.configures_editions(by)
    edition = Edition.objects.select_for_update(of=("self",)).get(pk=edition.pk)
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
    kind: str = "",
) -> Pool:
    """A district's pool, the citywide one, or (kind "thematic") a thematic one by name."""

    rules.configures_editions(by)
    if edition.state not in (EditionState.DRAFT, EditionState.SUBMISSION):
        raise Conflict(_("Pule ustala się przed zakończeniem naboru."))
    kind = kind or (PoolKind.CITYWIDE if district is None else PoolKind.DISTRICT)
    if kind not in PoolKind.values or (kind == PoolKind.DISTRICT) != (district is not None):
        raise InvalidInput(
            _("Pula dzielnicowa ma dzielnicę; ogólnomiejska i tematyczna jej nie mają."),
            field="kind",
        )
    same = Pool.objects.filter(edition=edition, district=district, kind=kind)
    if kind == PoolKind.THEMATIC:
        same = same.filter(name=name)
    pool = same.first() or Pool(edition=edition, district=district, kind=kind)
    pool.name, pool.amount, pool.max_project_cost = name, amount, max_project_cost
    pool.population, pool.support_minimum = population, support_minimum
    try:
        pool.full_clean(exclude=["edition", "district"], validate_unique=False)
    except ValidationError as exc:
        raise InvalidInput("; ".join(exc.messages), field="support_minimum") from exc
    pool.save()
    return pool
