"""The writes of the grants app: one function per action, one transaction each.

State changes go through workflows.services.advance (the generic transitions API and the
pages); these are the writes that are not transitions.
"""

from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.parsing import parse_date
from workflows.accounts.models import Organisation
from workflows.deadlines import ensure_before
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.parsing import require_id, require_int
from workflows.services import record

from . import flows, scoring
from .models import (
    CommissionMember,
    Competition,
    CompetitionState,
    CostLine,
    Criterion,
    Offer,
    OfferState,
    Score,
    TaskForm,
)

MAX_TITLE = 300
MAX_TEXT = 20_000
MAX_ROWS = 100


def _require(user, perm: str, obj=None, message=None) -> None:
    if not user.has_perm(perm, obj):
        raise NotPermitted(message or _("Tę czynność wykonuje pracownik urzędu."))


def _text(value, field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    value = str(value or "").strip()
    if (required and not value) or len(value) > limit:
        raise InvalidInput(
            _("Pole „%(field)s”: podaj tekst (najwyżej %(n)d znaków).")
            % {"field": field, "n": limit},
            field=field,
        )
    return value


def _rows(rows, field: str) -> list[dict]:
    if not isinstance(rows, list | tuple) or not rows or len(rows) > MAX_ROWS:
        raise InvalidInput(
            _("Pole „%(field)s”: podaj od 1 do %(n)d pozycji.") % {"field": field, "n": MAX_ROWS},
            field=field,
        )
    if not all(isinstance(row, dict) for row in rows):
        raise InvalidInput(_("Pole „%(field)s”: każda pozycja to obiekt.") % {"field": field})
    return list(rows)


def _criteria(rows) -> list[Criterion]:
    criteria = [
        Criterion(
            name=_text(row.get("name"), "criteria", limit=MAX_TITLE),
            weight=require_int(row.get("weight"), "criteria", low=1, high=100),
            max_points=require_int(row.get("max_points", 10), "criteria", low=1, high=100),
        )
        for row in _rows(rows, "criteria")
    ]
    total = sum(c.weight for c in criteria)
    if total != 100:
        raise InvalidInput(
            _("Wagi kryteriów muszą sumować się do 100%% (teraz %(sum)d%%).") % {"sum": total},
            field="criteria",
        )
    return criteria


@transaction.atomic
def draft_competition(
    *,
    by,
    task_area,
    title: str,
    form: str,
    funds,
    rules: str,
    carried_out_from: date,
    carried_out_to: date,
    offers_deadline: datetime,
    min_grant,
    max_grant,
    criteria: list[dict],
    own_contribution_percent=0,
    own_financial_percent=0,
    own_personal_percent=0,
    several_offers_allowed: bool = False,
    correction_days=7,
    programme=None,
    operational_programme=None,
) -> Competition:
    """A draft announcement; published with the `publish` transition (21 days checked then)."""

    _require(by, "grants.manage_competition")
    if form not in TaskForm.values:
        raise InvalidInput(_("Wybierz formę realizacji zadania."), field="form")
    funds = flows.parse_amount(funds, "funds")
    min_grant = flows.parse_amount(min_grant, "min_grant")
    max_grant = flows.parse_amount(max_grant, "max_grant")
    if not min_grant <= max_grant <= funds or funds <= 0:
        raise InvalidInput(
            _("Dotacja minimalna nie może przekraczać maksymalnej, a ta — środków konkursu."),
            field="max_grant",
        )
    own = flows.parse_amount(own_contribution_percent, "own_contribution_percent")
    # Left empty on the page: none expected.
    financial = flows.parse_amount(own_financial_percent or 0, "own_financial_percent")
    personal = flows.parse_amount(own_personal_percent or 0, "own_personal_percent")
    for value, field in (
        (own, "own_contribution_percent"),
        (financial, "own_financial_percent"),
        (personal, "own_personal_percent"),
    ):
        if value > 100:
            raise InvalidInput(_("Wkład własny to najwyżej 100%."), field=field)
    if financial + personal > 100:
        raise InvalidInput(
            _("Wkład finansowy i osobowy razem to najwyżej 100%."), field="own_personal_percent"
        )
    if carried_out_to < carried_out_from:
        raise InvalidInput(_("Koniec realizacji musi być po jej początku."), field="carried_out_to")
    if offers_deadline <= timezone.now():
        raise InvalidInput(
            _("Termin składania ofert musi być w przyszłości."), field="offers_deadline"
        )
    rows = _criteria(criteria)
    competition = Competition.objects.create(
        task_area=task_area,
        programme=programme,
        title=_text(title, "title", limit=MAX_TITLE),
        form=form,
        funds=funds,
        rules=_text(rules, "rules"),
        carried_out_from=carried_out_from,
        carried_out_to=carried_out_to,
        offers_deadline=offers_deadline,
        min_grant=min_grant,
        max_grant=max_grant,
        own_contribution_percent=own,
        own_financial_percent=financial,
        own_personal_percent=personal,
        several_offers_allowed=bool(several_offers_allowed),
        correction_days=require_int(correction_days or 7, "correction_days", low=1, high=60),
        operational_programme=operational_programme,
        created_by=by,
    )
    for row in rows:
        row.competition = competition
    Criterion.objects.bulk_create(rows)
    return competition


@transaction.atomic
def appoint_member(*, by, competition: Competition, person) -> CommissionMember:
    _require(by, "grants.manage_competition")
    if competition.state in (CompetitionState.RESULTS_PUBLISHED, CompetitionState.CANCELLED):
        raise Conflict(_("Konkurs jest zakończony."))
    member, created = CommissionMember.objects.get_or_create(competition=competition, person=person)
    if not created:
        raise Conflict(_("Ta osoba już zasiada w komisji."))
    record(competition, "member_appointed", by=by, payload={"person": person.pk})
    return member


def _seat(user, competition) -> CommissionMember:
    seat = CommissionMember.objects.filter(competition=competition, person=user.pk).first()
    if seat is None:
        raise NotPermitted(_("Oferty oceniają członkowie komisji konkursowej."))
    return seat


@transaction.atomic
def sign_declaration(*, by, competition: Competition) -> CommissionMember:
    """Art. 15 ust. 2d: the member declares no conflict of interest before seeing offers.

    A member who represents an offering organisation may still sign: they are excluded
    from scoring that organisation's offers (see score_offer)."""

    seat = _seat(by, competition)
    if seat.declared_at is None:
        seat.declared_at = timezone.now()
        seat.save(update_fields=["declared_at"])
        record(competition, "declaration_signed", by=by, payload={"member": seat.pk})
    return seat


def _lines(rows) -> list[CostLine]:
    lines = []
    for row in _rows(rows, "cost_lines"):
        line = CostLine(
            name=_text(row.get("name"), "cost_lines", limit=MAX_TITLE),
            quantity=flows.parse_amount(row.get("quantity"), "cost_lines"),
            unit_cost=flows.parse_amount(row.get("unit_cost"), "cost_lines"),
            from_grant=flows.parse_amount(row.get("from_grant"), "cost_lines"),
            from_own=flows.parse_amount(row.get("from_own"), "cost_lines"),
            from_personal=flows.parse_amount(row.get("from_personal") or 0, "cost_lines"),
        )
        total = scoring.line_total(line.quantity, line.unit_cost)
        if scoring.line_sources(line) != total:
            raise InvalidInput(
                _(
                    "Pozycja „%(name)s”: %(q)s × %(u)s zł = %(total)s zł, a dotacja z wkładem "
                    "własnym (finansowym i osobowym) dają %(sum)s zł."
                )
                % {
                    "name": line.name,
                    "q": line.quantity,
                    "u": line.unit_cost,
                    "total": total,
                    "sum": scoring.line_sources(line),
                },
                field="cost_lines",
            )
        lines.append(line)
    return lines


def _optional_date(value, field: str):
    return None if value in (None, "") else parse_date(value, field, required=True)


def _offer_fields(competition: Competition, fields: dict) -> dict:
    values = {
        "title": _text(fields.get("title"), "title", limit=MAX_TITLE),
        "description": _text(fields.get("description"), "description", required=False),
        "schedule": _text(fields.get("schedule"), "schedule", required=False),
        "resources": _text(fields.get("resources"), "resources", required=False),
        "starts_on": _optional_date(fields.get("starts_on"), "starts_on"),
        "ends_on": _optional_date(fields.get("ends_on"), "ends_on"),
    }
    # A draft may leave the period out (checked at submission); a period given is checked now.
    if values["starts_on"] or values["ends_on"]:
        problem = flows.period_problem(competition, values["starts_on"], values["ends_on"])
        if problem:
            # Named after a date the request gave (the other may be the one missing).
            field = "starts_on" if values["starts_on"] else "ends_on"
            raise InvalidInput(problem, field=field)
    return values


def _partners(partners, leader) -> list:
    """The partners of a joint offer: existing organisations other than the leader."""

    if partners in (None, ""):
        return []
    if not isinstance(partners, list | tuple) or len(partners) > MAX_ROWS:
        raise InvalidInput(_("Podaj partnerów jako listę organizacji."), field="partners")
    ids = {p.pk if isinstance(p, Organisation) else require_id(p, "partners") for p in partners}
    found = list(Organisation.objects.filter(pk__in=ids))
    if len(found) != len(ids):
        raise InvalidInput(_("Nie ma takiej organizacji wśród partnerów."), field="partners")
    if leader.pk in ids:
        raise InvalidInput(
            _("Lider oferty wspólnej nie jest jednocześnie jej partnerem."), field="partners"
        )
    return found


def _ensure_one_offer(competition: Competition, organisations, offer=None) -> None:
    """One offer per organisation per task unless the announcement allows more; a joint
    offer counts for the leader and every partner."""

    if competition.several_offers_allowed:
        return
    ids = [o.pk for o in organisations]
    taken = competition.offers.filter(Q(organisation__in=ids) | Q(partners__in=ids))
    if offer is not None:
        taken = taken.exclude(pk=offer.pk)
    if taken.exists():
        raise Conflict(
            _(
                "Organizacja (lub partner) ma już ofertę w tym konkursie, także wspólną; "
                "ogłoszenie dopuszcza jedną."
            )
        )


@transaction.atomic
def start_offer(
    *, by, competition: Competition, organisation, cost_lines, partners=None, **fields
) -> Offer:
    """A draft offer of `organisation` (its representative signed in), with its cost lines;
    with partners, a joint offer led by `organisation` (art. 14 ust. 2)."""

    _require(
        by,
        "grants.offer_for",
        organisation,
        _("Ofertę składa przedstawiciel organizacji."),
    )
    competition = Competition.objects.select_for_update(of=("self",)).get(pk=competition.pk)
    if competition.state != CompetitionState.PUBLISHED:
        raise Conflict(_("Konkurs nie przyjmuje ofert."))
    ensure_before(competition, "close_offers", _("Złożenie oferty"))
    partners = _partners(partners, organisation)
    _ensure_one_offer(competition, [organisation, *partners])
    values = _offer_fields(competition, fields)
    lines = _lines(cost_lines)
    offer = Offer.objects.create(
        competition=competition, organisation=organisation, created_by=by, **values
    )
    offer.partners.set(partners)
    for line in lines:
        line.offer = offer
    CostLine.objects.bulk_create(lines)
    return offer


def _editable(offer: Offer) -> None:
    """A draft until the call closes; an offer called for correction until its deadline."""

    if offer.state == OfferState.DRAFT:
        ensure_before(offer.competition, "close_offers", _("Zmiana oferty"))
    elif offer.state == OfferState.TO_CORRECT:
        flows.stamp_correction(offer)  # refuses after the correction deadline
    else:
        raise Conflict(_("Złożonej oferty nie można już zmienić."))


@transaction.atomic
def update_offer(*, by, offer: Offer, cost_lines, partners=None, **fields) -> Offer:
    offer = (
        Offer.objects.select_for_update(of=("self",)).select_related("competition").get(pk=offer.pk)
    )
    if not by.has_perm("grants.change_offer", offer):
        raise NotPermitted(_("Ofertę poprawia przedstawiciel organizacji (lidera oferty)."))
    _editable(offer)
    values = _offer_fields(offer.competition, fields)
    lines = _lines(cost_lines)
    if partners is not None:
        found = _partners(partners, offer.organisation)
        _ensure_one_offer(offer.competition, [offer.organisation, *found], offer)
        offer.partners.set(found)
    for name, value in values.items():
        setattr(offer, name, value)
    offer.save(update_fields=list(values))
    offer.cost_lines.all().delete()
    for line in lines:
        line.offer = offer
    CostLine.objects.bulk_create(lines)
    return offer


COPIED_FIELDS = ("title", "description", "schedule", "resources")
COPIED_LINE_FIELDS = ("name", "quantity", "unit_cost", "from_grant", "from_own", "from_personal")


@transaction.atomic
def copy_offer(*, by, source: Offer, competition: Competition) -> Offer:
    """A new draft in an open competition from one of my organisation's earlier offers: its
    texts, schedule, cost lines and partners (the period is the new task's, so left out)."""

    if not by.has_perm("grants.change_offer", source):
        raise NotPermitted(_("Ofertę kopiuje przedstawiciel organizacji, która ją złożyła."))
    lines = [{k: getattr(x, k) for k in COPIED_LINE_FIELDS} for x in source.cost_lines.all()]
    offer = start_offer(
        by=by,
        competition=competition,
        organisation=source.organisation,
        cost_lines=lines,
        partners=list(source.partners.all()),
        **{k: getattr(source, k) for k in COPIED_FIELDS},
    )
    record(offer, "copied", by=by, payload={"from": source.pk})
    return offer


@transaction.atomic
def score_offer(*, by, offer: Offer, points) -> list[Score]:
    """One member's points for one offer, per criterion (0..max); replaces earlier ones."""

    offer = Offer.objects.select_related("competition").get(pk=offer.pk)
    competition = offer.competition
    seat = _seat(by, competition)
    if seat.declared_at is None:
        raise NotPermitted(_("Najpierw podpisz oświadczenie o braku konfliktu interesów."))
    if flows.is_partner_representative(offer, by):
        raise Conflict(
            _(
                "Reprezentujesz organizację, która złożyła tę ofertę (lub jest jej partnerem): "
                "nie oceniasz jej (art. 15 ust. 2d ustawy)."
            )
        )
    if competition.state != CompetitionState.OFFERS_CLOSED:
        raise Conflict(_("Komisja ocenia oferty po zamknięciu naboru, przed zatwierdzeniem oceny."))
    if offer.state != OfferState.FORMALLY_ACCEPTED:
        raise Conflict(_("Ocenia się tylko oferty poprawne formalnie."))
    criteria = {c.pk: c for c in competition.criteria.all()}
    if not isinstance(points, dict) or {parse_key(k) for k in points} != set(criteria):
        raise InvalidInput(_("Podaj punkty za każde kryterium konkursu."), field="points")
    scores = []
    for key, value in points.items():
        criterion = criteria[parse_key(key)]
        given = require_int(value, "points", low=0, high=criterion.max_points)
        scores.append(Score(offer=offer, member=seat, criterion=criterion, points=given))
    Score.objects.filter(offer=offer, member=seat).delete()
    Score.objects.bulk_create(scores)
    return scores


def parse_key(key) -> int:
    return require_id(key, "points")
