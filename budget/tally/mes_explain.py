"""Human explanations of a MES outcome, one per project."""

from __future__ import annotations

from fractions import Fraction

from budget.tally.mes import MesOutcome
from budget.tally.profile import Profile
from budget.tally.result import ProjectOutcome, money


def explain_mes(
    profile: Profile, outcome: MesOutcome, outcomes: dict[str, ProjectOutcome], cost_utility: bool
) -> None:
    share = profile.units_to_money(outcome.share)
    for p, pid in enumerate(profile.ids):
        item = outcomes[pid]
        item.details["share_per_voter"] = share
        event = outcome.run.events.get(p)
        if p in outcome.selected and event is None:
            item.selected = True
            item.reason = "costs nothing and has supporters: selected before the first round"
        elif event is None:
            item.reason = _never_considered(profile, p)
        elif event[0] == "bought":
            item.selected = True
            _bought(profile, p, item, event[1], Fraction(event[2]), cost_utility)
        else:
            _unaffordable(profile, item, event[1], Fraction(event[2]))


def _bought(
    profile: Profile, p: int, item: ProjectOutcome, rnd: int, rho: Fraction, cost_utility: bool
) -> None:
    item.details.update(round=rnd, rho=float(rho))
    if cost_utility:
        # Utility = cost, so rho * cost is what each supporter paid at most.
        price = profile.units_to_money(rho * profile.costs[p])
        item.details["price_per_supporter"] = price
        item.reason = f"bought in round {rnd}: each supporter paid at most {money(price)}"
    else:
        price = profile.units_to_money(rho)
        item.details["price_per_point"] = price
        item.reason = f"bought in round {rnd}: supporters paid at most {money(price)} per point"


def _unaffordable(profile: Profile, item: ProjectOutcome, rnd: int, available: Fraction) -> None:
    left = profile.units_to_money(available)
    item.details.update(round=rnd, supporters_money=left)
    item.reason = (
        f"round {rnd}: its supporters could no longer afford it: "
        f"they had {money(left)} left < cost {money(item.cost)}"
    )


def _never_considered(profile: Profile, p: int) -> str:
    if profile.votes[p] == 0:
        return "no supporters"
    # Under cost utilities a free project is worth nothing to MES (as in pabutools).
    return "costs nothing, so it gives no utility under MES; only a completion can add it"
