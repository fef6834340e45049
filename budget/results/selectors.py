"""Reads of a count's results, with the related rows fetched once (constant query count)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from budget.export import FROZEN_STATES
from budget.models import Edition, EditionState
from workflows.accounts.roles import is_council_staff
from workflows.errors import Conflict

from .models import PoolResult, ProjectResult, TallyRun


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
