"""A ballot checked against the edition's rulebook, as a whole: one breach refuses it all.

Input (API and form alike): [{"pool": id, "choices": [{"proposal": id, "points": n}, ...]}].
Each pool follows the rule of its kind (citywide, district, thematic; see models.rulebook):
approval, up to k projects; ordinal, projects in order of preference, the first gets
ordinal_points[0] and so on; cumulative, positive points, at most P in the pool — or, where
the edition lets points be spread across pools, at most the edition's P on all of them.
A refusal names the rule and the pool kind, so a voter can tell which limit they passed.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflows.errors import InvalidInput
from workflows.parsing import parse_id

from .models import PoolKind, PoolMode, VoteRule


@dataclass(frozen=True)
class Rule:
    kind: str
    vote_rule: str
    max_choices: int
    ordinal_points: tuple[int, ...]
    max_points: int

    @classmethod
    def of(cls, kind: str, source) -> "Rule":
        """`source`: the edition's PoolRule for the kind, or the edition itself."""

        return cls(
            kind,
            source.vote_rule,
            source.max_choices,
            tuple(source.ordinal_points or ()),
            source.max_points,
        )

    @property
    def limit(self) -> int:
        """How many projects the pool takes (points for a cumulative pool)."""

        if self.vote_rule == VoteRule.ORDINAL:
            return len(self.ordinal_points)
        if self.vote_rule == VoteRule.CUMULATIVE:
            return self.max_points
        return self.max_choices

    @property
    def where(self) -> str:
        return {
            PoolKind.CITYWIDE: _("W puli ogólnomiejskiej"),
            PoolKind.DISTRICT: _("W puli dzielnicowej"),
            PoolKind.THEMATIC: _("W puli tematycznej"),
        }[self.kind]


@dataclass(frozen=True)
class PoolOnBallot:
    id: int
    name: str
    district_id: int | None
    proposals: frozenset[int]
    rule: Rule


@dataclass(frozen=True)
class Choice:
    pool: int
    proposal: int
    points: int
    rank: int | None


def refuse(message: str, rule: str) -> InvalidInput:
    return InvalidInput(message, field="pools", rule=rule)


def _is_int(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _refuse_points(message: str, rule: str) -> InvalidInput:
    return InvalidInput(message, field="points", rule=rule)


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
    _check_points_across_pools(edition, pools, result)
    if not result:
        raise refuse(_("Karta jest pusta: wybierz co najmniej jeden projekt."), "not_empty")
    return result


def _check_points_across_pools(edition, pools, choices: list[Choice]) -> None:
    if not edition.points_across_pools:
        return
    spent = sum(c.points for c in choices if pools[c.pool].rule.vote_rule == VoteRule.CUMULATIVE)
    if spent > edition.max_points:
        raise refuse(
            ngettext(
                "Na całej karcie możesz rozdzielić najwyżej %(p)d punkt (przydzielono %(s)d).",
                "Na całej karcie możesz rozdzielić najwyżej %(p)d punktów (przydzielono %(s)d).",
                edition.max_points,
            )
            % {"p": edition.max_points, "s": spent},
            "max_points_ballot",
        )


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
        points.append(item.get("points"))
    rule = pool.rule
    if rule.vote_rule in (VoteRule.APPROVAL, VoteRule.ORDINAL) and len(ids) > rule.limit:
        raise refuse(
            ngettext(
                "%(where)s możesz wybrać najwyżej %(k)d projekt (wybrano %(n)d).",
                "%(where)s możesz wybrać najwyżej %(k)d projektów (wybrano %(n)d).",
                rule.limit,
            )
            % {"where": rule.where, "k": rule.limit, "n": len(ids)},
            "max_choices",
        )
    if rule.vote_rule == VoteRule.APPROVAL:
        # A given number must be the one an approval carries, never silently replaced.
        if any(p is not None and not _is_int(p, 1, 1) for p in points):
            raise _refuse_points(
                _("W głosowaniu aprobującym projekt dostaje 1 punkt."), "approval_points"
            )
        return [Choice(pool.id, pid, 1, None) for pid in ids]
    if rule.vote_rule == VoteRule.ORDINAL:
        scale = rule.ordinal_points
        if any(p is not None and not _is_int(p, scale[i], scale[i]) for i, p in enumerate(points)):
            raise _refuse_points(
                _("%(where)s punkty wynikają z kolejności wyboru: %(scale)s.")
                % {"where": rule.where, "scale": "-".join(map(str, scale))},
                "ordinal",
            )
        return [Choice(pool.id, pid, scale[i], i + 1) for i, pid in enumerate(ids)]
    # Spread across pools: one pool may take up to the whole ballot's points.
    cap = edition.max_points if edition.points_across_pools else rule.max_points
    points = [1 if p is None else p for p in points]
    if not all(_is_int(p, 1, cap) for p in points):
        raise _refuse_points(
            _("Punkty to liczby całkowite od 1 do %(p)s.") % {"p": cap}, "points_positive"
        )
    if not edition.points_across_pools and sum(points) > cap:
        raise refuse(
            ngettext(
                "%(where)s możesz rozdzielić najwyżej %(p)d punkt (przydzielono %(s)d).",
                "%(where)s możesz rozdzielić najwyżej %(p)d punktów (przydzielono %(s)d).",
                cap,
            )
            % {"where": rule.where, "p": cap, "s": sum(points)},
            "max_points",
        )
    return [Choice(pool.id, pid, pts, None) for pid, pts in zip(ids, points, strict=True)]
