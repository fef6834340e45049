"""Ordinal (3-2-1) ballots for pabutools, counted as the Polish rules count them.

Imports pabutools: import it after `pytest.importorskip("pabutools")`.
"""

from pabutools.election.satisfaction import PositionalSatisfaction


def positional_cost_sat(instance) -> type[PositionalSatisfaction]:
    """Satisfaction of an ordinal ballot as the Polish rules count it (3-2-1: the file's
    `max_length` points for the first place, one less per place), times the cost: pabutools'
    greedy orders by satisfaction per zloty, so this orders by points (as Cost_Sat orders
    approval ballots by votes). pabutools hands the measure an empty instance, so the
    length is read here, from the parsed one."""

    top = int(instance.meta["max_length"])

    def points(ballot, project):
        return (top - ballot.position(project)) * project.cost if project in ballot else 0

    class PositionalCostSat(PositionalSatisfaction):
        def __init__(self, instance, profile, ballot):
            super().__init__(instance, profile, ballot, points, sum)

    return PositionalCostSat
