"""Demo: Budżet Obywatelski Krakowa for next year in voting, with ~60 proposals across the
citywide pool and six district pools, city units with their verifiers, some ballots, and
this year's edition counted, published and being carried out. Both editions take the real
path (path.py), so every decision is in the audit log with its reason. Idempotent."""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from districts.models import City, District
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role
from workflows.services import advance

from ..models import CityUnit, Edition, Proposal
from ..results.services import count_edition
from ..services.editions import pool_save
from ..services.implementation import implementation_assign, implementation_update
from . import path
from .data import (
    APPEALS,
    CITYWIDE,
    CORRECTIONS,
    COST_CHANGES,
    DISTRICTS,
    FORMAL_REJECTIONS,
    IMPLEMENTATION,
    LOCAL,
    MERIT_REJECTIONS,
    PREVIOUS,
    PREVIOUS_VOTERS,
    UNITS,
)

# Phase windows in days from today. Next year's edition: submission, verification and
# appeals are over, voting runs for the next two weeks.
IN_VOTING = {
    "submission": (-200, -140),
    "verification": (-139, -60),
    "appeals": (-59, -20),
    "voting": (-5, 14),
    "results": (15, 30),
}
# This year's: voted in the spring, counted and published.
CARRIED_OUT = {
    "submission": (-330, -290),
    "verification": (-289, -230),
    "appeals": (-229, -200),
    "voting": (-190, -170),
    "results": (-169, -150),
}
SUPPORT_MINIMUM = 15
OPENED = "Nabór ogłoszony zarządzeniem Prezydenta Miasta Krakowa."
VERIFYING = "Nabór zakończony zgodnie z harmonogramem."
APPEALS_OPEN = "Wyniki weryfikacji opublikowane na stronie edycji."
BALLOT_PUBLISHED = "Lista projektów do głosowania opublikowana."


class People:
    def __init__(self):
        # The accounts' demo (workflows.accounts, loaded before this app) made these.
        self.staff = User.objects.get(username="urzednik")
        self.verifier = User.objects.get(username="weryfikator")
        self.authors = list(User.objects.filter(username__in=["mieszkaniec", "mieszkaniec2"]))
        self.supporters = [
            User.objects.get_or_create(
                username=f"poparcie{n:02d}", defaults={"display_name": f"Osoba popierająca {n}"}
            )[0]
            for n in range(1, SUPPORT_MINIMUM + 1)
        ]


def _units(people):
    """The units, and who verifies for each: the demo verifier in ZZM and ZDMK (most district
    proposals), a verifier of its own in each other unit."""

    units, verifiers = {}, {}
    for name, short in UNITS:
        unit, _ = CityUnit.objects.get_or_create(name=name, defaults={"short_name": short})
        if short in ("ZZM", "ZDMK"):
            member = people.verifier
        else:
            member, _ = User.objects.get_or_create(
                username=f"weryfikator-{short.lower()}",
                defaults={"display_name": f"Weryfikator ({short})"},
            )
            grant_role(member, Role.VERIFIER)
        unit.members.add(member)
        units[short], verifiers[unit.pk] = unit, member
    return units, verifiers


def _birthday(rnd) -> date:
    return date(rnd.randint(1945, 2008), rnd.randint(1, 12), rnd.randint(1, 28))


def _description(title: str) -> str:
    return f"{title}. Projekt zgłoszony przez mieszkańców; szczegóły w załącznikach."


def _verify(proposal, unit, *, staff, verifier):
    """The formal check by the office, then the merit and cost verification by the unit."""

    title = proposal.title
    if title in FORMAL_REJECTIONS:
        advance(proposal, "reject_formally", by=staff, reason=FORMAL_REJECTIONS[title])
        return
    if title in CORRECTIONS:
        request, changes = CORRECTIONS[title]
        proposal = path.correct(proposal, staff=staff, request=request, changes=changes)
    proposal = path.pass_formal_check(proposal, staff=staff, unit=unit)
    cost, why = COST_CHANGES.get(title, (None, ""))
    rejection = MERIT_REJECTIONS.get(title)
    path.assess(proposal, verifier=verifier, cost=cost, cost_reason=why, feasible=not rejection)
    if rejection:
        advance(proposal, "reject_on_merit", by=verifier, reason=rejection)
    else:
        path.accept(proposal, verifier=verifier)


