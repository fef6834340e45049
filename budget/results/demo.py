"""Demo: a past edition of Budżet Obywatelski Krakowa (two years before the one in voting),
generated ballots in its citywide pool, counted with a recorded seed and published, so the
results page has content. Idempotent; reads nothing outside the repository."""

import random
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from budget.models import Edition
from budget.tally import Election, Project, Voter, VoteType
from workflows.services import SYSTEM, advance

from .models import ProjectResult, ResultAmendment
from .pabulib import import_election
from .services import amend_results, count_edition

PROJECTS = [
    ("Zielone podwórka na Kazimierzu", 450000, 0.42),
    ("Rowerowa pętla wokół Błoń", 900000, 0.30),
    ("Ławki z ładowarkami w parkach", 150000, 0.25),
    ("Ogrody deszczowe przy szkołach", 380000, 0.38),
    ("Kino letnie na Zabłociu", 120000, 0.20),
    ("Siłownie plenerowe dla seniorów", 260000, 0.33),
    ("Budki dla jerzyków w Nowej Hucie", 60000, 0.18),
    ("Bezpieczne dojścia do przystanków", 700000, 0.28),
    ("Wybieg dla psów w Parku Lotników", 210000, 0.16),
    ("Biblioteka rzeczy na Podgórzu", 90000, 0.14),
]


def load(stdout) -> None:
    year = timezone.localdate().year - 1
    edition = Edition.objects.filter(city__slug="krakow", year=year).first()
    if edition is not None:
        stdout.write(f"  results: edition {year} already present, nothing added")
    else:
        with transaction.atomic():
            edition = import_election(_election(year), source="demo")
            run = count_edition(edition, by=SYSTEM, seed=year)
            advance(edition, "publish_results", by=SYSTEM, reason="Wyniki ogłoszone (demo).")
        stdout.write(f"  results: edition {year} counted ({run.ballots} ballots) and published")
    if not ResultAmendment.objects.filter(run__edition=edition).exists():
        _withdraw_the_dearest_winner(edition, stdout)


def _withdraw_the_dearest_winner(edition, stdout) -> None:
    """The council withdraws the most expensive selected project: the next ones move up."""

    winner = (
        ProjectResult.objects.filter(run__edition=edition, selected=True)
        .select_related("proposal")
        .order_by("-cost", "proposal_id")
        .first()
    )
    today = timezone.localdate()
    amendment = amend_results(
        edition,
        by=SYSTEM,
        reason=(
            "Zarządca terenu nie zgodził się na realizację projektu w proponowanej lokalizacji,"
            " a autorzy nie wskazali innej."
        ),
        proposal=winner.proposal_id,
        change="withdraw",
        # Kraków numbers a resolution session/number/year of adoption.
        resolution_number=f"Uchwała nr XXXIV/912/{today.year % 100:02d} Rady Miasta Krakowa",
        resolution_date=today.isoformat(),
    )
    stdout.write(
        f"  results: {winner.proposal.title} withdrawn, {len(amendment.moved_in)} moved up"
    )


def _election(year: int) -> Election:
    rnd = random.Random(year)  # the same ballots every time
    projects = {
        str(i): Project(id=str(i), cost=Fraction(cost), name=name)
        for i, (name, cost, _) in enumerate(PROJECTS, start=1)
    }
    voters = []
    for n in range(1, 401):
        liked = [str(i) for i, (*_, p) in enumerate(PROJECTS, start=1) if rnd.random() < p]
        voters.append(Voter(id=str(n), projects=tuple(liked[:5] or [str(rnd.randint(1, 10))])))
    return Election(
        projects=projects,
        voters=voters,
        budget=Fraction(2000000),
        vote_type=VoteType.APPROVAL,
        meta={
            "description": f"Budżet Obywatelski Krakowa {year}",
            "unit": "Kraków",
            "instance": str(year),
            "district": "Pula ogólnomiejska",
            "max_length": "5",
            "rule": "greedy",
        },
    )
