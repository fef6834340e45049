"""Who may take the competition and offer transitions, and when (with the reasons).

Imported by the models (no model imports at module level).
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.conditions import condition
from workflows.deadlines import ensure_before
from workflows.errors import InvalidInput, OutsideWindow
from workflows.timeutil import city_tz, format_local

from . import scoring

# Art. 13 ust. 1 of the 2003 Act: at least 21 days from the announcement to the deadline.
MIN_OFFER_DAYS = 21
MAX_AMOUNT = Decimal("999999999999.99")


# Kept for transitions declared against them on other branches: a transition's permission is
# `perm("grants.…")` (grants/rules.py), and tests/system/test_permission_matrix.py says so.
def is_staff(obj, user) -> bool:
    return bool(is_council_staff(user))


def represents(user, organisation_id) -> bool:
    if not user or not user.is_authenticated:
        return False
    return user.organisations.filter(pk=organisation_id).exists()


def is_representative(offer, user) -> bool:  # see is_staff
    """The leader's representatives: they write and submit the offer (a joint one too)."""
    return represents(user, offer.organisation_id)


def offer_organisations(offer) -> set[int]:
    """The leader and every partner of a joint offer (art. 14 ust. 2)."""
    return {offer.organisation_id, *(p.pk for p in offer.partners.all())}


def is_partner_representative(offer, user) -> bool:
    """A representative of any organisation of the offer (the leader or a partner)."""
    if not user or not user.is_authenticated:
        return False
    return user.organisations.filter(pk__in=offer_organisations(offer)).exists()


