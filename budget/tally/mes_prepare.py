"""Arrays for the numpy MES engine that do not depend on the voters' budgets.

Built once per election and reused by every run of Add1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from budget.tally.profile import Profile


@dataclass(slots=True)
class Prepared:
    supporters: list[np.ndarray]  # per project: supporting groups
    utilities: list[np.ndarray]  # per project: float64 utility of each supporting group
    weights: list[np.ndarray]  # per project: float64 weight of each supporting group
    single_voters: list[bool]  # per project: every supporting group is one voter (weight 1)
    weighted_utility: list[np.ndarray]  # weight * utility
    total_utility: list[int]  # exact sum of weight * utility
    total_weight: list[int]  # number of supporters
    max_utility: list[float]
    # The utility all supporters share (cost utilities), which spares a division per voter.
    uniform_utility: list[float | None]
    overlap: list[list[int]]  # per project: projects sharing a supporter with it


def prepare(profile: Profile) -> Prepared:
    weights = profile.weights.astype(np.float64)
    sups, utils = profile.supporters, profile.utilities
    indptr, entry_project = _ballots(profile)
    overlap = []
    for sup in sups:
        starts, lengths = indptr[sup], indptr[sup + 1] - indptr[sup]
        entries = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(
            lengths.sum()
        )
        overlap.append(np.unique(entry_project[entries]).tolist())
    return Prepared(
        supporters=sups,
        utilities=[u.astype(np.float64) for u in utils],
        weights=[weights[s] for s in sups],
        single_voters=[bool((profile.weights[s] == 1).all()) for s in sups],
        weighted_utility=[weights[s] * u for s, u in zip(sups, utils, strict=True)],
        total_utility=[
            int((profile.weights[s] * u).sum()) for s, u in zip(sups, utils, strict=True)
        ],
        total_weight=[int(profile.weights[s].sum()) for s in sups],
        max_utility=[float(u.max()) if len(u) else 1.0 for u in utils],
        uniform_utility=[_uniform(u) for u in utils],
        overlap=overlap,
    )


def _uniform(utilities: np.ndarray) -> float | None:
    if len(utilities) and (utilities == utilities[0]).all():
        return float(utilities[0])
    return None


def _ballots(profile: Profile) -> tuple[np.ndarray, np.ndarray]:
    """The projects on every group's ballot, grouped by group (CSR indptr, projects)."""
    groups = np.concatenate([*profile.supporters, np.zeros(0, np.int64)])
    projects = np.concatenate(
        [np.full(len(s), p, np.int64) for p, s in enumerate(profile.supporters)]
        + [np.zeros(0, np.int64)]
    )
    order = np.argsort(groups, kind="stable")
    counts = np.bincount(groups, minlength=len(profile.weights))
    indptr = np.concatenate(([0], np.cumsum(counts)))
    return indptr, projects[order]
