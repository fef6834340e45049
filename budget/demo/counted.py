"""This year's edition: voted, counted, published; its selected projects being carried out,
with progress notes and photos. The votes are arranged so the greedy count selects the
four tracked projects."""

import random
from decimal import Decimal
from pathlib import Path

from django.core.files import File
from django.db import transaction

from workflows.services import advance

from ..models import Edition, Proposal
from ..results.services import count_edition
from ..services.editions import pool_save
from ..services.implementation import (
    implementation_add_note,
    implementation_add_photo,
    implementation_assign,
    implementation_update,
)
from . import path
from .base import (
    APPEALS_OPEN,
    BALLOT_PUBLISHED,
    OPENED,
    VERIFYING,
    birthday,
    description,
    districts,
)
from .data import IMPLEMENTATION, PHOTOS, PREVIOUS, PREVIOUS_VOTERS

# Voted in the spring, counted and published.
CARRIED_OUT = {
    "submission": (-330, -290),
    "verification": (-289, -230),
    "appeals": (-229, -200),
    "voting": (-190, -170),
    "results": (-169, -150),
}
AMOUNT, MAX_COST = Decimal("2500000"), Decimal("1000000")
PHOTO_DIR = Path(__file__).parent / "photos"
STARTED = "Prace rozpoczęte zgodnie z harmonogramem jednostki."


def _open_and_verify(edition, people, units, verifiers, pool):
    staff = people.staff
    path.schedule(edition, by=staff, final=CARRIED_OUT, open_now="submission")
    edition = advance(edition, "open_submission", by=staff, reason=OPENED)
    proposals = {}
    for i, (title, _unit, category, cost, _, _) in enumerate(PREVIOUS):
        proposals[title] = path.submit(
            edition,
            author=people.authors[i % 2],
            supporters=people.supporters,
            pool=pool,
            title=title,
            category=category,
            cost=cost,
            location="różne lokalizacje w Krakowie",
            description=description(title, category),
        )
    edition = advance(edition, "start_verification", by=staff, reason=VERIFYING)
    for title, short, _, _, change, _ in PREVIOUS:
        unit = units[short]
        verifier = verifiers[unit.pk]
        proposal = path.pass_formal_check(proposals[title], staff=staff, unit=unit)
        cost, why = change or (None, "")
        path.assess(proposal, verifier=verifier, cost=cost, cost_reason=why)
        path.accept(proposal, verifier=verifier)
    edition = advance(edition, "open_appeals", by=staff, reason=APPEALS_OPEN)
    path.schedule(edition, by=staff, final=CARRIED_OUT, open_now="voting")
    edition = advance(edition, "open_voting", by=staff, reason=BALLOT_PUBLISHED)
    return edition, proposals


def counted_edition(city, year, people, units, verifiers):
    staff = people.staff
    with transaction.atomic():
        edition = Edition.objects.create(
            city=city,
            year=year,
            title=f"Budżet Obywatelski Krakowa {year}",
            total_amount=AMOUNT,
            identification=["pesel"],
        )
        pool = pool_save(
            edition=edition,
            by=staff,
            name="Pula ogólnomiejska",
            amount=AMOUNT,
            max_project_cost=MAX_COST,
            population=sum(d.population for d in districts(city)),
        )
        edition, proposals = _open_and_verify(edition, people, units, verifiers, pool)
    rnd = random.Random(year)  # the same demo every time
    for n in range(PREVIOUS_VOTERS):
        chosen = [{"proposal": proposals[p[0]].pk} for p in PREVIOUS if n in p[-1]]
        path.vote(
            edition, n=n, born=birthday(rnd), selections=[{"pool": pool.pk, "choices": chosen}]
        )
    with transaction.atomic():
        path.schedule(edition, by=staff, final=CARRIED_OUT)
        edition = advance(edition, "close_voting", by=staff, reason="Głosowanie zakończone.")
        count_edition(edition, by=staff)
        edition = advance(edition, "publish_results", by=staff, reason="Wyniki ogłoszone.")
        for title, (state, actual_cost, abandon_reason) in IMPLEMENTATION.items():
            unit = units[next(p[1] for p in PREVIOUS if p[0] == title)]
            _carry_out(proposals[title], unit, staff, state, actual_cost, abandon_reason)
    return edition


def _photos(proposal, staff):
    for name, alt_text in PHOTOS.get(proposal.title, []):
        with (PHOTO_DIR / name).open("rb") as image:
            implementation_add_photo(
                proposal=proposal, by=staff, image=File(image, name=name), alt_text=alt_text
            )


def _carry_out(proposal, unit, staff, state, actual_cost, abandon_reason):
    proposal = Proposal.objects.get(pk=proposal.pk)  # counted since: selected
    implementation_assign(proposal=proposal, by=staff, unit_id=unit.pk)
    if state == "abandoned":
        advance(proposal, "abandon", by=staff, reason=abandon_reason)
        return
    if state == "selected":
        return
    proposal = advance(proposal, "start_implementation", by=staff, reason=STARTED)
    implementation_add_note(proposal=proposal, by=staff, text=STARTED)
    _photos(proposal, staff)
    if state == "completed":
        implementation_update(proposal=proposal, by=staff, actual_cost=actual_cost)
        advance(proposal, "complete", by=staff, reason="Odbiór końcowy bez zastrzeżeń.")
