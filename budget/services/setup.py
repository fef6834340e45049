"""Staff set up an edition: create it (or copy last year's), change its settings, and the
city units that verify proposals. Settings are fixed from the phase they govern: changing
them after that would change the rules under people who already acted on them."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role
from workflows.errors import Conflict, InvalidInput
from workflows.parsing import parse_id, parse_money, require_int
from workflows.services import record

from .. import rules
from ..models import (
    CityUnit,
    Edition,
    EditionState,
    Phase,
    Pool,
    PoolMode,
    PoolRule,
    TieBreak,
    VoteRule,
)
from ..models.proposals import Category
from .rulebook import SET_BY_RULEBOOK

# The first state in which a setting may no longer change, and why.
AFTER_SUBMISSION = EditionState.SUBMISSION
AFTER_VOTING = EditionState.VOTING
FIXED_FROM = {
    "year": AFTER_SUBMISSION,
    "total_amount": AFTER_SUBMISSION,
    "city_spending": AFTER_SUBMISSION,
    "categories": AFTER_SUBMISSION,
    "correction_days": AFTER_SUBMISSION,
    "district_council_opinions": AFTER_SUBMISSION,
    "vote_rule": AFTER_VOTING,
    "max_choices": AFTER_VOTING,
    "ordinal_points": AFTER_VOTING,
    "max_points": AFTER_VOTING,
    "pool_mode": AFTER_VOTING,
    "minimum_age": AFTER_VOTING,
    "guardian_under": AFTER_VOTING,
    "identification": AFTER_VOTING,
    "tie_break": AFTER_VOTING,
}
FIXED_WHY = {
    AFTER_SUBMISSION: gettext_lazy("ustala się przed otwarciem naboru projektów"),
    AFTER_VOTING: gettext_lazy("ustala się przed otwarciem głosowania"),
}
ORDER = list(EditionState.values)
EDITABLE = {"title", "legal_basis", *FIXED_FROM}
# Art. 5a ust. 5 u.s.g.: in a city with powiat rights at least 0.5 % of its spending.
MIN_SHARE = 0.005


def _fixed(edition: Edition, fields) -> None:
    reached = ORDER.index(edition.state)
    refused = [f for f in fields if f in FIXED_FROM and reached >= ORDER.index(FIXED_FROM[f])]
    if refused:
        reasons = "; ".join(
            _("„%(f)s” %(why)s")
            % {"f": Edition._meta.get_field(f).verbose_name, "why": FIXED_WHY[FIXED_FROM[f]]}
            for f in refused
        )
        raise Conflict(
            _("Edycja jest w etapie „%(state)s”: %(reasons)s.")
            % {"state": edition.get_state_display(), "reasons": reasons},
            fields=refused,
            state=edition.state,
        )


def _set_by_rulebook(edition: Edition, fields) -> None:
    """Once an edition has a rulebook, its rows decide every pool's ballot: a change of the
    edition's own rule here would no longer reach the ballot, so it is refused (409)."""

    refused = [f for f in fields if f in SET_BY_RULEBOOK]
    if refused and edition.pool_rules.exists():
        page = reverse("budget:rulebook", args=[edition.pk])
        raise Conflict(
            _(
                "Ta edycja ma zasady głosowania w pulach: %(fields)s zmienia się na stronie "
                "„Zasady głosowania” (%(page)s)."
            )
            % {
                "fields": ", ".join(
                    f"„{Edition._meta.get_field(f).verbose_name}”" for f in refused
                ),
                "page": page,
            },
            field=refused[0],
            fields=refused,
            rulebook=page,
            rulebook_api=reverse("budget-rulebook", args=[edition.pk]),
        )