def parse_amount(value, field: str) -> Decimal:
    """A sum in złoty: a number or a string ("1234.50", "1234,50"), 0 or more, in grosze."""

    try:
        amount = Decimal(str(value).strip().replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        amount = None
    if (
        amount is None
        or isinstance(value, bool | float)
        or not amount.is_finite()
        or amount < 0
        or amount > MAX_AMOUNT
        or amount != amount.quantize(scoring.CENT)
    ):
        raise InvalidInput(
            _("Pole „%(field)s”: podaj kwotę w złotych (np. 1500,00).") % {"field": field},
            field=field,
        )
    return amount.quantize(scoring.CENT)


def _local_day(moment):
    return timezone.localtime(moment, city_tz()).date()


# --- the competition ------------------------------------------------------------------------


@condition
def deadline_far_enough(competition):
    earliest = timezone.localdate(timezone=city_tz()) + timedelta(days=MIN_OFFER_DAYS)
    if _local_day(competition.offers_deadline) < earliest:
        return _(
            "Termin składania ofert musi przypadać co najmniej %(days)d dni po ogłoszeniu "
            "(art. 13 ust. 1 ustawy), czyli nie wcześniej niż %(date)s."
        ) % {"days": MIN_OFFER_DAYS, "date": earliest.strftime("%d.%m.%Y")}
    return None


@condition
def criteria_complete(competition):
    weights = [c.weight for c in competition.criteria.all()]
    if not weights:
        return _("Podaj kryteria oceny ofert z ich wagami.")
    if sum(weights) != 100:
        return _("Wagi kryteriów muszą sumować się do 100%% (teraz %(sum)d%%).") % {
            "sum": sum(weights)
        }
    return None


def stamp_publication(competition) -> None:
    competition.published_at = timezone.now()


@condition
def offers_deadline_passed(competition):
    if timezone.now() < competition.offers_deadline:
        return _("Oferty można składać do %(when)s.") % {
            "when": format_local(competition.offers_deadline)
        }
    return None


def _offers(competition, state):
    return competition.offers.filter(state=state)


@condition
def formal_check_done(competition):
    waiting = competition.offers.filter(state__in=["submitted", "to_correct"]).count()
    if waiting:
        return _("Oferty bez oceny formalnej (także wezwane do poprawy): %(n)d.") % {"n": waiting}
    return None


def missing_sheets(competition) -> list[str]:
    """The offers some declared, unconflicted member has not scored on every criterion."""

    members = list(competition.commission.filter(declared_at__isnull=False))
    criteria = {c.pk for c in competition.criteria.all()}
    links = organisations_of([m.person_id for m in members])
    score_model = apps.get_model("grants", "Score")
    given: dict[tuple[int, int], set[int]] = {}
    for offer_id, member_id, criterion_id in score_model.objects.filter(
        offer__competition=competition
    ).values_list("offer_id", "member_id", "criterion_id"):
        given.setdefault((offer_id, member_id), set()).add(criterion_id)
    missing = []
    for offer in _offers(competition, "formally_accepted").prefetch_related("partners"):
        organisations = offer_organisations(offer)
        scorers = [m for m in members if not organisations & links.get(m.person_id, set())]
        if not scorers or any(given.get((offer.pk, m.pk), set()) != criteria for m in scorers):
            missing.append(offer.title)
    return missing


def organisations_of(person_ids) -> dict[int, set[int]]:
    link = apps.get_model("accounts", "Organisation").representatives.through
    linked: dict[int, set[int]] = {}
    for user_id, org_id in link.objects.filter(user_id__in=person_ids).values_list(
        "user_id", "organisation_id"
    ):
        linked.setdefault(user_id, set()).add(org_id)
    return linked


@condition
def scoring_complete(competition):
    if not competition.commission.filter(declared_at__isnull=False).exists():
        return _("Żaden członek komisji nie podpisał oświadczenia o bezstronności.")
    missing = missing_sheets(competition)
    if missing:
        return _("Nie wszyscy członkowie komisji ocenili oferty: %(titles)s.") % {
            "titles": "; ".join(missing)
        }
    return None


@condition
def every_offer_decided(competition):
    waiting = _offers(competition, "scored").count()
    if waiting:
        return _("Oferty bez decyzji o dotacji: %(n)d.") % {"n": waiting}
    return None


def granted_total(competition, *, excluding=None) -> Decimal:
    offers = competition.offers.filter(granted__isnull=False)
    if excluding is not None:
        offers = offers.exclude(pk=excluding.pk)
    return offers.aggregate(total=Sum("granted"))["total"] or Decimal(0)


@condition
def grants_within_funds(competition):
    total = granted_total(competition)
    if total > competition.funds:
        return _(
            "Przyznane dotacje (%(total)s zł) przekraczają środki konkursu (%(funds)s zł)."
        ) % {
            "total": total,
            "funds": competition.funds,
        }
    return None


def stamp_results(competition) -> None:
    competition.results_published_at = timezone.now()


# --- the offer ------------------------------------------------------------------------------


@condition
def competition_open(offer):
    from .models import CompetitionState

    if offer.competition.state != CompetitionState.PUBLISHED:
        return _("Konkurs nie przyjmuje ofert.")
    return None


def period_problem(competition, starts_on, ends_on) -> str | None:
    """The offer's period must lie within the period the announcement allows."""

    if starts_on is None or ends_on is None:
        return _("Podaj termin realizacji zadania (od–do).")
    if ends_on < starts_on:
        return _("Koniec realizacji zadania musi być po jego początku.")
    if starts_on < competition.carried_out_from or ends_on > competition.carried_out_to:
        return _("Zadanie można realizować od %(start)s do %(end)s (ogłoszenie konkursu).") % {
            "start": competition.carried_out_from.strftime("%d.%m.%Y"),
            "end": competition.carried_out_to.strftime("%d.%m.%Y"),
        }
    return None


def cost_problems(offer) -> list[str]:
    """What is wrong with the offer against the announcement's parameters: its period, the
    cost estimate's arithmetic, the grant's range and the own contribution expected."""

    competition = offer.competition
    lines = list(offer.cost_lines.all())
    period = period_problem(competition, offer.starts_on, offer.ends_on)
    problems = [period] if period else []
    if not lines:
        return [*problems, _("Kosztorys nie ma żadnej pozycji.")]
    for line in lines:
        total = scoring.line_total(line.quantity, line.unit_cost)
        if scoring.line_sources(line) != total:
            problems.append(
                _(
                    "Pozycja „%(name)s”: dotacja, wkład finansowy i wkład osobowy muszą dać "
                    "koszt %(total)s zł."
                )
                % {"name": line.name, "total": total}
            )
    sums = scoring.totals(lines)
    if not competition.min_grant <= sums.from_grant <= competition.max_grant:
        problems.append(
            _("Wnioskowana dotacja %(grant)s zł jest poza przedziałem %(min)s–%(max)s zł.")
            % {"grant": sums.from_grant, "min": competition.min_grant, "max": competition.max_grant}
        )
    if sums.own_percent < competition.own_contribution_percent:
        problems.append(
            _("Wkład własny to %(own)s%% kosztów, a ogłoszenie wymaga co najmniej %(need)s%%.")
            % {"own": sums.own_percent, "need": competition.own_contribution_percent}
        )
    if sums.financial_percent < competition.own_financial_percent:
        problems.append(
            _(
                "Wkład własny finansowy to %(own)s%% kosztów, a ogłoszenie wymaga co najmniej "
                "%(need)s%%."
            )
            % {"own": sums.financial_percent, "need": competition.own_financial_percent}
        )
    if sums.personal_percent < competition.own_personal_percent:
        problems.append(
            _("Wkład osobowy to %(own)s%% kosztów, a ogłoszenie wymaga co najmniej %(need)s%%.")
            % {"own": sums.personal_percent, "need": competition.own_personal_percent}
        )
    return problems


@condition
def cost_estimate_valid(offer):
    return " ".join(str(p) for p in cost_problems(offer)) or None


def stamp_submission(offer) -> None:
    # At write time, whether or not the scheduler has closed the competition yet.
    ensure_before(offer.competition, "close_offers", _("Złożenie oferty"))
    offer.submitted_at = timezone.now()


def open_correction(offer, errors: str) -> None:
    """The city names the formal errors; the announcement's number of days runs from now."""

    offer.corrections = errors
    offer.correction_deadline = timezone.now() + timedelta(days=offer.competition.correction_days)


def stamp_correction(offer) -> None:
    # At write time, whether or not the scheduler has rejected the offer yet.
    if offer.correction_deadline is None or timezone.now() >= offer.correction_deadline:
        raise OutsideWindow(
            _("Poprawa oferty: termin minął %(when)s.")
            % {"when": format_local(offer.correction_deadline)},
            closed_at=offer.correction_deadline.isoformat() if offer.correction_deadline else None,
        )
    offer.submitted_at = timezone.now()


def not_corrected(offer) -> str:
    return _("Błędów formalnych nie poprawiono w terminie (do %(when)s): %(errors)s") % {
        "when": format_local(offer.correction_deadline),
        "errors": offer.corrections,
    }


@condition
def correction_deadline_passed(offer):
    if offer.correction_deadline and timezone.now() < offer.correction_deadline:
        return _("Organizacja może poprawić ofertę do %(when)s.") % {
            "when": format_local(offer.correction_deadline)
        }
    return None


@condition
def competition_closed(offer):
    from .models import CompetitionState

    if offer.competition.state != CompetitionState.OFFERS_CLOSED:
        return _("Ocena formalna następuje po zamknięciu naboru ofert.")
    return None


@condition
def competition_scored(offer):
    from .models import CompetitionState

    if offer.competition.state != CompetitionState.SCORED:
        return _("Komisja nie zakończyła jeszcze oceny ofert.")
    return None


def apply_score(offer) -> None:
    criteria = {
        c.pk: scoring.Rule(c.weight, c.max_points) for c in offer.competition.criteria.all()
    }
    sheets: dict[int, dict[int, int]] = {}
    for score in offer.scores.all():
        sheets.setdefault(score.member_id, {})[score.criterion_id] = score.points
    offer.score = scoring.combined_score(sheets.values(), criteria)


def apply_grant(offer, amount) -> None:
    requested = scoring.totals(offer.cost_lines.all()).from_grant
    if not 0 < amount <= requested:
        raise InvalidInput(
            _("Dotacja musi być większa od zera i nie większa niż wnioskowana (%(req)s zł).")
            % {"req": requested},
            field="amount",
        )
    competition = offer.competition
    left = competition.funds - granted_total(competition, excluding=offer)
    if amount > left:
        raise InvalidInput(
            _("W konkursie zostało %(left)s zł do rozdysponowania.") % {"left": left},
            field="amount",
        )
    offer.granted = amount