def _appeals(edition, staff):
    for title, (justification, upheld, decision) in APPEALS.items():
        proposal = Proposal.objects.get(edition=edition, title=title)
        advance(proposal, "appeal", by=proposal.author, reason=justification)
        verdict = "uphold_appeal" if upheld else "dismiss_appeal"
        advance(proposal, verdict, by=staff, reason=decision)


def _previous_edition(city, year, people, units, verifiers, stdout):
    """This year's edition: voted, counted, published; its selected projects being carried
    out. The votes are arranged so the greedy count selects the four tracked projects."""

    staff = people.staff
    with transaction.atomic():
        edition = Edition.objects.create(
            city=city,
            year=year,
            title=f"Budżet Obywatelski Krakowa {year}",
            total_amount=Decimal("2500000"),
            identification=["pesel"],
        )
        pool = pool_save(
            edition=edition,
            by=staff,
            name="Pula ogólnomiejska",
            amount=Decimal("2500000"),
            max_project_cost=Decimal("1000000"),
            population=800000,
        )
        path.schedule(edition, by=staff, final=CARRIED_OUT, open_now="submission")
        edition = advance(edition, "open_submission", by=staff, reason=OPENED)
        proposals = {}
        for i, (title, _unit, cost, _, _) in enumerate(PREVIOUS):
            proposals[title] = path.submit(
                edition,
                author=people.authors[i % 2],
                supporters=people.supporters,
                pool=pool,
                title=title,
                category="other",
                cost=cost,
                location="różne lokalizacje w Krakowie",
                description=_description(title),
            )
        edition = advance(edition, "start_verification", by=staff, reason=VERIFYING)
        for title, short, _, change, _ in PREVIOUS:
            verifier = verifiers[units[short].pk]
            proposal = path.pass_formal_check(proposals[title], staff=staff, unit=units[short])
            cost, why = change or (None, "")
            path.assess(proposal, verifier=verifier, cost=cost, cost_reason=why)
            path.accept(proposal, verifier=verifier)
        edition = advance(edition, "open_appeals", by=staff, reason=APPEALS_OPEN)
        path.schedule(edition, by=staff, final=CARRIED_OUT, open_now="voting")
        edition = advance(edition, "open_voting", by=staff, reason=BALLOT_PUBLISHED)
    rnd = random.Random(year)  # the same demo every time
    for n in range(PREVIOUS_VOTERS):
        chosen = [{"proposal": proposals[p[0]].pk} for p in PREVIOUS if n in p[-1]]
        path.vote(
            edition, n=n, born=_birthday(rnd), selections=[{"pool": pool.pk, "choices": chosen}]
        )
    with transaction.atomic():
        path.schedule(edition, by=staff, final=CARRIED_OUT)
        edition = advance(edition, "close_voting", by=staff, reason="Głosowanie zakończone.")
        count_edition(edition, by=staff)
        edition = advance(edition, "publish_results", by=staff, reason="Wyniki ogłoszone.")
        for title, (state, actual_cost, abandon_reason) in IMPLEMENTATION.items():
            unit = units[next(p[1] for p in PREVIOUS if p[0] == title)]
            _carry_out(proposals[title], unit, staff, state, actual_cost, abandon_reason)
    stdout.write(
        f"  budget: {edition.title} (counted and published, {len(IMPLEMENTATION)} projects tracked)"
    )


def _carry_out(proposal, unit, staff, state, actual_cost, abandon_reason):
    proposal = Proposal.objects.get(pk=proposal.pk)  # counted since: selected
    implementation_assign(proposal=proposal, by=staff, unit_id=unit.pk)
    if state == "abandoned":
        advance(proposal, "abandon", by=staff, reason=abandon_reason)
        return
    if state == "selected":
        return
    proposal = advance(proposal, "start_implementation", by=staff)
    if state == "completed":
        implementation_update(proposal=proposal, by=staff, actual_cost=actual_cost)
        advance(proposal, "complete", by=staff, reason="Odbiór końcowy bez zastrzeżeń.")


