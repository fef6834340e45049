"""Reads of the budget, with their joins decided once."""

import threading
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import NotFound
from workflows.parsing import parse_id
from workflows.registry import get_kind
from workflows.selectors import labelled_history
from workflows.transitions import declared

from . import flows
from .ballot_rules import PoolOnBallot, Rule
from .models import (
    CityUnit,
    Edition,
    EditionState,
    Implementation,
    Phase,
    Pool,
    ProgressNote,
    Proposal,
    ProposalState,
    SupportSignature,
)
from .models.proposals import IMPLEMENTATION_STATES, PUBLIC_STATES


def editions() -> QuerySet[Edition]:
    return Edition.objects.select_related("city").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("opens_at")),
        Prefetch("pools", queryset=Pool.objects.select_related("district")),
        "pool_rules",
    )


def rulebook(edition: Edition) -> dict:
    """An edition's ballot rules: one per pool kind (its rulebook row, or the edition's own
    rule while it has none) and those of the whole ballot."""

    from .presets import PRESETS
    from .services.rulebook import BEFORE_VOTING

    return {
        "edition": edition.pk,
        "has_rulebook": bool(edition.pool_rules.all()),
        "editable": edition.state in BEFORE_VOTING,
        **{
            field: getattr(edition, field)
            for field in (
                "pool_mode",
                "points_across_pools",
                "max_points",
                "duplicate_policy",
                "minimum_age",
                "guardian_under",
            )
        },
        "rules": {
            kind: {
                "vote_rule": rule.vote_rule,
                "max_choices": rule.max_choices,
                "ordinal_points": rule.ordinal_points,
                "max_points": rule.max_points,
            }
            for kind, rule in edition.rules_by_kind().items()
        },
        "presets": {key: str(preset["label"]) for key, preset in PRESETS.items()},
    }


def public_editions() -> QuerySet[Edition]:
    return editions().exclude(state=EditionState.DRAFT)


def edition_by_year(year: int) -> Edition | None:
    return public_editions().filter(year=year).first()


def current_edition() -> Edition | None:
    return public_editions().order_by("-year").first()


def proposals(*, user=None) -> QuerySet[Proposal]:
    """Proposals `user` may see: public ones, and drafts of their own (staff see all)."""

    qs = Proposal.objects.select_related(
        "edition", "pool", "pool__district", "author", "unit"
    ).annotate(support=Count("signatures", distinct=True))
    if user is not None and is_council_staff(user):
        return qs
    visible = Q(state__in=PUBLIC_STATES)
    if user is not None and user.is_authenticated:
        visible |= Q(author=user) | Q(coauthors=user)
    return qs.filter(visible).distinct()


def filter_proposals(
    qs,
    *,
    edition=None,
    district=None,
    category=None,
    state=None,
    cost_min=None,
    cost_max=None,
    q=None,
):
    qs = _in_area(qs, edition=edition, district=district)
    if category:
        qs = qs.filter(category=category)
    if state:
        qs = qs.filter(state=state)
    if cost_min is not None:
        qs = qs.filter(estimated_cost__gte=cost_min)
    if cost_max is not None:
        qs = qs.filter(estimated_cost__lte=cost_max)
    if q:
        qs = qs.filter(
            Q(title__icontains=q) | Q(description__icontains=q) | Q(location__icontains=q)
        )
    return qs


def proposal_points(qs) -> QuerySet:
    """(id, title, latitude, longitude) of the proposals in `qs` that have a point."""

    return (
        qs.filter(latitude__isnull=False)
        .order_by("title", "id")
        .values_list("pk", "title", "latitude", "longitude")
    )


def proposal_detail(pk: int, user) -> Proposal | None:
    return (
        proposals(user=user)
        .prefetch_related("coauthors", "verifications__unit", "verifications__by")
        .filter(pk=pk)
        .first()
    )


def proposal_timeline(proposal: Proposal) -> list:
    """The proposal's history for its public page, oldest first, in one query: each audit
    entry labelled (`action_label`, `to_label`), with `role`: who acted in role terms, and
    `state_changed`. The unit's name is given where the unit acted (it is public)."""

    permissions = {
        tr.name: tr.permission.name for tr in declared(get_kind("proposal"))
    } | flows.ACTION_PERMISSIONS
    entries = labelled_history(proposal)
    for entry in entries:
        permission = permissions.get(entry.action)
        if entry.by_id is None:
            entry.role = str(flows.AUTOMATIC)
        elif entry.by_id == proposal.author_id:
            entry.role = str(flows.AUTHOR)
        elif permission == "budget.verify_proposal" and proposal.unit is not None:
            entry.role = f"{flows.ROLE_LABELS[permission]}: {proposal.unit.name}"
        else:
            entry.role = str(flows.ROLE_LABELS.get(permission, flows.OFFICE))
        entry.state_changed = entry.from_state != entry.to_state
    return entries