def _clean(edition: Edition, data: dict) -> None:
    """Apply `data` to `edition` (not saved), each value checked, 400 naming its field."""

    unknown = sorted(set(data) - EDITABLE)
    if unknown:
        raise InvalidInput(
            _("Nieoczekiwane pola: %(f)s.") % {"f": ", ".join(unknown)}, field=unknown[0]
        )
    text = {"title": 200, "legal_basis": 300}
    for field, length in text.items():
        if field in data:
            value = str(data[field] or "").strip()
            if field == "title" and not value:
                raise InvalidInput(_("Podaj nazwę edycji."), field="title")
            setattr(edition, field, value[:length])
    if "year" in data:
        edition.year = require_int(data["year"], "year", low=2000, high=2100)
    if "total_amount" in data:
        edition.total_amount = parse_money(data["total_amount"], "total_amount")
    if "city_spending" in data:
        edition.city_spending = parse_money(data["city_spending"], "city_spending", optional=True)
    small = ("max_choices", "max_points", "minimum_age", "guardian_under", "correction_days")
    for field in small:
        if field in data:
            setattr(edition, field, require_int(data[field], field, high=100))
    choices = {"vote_rule": VoteRule, "pool_mode": PoolMode, "tie_break": TieBreak}
    for field, enum in choices.items():
        if field in data:
            if data[field] not in enum.values:
                raise InvalidInput(
                    _("Pole „%(f)s”: %(v)s.") % {"f": field, "v": ", ".join(enum.values)},
                    field=field,
                )
            setattr(edition, field, data[field])
    for field, allowed in (("categories", Category.values), ("identification", None)):
        if field in data:
            values = data[field]
            if not isinstance(values, list | tuple) or (allowed and set(values) - set(allowed)):
                raise InvalidInput(
                    _("Pole „%(f)s”: lista wartości spośród: %(v)s.")
                    % {"f": field, "v": ", ".join(allowed or ("pesel", "code"))},
                    field=field,
                )
            setattr(edition, field, list(dict.fromkeys(values)))
    if "district_council_opinions" in data:
        if not isinstance(data["district_council_opinions"], bool):
            raise InvalidInput(
                _("Pole „district_council_opinions”: tak albo nie (true, false)."),
                field="district_council_opinions",
            )
        edition.district_council_opinions = data["district_council_opinions"]
    if "ordinal_points" in data:
        points = data["ordinal_points"]
        if isinstance(points, str):
            points = [p.strip() for p in points.split(",") if p.strip()]
        if not isinstance(points, list | tuple):
            raise InvalidInput(_("Punkty podaj jako listę, np. 3, 2, 1."), field="ordinal_points")
        edition.ordinal_points = [require_int(p, "ordinal_points", low=1, high=100) for p in points]
    try:
        edition.clean()
    except ValidationError as exc:
        field = "ordinal_points" if edition.vote_rule == VoteRule.ORDINAL else "identification"
        raise InvalidInput(" ".join(exc.messages), field=field) from exc
    if edition.city_spending and edition.total_amount < edition.city_spending * 5 / 1000:
        raise InvalidInput(
            _(
                "Budżet obywatelski miasta na prawach powiatu to co najmniej 0,5%% wydatków "
                "miasta (art. 5a ust. 5 u.s.g.); tu %(share)s%%."
            )
            % {"share": edition.spending_share},
            field="total_amount",
        )


def _save_new(edition: Edition) -> Edition:
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:
        raise Conflict(
            _("Miasto ma już edycję na rok %(y)s.") % {"y": edition.year}, field="year"
        ) from None
    return edition


@transaction.atomic
def edition_create(*, by, city, data: dict) -> Edition:
    rules.configures_editions(by)
    edition = Edition(city=city, identification=["pesel"])
    missing = [f for f in ("title", "year", "total_amount") if f not in data]
    if missing:
        raise InvalidInput(_("Brakuje pól: %(f)s.") % {"f": ", ".join(missing)}, field=missing[0])
    _clean(edition, data)
    return _save_new(edition)


