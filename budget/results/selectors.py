"""Reads of a count's results, with the related rows fetched once (constant query count)."""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from budget.export import FROZEN_STATES
from budget.models import Edition, EditionState
from workflows.accounts.roles import is_council_staff
from workflows.errors import Conflict

from .models import PoolResult, ProjectResult, ResultAmendment, TallyRun


def visible_run(edition: Edition, user) -> TallyRun:
    """The edition's count as `user` may see it, or 409 saying when it will be visible.

    Votes per project are never shown while the box is open, to anyone (they would sway the
    vote); once it is frozen staff may preview the count before it is published.
    """

    if edition.state not in FROZEN_STATES:
        raise Conflict(
            _("Wyniki będą dostępne po zamknięciu głosowania i ich ogłoszeniu."),
            state=edition.state,
        )
    staff = bool(is_council_staff(user))
    if edition.state != EditionState.RESULTS_PUBLISHED and not staff:
        raise Conflict(_("Wyniki nie zostały jeszcze ogłoszone."), state=edition.state)
    run = run_with_results(edition)
    if run is None:
        raise Conflict(_("Głosy tej edycji nie zostały jeszcze policzone."), state=edition.state)
    return run


def run_with_results(edition: Edition) -> TallyRun | None:
    return (
        TallyRun.objects.filter(edition=edition)
        .prefetch_related(
            Prefetch("pools", queryset=PoolResult.objects.select_related("pool__district")),
            Prefetch(
                "projects",
                queryset=ProjectResult.objects.select_related("proposal").order_by(
                    "-selected", "selection_order", "-score", "-votes", "proposal__title"
                ),
            ),
            Prefetch(
                "amendments",
                queryset=ResultAmendment.objects.select_related("proposal").order_by("number"),
            ),
        )
        .first()
    )


def pools_with_projects(run: TallyRun) -> list[PoolResult]:
    """The run's pools, each with `project_results`: its projects, winners first."""

    by_pool: dict[int, list[ProjectResult]] = {}
    for project in run.projects.all():
        by_pool.setdefault(project.pool_id, []).append(project)
    pools = list(run.pools.all())
    for pool in pools:
        pool.project_results = by_pool.get(pool.pool_id, [])
    return pools


def amendments_explained(run: TallyRun) -> list[ResultAmendment]:
    """The run's amendments, each with `moved_in_titles` and `moved_out_titles` (the titles
    its re-count recorded, no query)."""

    amendments = list(run.amendments.all())
    for amendment in amendments:
        titles = {
            row["id"]: row["title"] for pool in amendment.pools.values() for row in pool["projects"]
        }
        amendment.moved_in_titles = [titles[pid] for pid in amendment.moved_in]
        amendment.moved_out_titles = [titles[pid] for pid in amendment.moved_out]
    return amendments


def amended_pools(run: TallyRun, pools: list[PoolResult]) -> list[dict]:
    """The results after the last amendment, for the pools re-counted: per pool its name,
    amount, the money now given and its projects (with the original outcome beside them)."""

    amendments = list(run.amendments.all())
    if not amendments:
        return []
    latest = amendments[-1].pools
    original = {p.proposal_id: p.selected for p in run.projects.all()}
    result = []
    for pool in pools:
        recounted = latest.get(str(pool.pool_id))
        if recounted is None:
            continue
        projects = [
            {**row, "was_selected": original.get(row["id"])} for row in recounted["projects"]
        ]
        result.append(
            {
                "pool": pool.pool,
                "amount": pool.amount,
                "spent": Decimal(recounted["spent"]),
                "projects": projects,
            }
        )
    return result