def verification_queue(user) -> QuerySet[Proposal]:
    """Formal checks for staff; merit checks of the user's own units for verifiers."""

    states = [ProposalState.FORMALLY_PASSED]
    mine = Q(unit__members=user, state__in=states)
    if is_council_staff(user):
        mine |= Q(state=ProposalState.SUBMITTED)
    return proposals(user=user).filter(mine).order_by("submitted_at", "id")


def appeals(user) -> QuerySet[Proposal]:
    """Appeals awaiting a decision (the page is for council staff: budget.flows)."""

    return proposals(user=user).filter(state=ProposalState.APPEALED)


def units_of(user) -> QuerySet[CityUnit]:
    return CityUnit.objects.filter(members=user)


def ballot_pools(edition: Edition) -> QuerySet[Pool]:
    on_ballot = Proposal.objects.filter(state=ProposalState.ON_BALLOT).order_by("title", "id")
    return (
        edition.pools.select_related("district")
        .prefetch_related(Prefetch("proposals", queryset=on_ballot, to_attr="on_ballot"))
        # The citywide pool (no district) first on every database: PostgreSQL sorts NULLs last.
        .order_by(F("district__number").asc(nulls_first=True), "id")
    )


@dataclass(frozen=True)
class VotingSnapshot:
    edition: Edition
    pools: dict[int, PoolOnBallot]
    phase: Phase | None


_snapshots: dict[int, VotingSnapshot] = {}
_snapshots_lock = threading.Lock()


def voting_snapshot(edition_id, *, refresh: bool = False) -> VotingSnapshot:
    """The edition, its pools with the ids of their projects on the ballot, and the voting
    phase — cached per process, so that casting a ballot reads nothing in the common case.

    A stale copy cannot let a wrong ballot in: the ballot box stores a ballot only if the
    edition row still has the `updated_at` this snapshot was taken at (and is in voting),
    and every change of state, schedule or rules moves `updated_at`."""

    key = parse_id(edition_id)
    with _snapshots_lock:
        cached = _snapshots.get(key)
    if cached is not None and not refresh:
        return cached
    edition = Edition.objects.filter(pk=key).first() if key is not None else None
    if edition is None:
        raise NotFound(_("Nie ma takiej edycji."))
    rules = {kind: Rule.of(kind, source) for kind, source in edition.rules_by_kind().items()}
    pools = {
        pool.id: PoolOnBallot(
            id=pool.id,
            name=pool.name,
            district_id=pool.district_id,
            proposals=frozenset(p.id for p in pool.on_ballot),
            rule=rules[pool.kind],
        )
        for pool in ballot_pools(edition)
    }
    snapshot = VotingSnapshot(
        edition, pools, Phase.objects.filter(edition=edition, kind="voting").first()
    )
    with _snapshots_lock:
        _snapshots[key] = snapshot
    return snapshot


def _in_area(qs, *, edition=None, district=None):
    """Narrow to an edition and a district ("city" means the citywide pool)."""

    if edition:
        qs = qs.filter(edition_id=edition)
    if district == "city":
        return qs.filter(pool__district__isnull=True)
    if district:
        return qs.filter(pool__district_id=district)
    return qs


def implementations(*, edition=None, district=None) -> QuerySet[Proposal]:
    qs = (
        Proposal.objects.filter(state__in=IMPLEMENTATION_STATES)
        .select_related("edition", "pool", "pool__district", "implementation__unit")
        .prefetch_related("implementation__photos")
        .order_by("pool__district__number", "title")
    )
    qs = _in_area(qs, edition=edition, district=district)
    return qs


def implementations_with_latest_note(*, edition=None, district=None) -> QuerySet[Proposal]:
    """The public implementation list: each implementation with its newest progress note
    only (`latest_notes`, at most one), in one more query however many notes there are."""

    newest = ProgressNote.objects.order_by("-at", "-id")[:1]
    return implementations(edition=edition, district=district).prefetch_related(
        Prefetch("implementation__notes", queryset=newest, to_attr="latest_notes")
    )


def implementation_of(proposal: Proposal) -> Implementation | None:
    """A project's implementation for its page: unit, progress notes (newest first) and
    photos, in three queries however many notes there are."""

    return (
        Implementation.objects.select_related("unit")
        .prefetch_related("notes", "photos")
        .filter(proposal=proposal)
        .first()
    )


def edition_participants(edition: Edition) -> QuerySet:
    """Who took part in an edition: the authors and co-authors of its submitted proposals
    and the residents who signed support for one (one query, however many). Voters are not
    among them: a ballot is secret and tied to no account."""

    submitted = Proposal.objects.filter(edition=edition, state__in=PUBLIC_STATES)
    coauthors = Proposal.coauthors.through.objects.filter(proposal__in=submitted)
    signers = SupportSignature.objects.filter(proposal__edition=edition)
    return get_user_model().objects.filter(
        Q(pk__in=submitted.values("author_id"))
        | Q(pk__in=coauthors.values("user_id"))
        | Q(pk__in=signers.values("user_id")),
        is_active=True,
    )
