import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from budget.models import Ballot, BallotChoice

from ..conftest import make_edition
from ..factories import ProposalFactory

_receipts = itertools.count(1)

# A two-project approval election: {rule} and {threshold}, an optional META line.
SMALL_PB = """META
key;value
description;Próba
unit;Miasto Testowe
instance;2031
num_projects;2
num_votes;2
budget;1000
vote_type;approval
rule;{rule}
{threshold}PROJECTS
project_id;cost;name
1;400;A
2;500;B
VOTES
voter_id;vote
1;1,2
2;1
"""


def cast(edition, pool, *choices):
    """A valid ballot in `pool`: choices are proposals, or (proposal, points) pairs."""

    n = next(_receipts)
    ballot = Ballot.objects.create(
        edition=edition,
        voter_key=f"key-{n}",
        method="pesel",
        age_band="25-34",
        receipt=f"R{n:015d}",
        cast_at=timezone.now(),
    )
    for rank, item in enumerate(choices, start=1):
        proposal, points = item if isinstance(item, tuple) else (item, 1)
        ordinal = edition.vote_rule == "ordinal"
        BallotChoice.objects.create(
            ballot=ballot,
            pool=pool,
            proposal=proposal,
            points=edition.ordinal_points[rank - 1] if ordinal else points,
            rank=rank if ordinal else None,
        )
    return ballot


@pytest.fixture
def closed(author):
    """An edition with a frozen box: citywide pool 1 000 000 zł with four projects, a
    district pool 500 000 zł with two, and a factory to build it with other rules."""

    def build(state="voting_closed", **fields):
        edition, city, district = make_edition(state, "results", **fields)
        city.amount = Decimal("1000000")
        city.save()
        district.amount = Decimal("500000")
        district.save()
        costs = [600000, 400000, 300000, 200000]
        city_projects = [
            ProposalFactory(pool=city, author=author, state="on_ballot", estimated_cost=c)
            for c in costs
        ]
        district_projects = [
            ProposalFactory(pool=district, author=author, state="on_ballot", estimated_cost=c)
            for c in (300000, 250000)
        ]
        return edition, city, district, city_projects, district_projects

    return build