@transaction.atomic
def edition_update(*, by, edition: Edition, data: dict) -> Edition:
    """Change settings; those fixed by the current phase, or set by the edition's rulebook,
    are refused (409) with the reason."""

    rules.configures_editions(by)
    edition = Edition.objects.select_for_update(of=("self",)).get(pk=edition.pk)
    before = {f: getattr(edition, f) for f in FIXED_FROM}
    _clean(edition, data)
    changed = [f for f in FIXED_FROM if getattr(edition, f) != before[f]]
    _set_by_rulebook(edition, changed)
    _fixed(edition, changed)
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:
        raise Conflict(_("Miasto ma już edycję na ten rok."), field="year") from None
    if edition.state != EditionState.DRAFT:
        record(edition, "settings_changed", by=by, payload={"fields": sorted(data)})
    return edition


COPIED = [f for f in FIXED_FROM if f not in ("year",)] + [
    "legal_basis",
    "tally_rule",
    "points_across_pools",
    "duplicate_policy",
]


@transaction.atomic
def edition_copy(*, by, source: Edition, year, title: str = "") -> Edition:
    """Last year's edition as a starting point: its settings, pools and schedule (moved by
    the years between them), in a new draft. Proposals and votes are never copied."""

    rules.configures_editions(by)
    year = require_int(year, "year", low=2000, high=2100)
    shift = year - source.year
    edition = Edition(
        city=source.city,
        year=year,
        title=(title or "").strip()[:200] or source.title.replace(str(source.year), str(year)),
        score_threshold=source.score_threshold,
        **{f: getattr(source, f) for f in COPIED},
    )
    _save_new(edition)
    Pool.objects.bulk_create(
        Pool(
            edition=edition,
            kind=pool.kind,
            district_id=pool.district_id,
            name=pool.name,
            amount=pool.amount,
            max_project_cost=pool.max_project_cost,
            population=pool.district.population or pool.population
            if pool.district_id
            else pool.population,
            support_minimum=pool.support_minimum,
        )
        for pool in source.pools.select_related("district")
    )
    # The rulebook travels with the edition: the council's resolution outlives a year.
    PoolRule.objects.bulk_create(
        PoolRule(
            edition=edition,
            pool_kind=rule.pool_kind,
            vote_rule=rule.vote_rule,
            max_choices=rule.max_choices,
            ordinal_points=rule.ordinal_points,
            max_points=rule.max_points,
        )
        for rule in source.pool_rules.all()
    )
    Phase.objects.bulk_create(
        Phase(
            edition=edition,
            kind=phase.kind,
            opens_at=_moved(phase.opens_at, shift),
            closes_at=_moved(phase.closes_at, shift),
            legal_basis=phase.legal_basis,
        )
        for phase in source.phases.all()
    )
    record(edition, "copied", by=by, payload={"from": source.pk})
    return edition


def _moved(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February in a year that has none
        return moment.replace(year=moment.year + years, day=28)


def _verifiers(ids) -> list[User]:
    if not isinstance(ids, list | tuple):
        raise InvalidInput(_("Weryfikatorów podaj jako listę."), field="verifiers")
    wanted = {n for n in (parse_id(v) for v in ids) if n}
    users = list(User.objects.filter(pk__in=wanted, is_active=True))
    if len(users) != len(wanted) or len(wanted) != len(ids):
        raise InvalidInput(_("Nie ma takiej osoby."), field="verifiers")
    return users


@transaction.atomic
def unit_save(*, by, unit: CityUnit | None = None, name, short_name="", verifiers=()) -> CityUnit:
    """A city unit and who verifies for it; they get the verifier's role."""

    rules.configures_editions(by)
    name = str(name or "").strip()[:200]
    if not name:
        raise InvalidInput(_("Podaj nazwę jednostki."), field="name")
    if CityUnit.objects.filter(name=name).exclude(pk=unit.pk if unit else None).exists():
        raise Conflict(_("Jednostka „%(n)s” już istnieje.") % {"n": name}, field="name")
    unit = unit or CityUnit()
    unit.name, unit.short_name = name, str(short_name or "").strip()[:20]
    unit.save()
    people = _verifiers(verifiers)
    unit.members.set(people)
    for person in people:
        grant_role(person, Role.VERIFIER)
    return unit
