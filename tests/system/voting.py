"""An edition open for voting, and ballots for it, built with the budget's own test factories."""

from dataclasses import dataclass
from datetime import date, timedelta

from tests.budget.factories import EditionFactory, PoolFactory, ProposalFactory, schedule
from tests.budget.pesel import pesel_for


@dataclass
class VotingEdition:
    edition: object
    pool: object
    projects: list

    @property
    def cast_url(self) -> str:
        return f"/api/v1/budget/editions/{self.edition.pk}/ballots/"


def voting_edition(author, projects: int = 4, **fields) -> VotingEdition:
    edition = EditionFactory(state="voting", **fields)
    pool = PoolFactory(edition=edition)
    on_ballot = [
        ProposalFactory(pool=pool, author=author, state="on_ballot") for _ in range(projects)
    ]
    schedule(edition, "voting")
    return VotingEdition(edition, pool, on_ballot)


def pesel_of(n: int) -> str:
    """The n-th distinct adult voter's PESEL (checksum valid)."""

    birth = date(1970, 1, 1) + timedelta(days=n // 9000)
    return pesel_for(birth, 1000 + n % 9000)


def ballot_body(box: VotingEdition, n: int, first_name: str = "Anna") -> dict:
    return {
        "identification": {
            "method": "pesel",
            "pesel": pesel_of(n),
            "first_name": first_name,
            "last_name": "Kowalska",
            "residence_declared": True,
        },
        "pools": [{"pool": box.pool.pk, "choices": [{"proposal": box.projects[n % 3].pk}]}],
    }
