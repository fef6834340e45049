"""An edition's ballot rules: saved by staff, or started from a city's preset.

Fixed once voting starts: a rule changed mid-vote would judge ballots in one box by two
rulebooks. Saving moves the edition's `updated_at`, so cached voting snapshots
(selectors.voting_snapshot) never validate a ballot against the old rules.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workflows.errors import Conflict, InvalidInput, NotFound
from workflows.parsing import require_int
from workflows.services import record

from .. import rules
from ..models import DuplicatePolicy, Edition, EditionState, PoolKind, PoolMode, PoolRule, VoteRule
from ..models.rulebook import check_rule
from ..presets import PRESETS

# The edition's fields this rulebook sets (the rows override the edition's own rule); once
# it has rows, the settings page and API leave them to it (services.setup).
SET_BY_RULEBOOK = (
    "vote_rule",
    "max_choices",
    "ordinal_points",
    "max_points",
    "pool_mode",
    "minimum_age",
    "guardian_under",
)
BEFORE_VOTING = (
    EditionState.DRAFT,
    EditionState.SUBMISSION,
    EditionState.VERIFICATION,
    EditionState.APPEALS,
)


def _choice(value, choices, field: str) -> str:
    if value not in choices.values:
        raise InvalidInput(
            _("Pole „%(field)s”: wybierz jedną z opcji.") % {"field": field}, field=field
        )
    return value


def _points(value, field: str) -> list[int]:
    if isinstance(value, str):
        value = [p.strip() for p in value.replace("-", ",").split(",") if p.strip()]
    if not isinstance(value, list) or not 1 <= len(value) <= 20:
        raise InvalidInput(_("Podaj punkty za kolejne miejsca, np. 3-2-1."), field=field)
    return [require_int(p, field, low=1, high=100) for p in value]


def _rule(kind: str, data) -> PoolRule:
    if not isinstance(data, dict):
        raise InvalidInput(_("Podaj zasadę dla każdego rodzaju puli."), field=kind)
    vote_rule = _choice(data.get("vote_rule"), VoteRule, f"{kind}.vote_rule")
    rule = PoolRule(pool_kind=kind, vote_rule=vote_rule)
    if vote_rule == VoteRule.APPROVAL:
        rule.max_choices = require_int(
            data.get("max_choices"), f"{kind}.max_choices", low=1, high=100
        )
    elif vote_rule == VoteRule.ORDINAL:
        rule.ordinal_points = _points(data.get("ordinal_points"), f"{kind}.ordinal_points")
    else:
        rule.max_points = require_int(
            data.get("max_points"), f"{kind}.max_points", low=1, high=1000
        )
    try:
        check_rule(rule)
    except ValidationError as exc:
        raise InvalidInput("; ".join(exc.messages), field=kind) from exc
    return rule


@transaction.atomic
def rulebook_save(*, edition_id, by, data: dict, preset: str = "") -> Edition:
    """`data`: pool_mode, points_across_pools, max_points, duplicate_policy, minimum_age,
    guardian_under and rules = {pool kind: {vote_rule, max_choices | ordinal_points |
    max_points}}, one per pool kind."""

    rules.configures_editions(by)
    edition = Edition.objects.select_for_update(of=("self",)).filter(pk=edition_id).first()
    if edition is None:
        raise NotFound(_("Nie ma takiej edycji."))
    if edition.state not in BEFORE_VOTING:
        raise Conflict(
            _("Głosowanie już się rozpoczęło: zasad głosowania nie można zmienić."),
            state=edition.state,
        )
    per_kind = data.get("rules") or {}
    if not isinstance(per_kind, dict):
        raise InvalidInput(_("Podaj zasadę dla każdego rodzaju puli."), field="rules")
    rows = [_rule(kind, per_kind.get(kind)) for kind in PoolKind.values]
    edition.pool_mode = _choice(data.get("pool_mode"), PoolMode, "pool_mode")
    edition.duplicate_policy = _choice(
        data.get("duplicate_policy"), DuplicatePolicy, "duplicate_policy"
    )
    edition.points_across_pools = data.get("points_across_pools") in (True, "true", "on", "1")
    edition.max_points = require_int(data.get("max_points"), "max_points", low=1, high=1000)
    edition.minimum_age = require_int(data.get("minimum_age"), "minimum_age", high=120)
    edition.guardian_under = require_int(data.get("guardian_under"), "guardian_under", high=120)
    # The citywide rule doubles as the edition's own, read where pools are not told apart.
    citywide = rows[PoolKind.values.index(PoolKind.CITYWIDE)]
    edition.vote_rule = citywide.vote_rule
    edition.max_choices, edition.ordinal_points = citywide.max_choices, citywide.ordinal_points
    try:
        edition.full_clean(exclude=["city", "voter_salt", "state"], validate_unique=False)
    except ValidationError as exc:
        raise InvalidInput("; ".join(exc.messages)) from exc
    edition.save()
    PoolRule.objects.filter(edition=edition).delete()
    for row in rows:
        row.edition = edition
    PoolRule.objects.bulk_create(rows)
    record(
        edition,
        "rulebook_changed",
        by=by,
        payload={
            "preset": preset,
            "rules": {
                r.pool_kind: [r.vote_rule, r.max_choices, r.ordinal_points, r.max_points]
                for r in rows
            },
            "pool_mode": edition.pool_mode,
            "points_across_pools": edition.points_across_pools,
            "max_points": edition.max_points,
            "duplicate_policy": edition.duplicate_policy,
            "minimum_age": edition.minimum_age,
            "guardian_under": edition.guardian_under,
        },
    )
    return edition


def rulebook_apply_preset(*, edition_id, by, preset: str) -> Edition:
    """A city's published rules (budget.presets) as the edition's rulebook."""

    if not isinstance(preset, str) or preset not in PRESETS:
        raise InvalidInput(_("Nie ma takiego zestawu zasad."), field="preset")
    return rulebook_save(edition_id=edition_id, by=by, data=PRESETS[preset], preset=preset)
