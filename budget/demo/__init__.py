"""Demo: Budżet Obywatelski Krakowa at every stage, placed relative to the day it is loaded:
this year's edition counted, published and being carried out; next year's in voting, with
about eighty proposals in the citywide pool and the 18 district pools; the one after with
appeals open; and the one after that accepting proposals. City units with their verifiers.
Every edition takes the real path (path.py), so every decision is in the audit log with its
reason. Idempotent: an edition already present is left as it is."""

import random

from django.db import transaction
from django.utils import timezone

from districts.models import City

from ..models import Edition, Proposal
from .base import People, units
from .counted import counted_edition
from .upcoming import edition_accepting, edition_in_appeals
from .voting import ballots, edition_in_voting

# Years after this one: the edition in voting, with appeals open, accepting proposals.
IN_VOTING, IN_APPEALS, ACCEPTING = 1, 2, 3


def _present(city, year, stdout) -> bool:
    if Edition.objects.filter(city=city, year=year).exists():
        stdout.write(f"  budget: edition {year} already present, nothing added")
        return True
    return False


def _describe(edition) -> str:
    proposals = Proposal.objects.filter(edition=edition).count()
    return (
        f"  budget: {edition.title} — „{edition.get_state_display()}”, {proposals} proposals, "
        f"{edition.pools.count()} pools: /budzet/{edition.year}/"
    )


def load(stdout) -> None:
    city = City.objects.filter(slug="krakow").first()
    if city is None:
        stdout.write("  budget: no Kraków districts loaded; skipped")
        return
    year = timezone.localdate().year
    people = People()
    with transaction.atomic():
        found, verifiers = units(people)
    if not _present(city, year, stdout):
        stdout.write(_describe(counted_edition(city, year, people, found, verifiers)))
    if not _present(city, year + IN_VOTING, stdout):
        with transaction.atomic():
            edition, pools = edition_in_voting(city, year + IN_VOTING, people, found, verifiers)
        ballots(edition, pools, random.Random(edition.year))  # the same demo every time
        stdout.write(_describe(edition))
    if not _present(city, year + IN_APPEALS, stdout):
        with transaction.atomic():
            edition = edition_in_appeals(city, year + IN_APPEALS, people, found, verifiers)
        stdout.write(_describe(edition))
    if not _present(city, year + ACCEPTING, stdout):
        with transaction.atomic():
            edition = edition_accepting(city, year + ACCEPTING, people, found)
        stdout.write(_describe(edition))
