"""A ballot checked against the edition's vote rule, as a whole: one breach refuses it all.

Input (API and form alike): [{"pool": id, "choices": [{"proposal": id, "points": n}, ...]}].
Approval: up to k projects per pool. Ordinal: projects in order of preference, the first
gets ordinal_points[0] and so on. Cumulative: positive points, at most P in a pool.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from workflows.errors import InvalidInput
from workflows.parsing import parse_id

from .models import PoolMode, VoteRule


@dataclass(frozen=True)
class PoolOnBallot:
    id: int
    name: str
    district_id: int | None
    proposals: frozenset[int]


@dataclass(frozen=True)
class Choice:
    pool: int
    proposal: int
    points: int
    rank: int | None


def refuse(message: str, rule: str) -> InvalidInput:
    return InvalidInput(message, field="pools", rule=rule)


def validate(edition, pools: dict[int, PoolOnBallot], selections) -> list[Choice]:
    if not isinstance(selections, list) or not selections:
        raise refuse(_("Karta jest pusta: wybierz co najmniej jeden projekt."), "not_empty")
    owner = {pid: pool.id for pool in pools.values() for pid in pool.proposals}
    seen_pools: set[int] = set()
    result: list[Choice] = []
    for entry in selections:
        pool = pools.get(parse_id(entry.get("pool")) if isinstance(entry, dict) else None)
        if pool is None:
            raise refuse(_("Wybrana pula nie należy do tej edycji."), "pool_of_edition")
        if pool.id in seen_pools:
            raise refuse(_("Każdą pulę można wybrać na karcie tylko raz."), "pool_once")
        seen_pools.add(pool.id)
        result += _pool_choices(edition, pool, entry.get("choices"), owner)
    districts = [pools[p] for p in seen_pools if pools[p].district_id is not None]
    if edition.pool_mode == PoolMode.ONE_DISTRICT and len(districts) > 1:
        raise refuse(
            _("Głosuje się w puli ogólnomiejskiej i w jednej wybranej puli dzielnicowej."),
            "one_district_pool",
        )
    if not result:
        raise refuse(_("Karta jest pusta: wybierz co najmniej jeden projekt."), "not_empty")
    return result


def _pool_choices(edition, pool: PoolOnBallot, choices, owner) -> list[Choice]:
    if not isinstance(choices, list):
        raise refuse(_("Podaj listę wybranych projektów puli."), "choices_list")
    ids: list[int] = []
    points: list[int] = []
    for item in choices:
        pid = parse_id(item.get("proposal")) if isinstance(item, dict) else None
        if pid is None or pid not in owner:
            raise refuse(_("Wybrany projekt nie jest na karcie do głosowania."), "on_ballot")
        if owner[pid] != pool.id:
            raise refuse(
                _("Projekt należy do innej puli niż „%(pool)s”.") % {"pool": pool.name},
                "project_in_pool",
            )
        if pid in ids:
            raise refuse(_("Każdy projekt można wybrać tylko raz."), "project_once")
        ids.append(pid)
        points.append(item.get("points", 1))
    rule = edition.vote_rule
    limit = edition.choices_limit
    if rule in (VoteRule.APPROVAL, VoteRule.ORDINAL) and len(ids) > limit:
        raise refuse(
            _("Reguła głosowania: najwyżej %(k)s projektów w puli „%(pool)s”.")
            % {"k": limit, "pool": pool.name},
            "max_choices",
        )
    if rule == VoteRule.APPROVAL:
        return [Choice(pool.id, pid, 1, None) for pid in ids]
    if rule == VoteRule.ORDINAL:
        scale = edition.ordinal_points
        return [Choice(pool.id, pid, scale[i], i + 1) for i, pid in enumerate(ids)]
    if any(isinstance(p, bool) or not isinstance(p, int) or p < 1 for p in points):
        raise refuse(_("Punkty to dodatnie liczby całkowite."), "points_positive")
    if sum(points) > edition.max_points:
        raise refuse(
            _("Reguła głosowania: najwyżej %(p)s punktów w puli „%(pool)s” (przydzielono %(s)s).")
            % {"p": edition.max_points, "pool": pool.name, "s": sum(points)},
            "max_points",
        )
    return [Choice(pool.id, pid, pts, None) for pid, pts in zip(ids, points, strict=True)]