def _edition_in_voting(city, year, people, units, verifiers, rnd):
    staff = people.staff
    edition = Edition.objects.create(
        city=city,
        year=year,
        title=f"Budżet Obywatelski Krakowa {year}",
        total_amount=Decimal("41000000"),
        vote_rule="approval",
        max_choices=5,
        ordinal_points=[3, 2, 1],
        pool_mode="one_district",
        minimum_age=0,
        guardian_under=13,
        identification=["pesel", "code"],
        tally_rule="greedy",
        tie_break="cheaper_first",
    )
    pools = [
        pool_save(
            edition=edition,
            by=staff,
            name="Pula ogólnomiejska",
            amount=Decimal("12000000"),
            max_project_cost=Decimal("2000000"),
            population=800000,
            support_minimum=SUPPORT_MINIMUM,
        )
    ]
    for number, population in DISTRICTS.items():
        district = District.objects.get(city=city, number=number)
        pools.append(
            pool_save(
                edition=edition,
                by=staff,
                district=district,
                name=f"Dzielnica {district}",
                amount=Decimal("1200000"),
                max_project_cost=Decimal("400000"),
                population=population,
                support_minimum=SUPPORT_MINIMUM,
            )
        )
    path.schedule(edition, by=staff, final=IN_VOTING, open_now="submission")
    edition = advance(edition, "open_submission", by=staff, reason=OPENED)
    entries = [(pools[0], title, category, cost, units[u]) for title, category, cost, u in CITYWIDE]
    categories = ["greenery", "roads", "sport", "culture", "education", "social"]
    for pool, number in zip(pools[1:], DISTRICTS, strict=True):
        for title in LOCAL[number]:
            category = rnd.choice(categories)
            unit = units["ZDMK" if category == "roads" else "ZZM"]
            entries.append((pool, title, category, rnd.randrange(40000, 400000, 5000), unit))
    submitted = []
    for i, (pool, title, category, cost, unit) in enumerate(entries):
        proposal = path.submit(
            edition,
            author=people.authors[i % 2],
            supporters=people.supporters,
            pool=pool,
            title=title,
            category=category,
            cost=cost,
            location=pool.name if pool.district_id else "różne lokalizacje w Krakowie",
            description=_description(title),
        )
        submitted.append((proposal, unit))
    edition = advance(edition, "start_verification", by=staff, reason=VERIFYING)
    for proposal, unit in submitted:
        _verify(proposal, unit, staff=staff, verifier=verifiers[unit.pk])
    edition = advance(edition, "open_appeals", by=staff, reason=APPEALS_OPEN)
    path.schedule(edition, by=staff, final=IN_VOTING, open_now="appeals")
    _appeals(edition, staff)
    path.schedule(edition, by=staff, final=IN_VOTING)
    edition = advance(edition, "open_voting", by=staff, reason=BALLOT_PUBLISHED)
    return edition, pools


def _ballots(edition, pools, rnd, count=40):
    """Synthetic voters: the citywide pool and one district each."""

    ballot = {
        pool.pk: list(pool.proposals.filter(state="on_ballot").values_list("pk", flat=True))
        for pool in pools
    }
    city, districts = pools[0], pools[1:]
    for n in range(count):
        born = _birthday(rnd)
        district = rnd.choice(districts)
        selections = [
            {
                "pool": pool.pk,
                "choices": [
                    {"proposal": p}
                    for p in rnd.sample(ballot[pool.pk], k=rnd.randint(1, edition.max_choices))
                ],
            }
            for pool in (city, district)
        ]
        path.vote(edition, n=n, born=born, selections=selections)


def load(stdout) -> None:
    city = City.objects.filter(slug="krakow").first()
    if city is None:
        stdout.write("  budget: no Kraków districts loaded; skipped")
        return
    year = timezone.localdate().year + 1
    people = People()
    units, verifiers = _units(people)
    if not Edition.objects.filter(city=city, year=year - 1).exists():
        _previous_edition(city, year - 1, people, units, verifiers, stdout)
    if Edition.objects.filter(city=city, year=year).exists():
        stdout.write(f"  budget: edition {year} already present, nothing added")
        return
    rnd = random.Random(year)  # the same demo every time
    with transaction.atomic():
        edition, pools = _edition_in_voting(city, year, people, units, verifiers, rnd)
    _ballots(edition, pools, rnd)
    stdout.write(
        f"  budget: {edition.title} in voting — {Proposal.objects.filter(edition=edition).count()} "
        f"proposals in {len(pools)} pools; verifier „weryfikator” in ZZM and ZDMK"
    )
