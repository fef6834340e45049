"""The two editions ahead of the one in voting: one whose verification is over with appeals
open now (one appeal waits for a decision, one rejected author may still appeal), and one
accepting proposals (some submitted, two drafts still gathering support)."""

from workflows.services import advance

from ..services.proposals import proposal_create, proposal_support
from . import path
from .base import APPEALS_OPEN, OPENED, VERIFYING, description, new_edition, point, pools
from .data import UNIT_OF

IN_APPEALS = {
    "submission": (-120, -80),
    "verification": (-79, -4),
    "appeals": (-3, 11),
    "voting": (30, 50),
    "results": (60, 70),
}
ACCEPTING = {
    "submission": (-10, 20),
    "verification": (21, 80),
    "appeals": (81, 95),
    "voting": (120, 140),
    "results": (150, 170),
}
ACCEPT = None
# (district number or None for the citywide pool, title, category, cost, author: 0 for
# „mieszkaniec”, 1 for „mieszkaniec2”, decision: ACCEPT or (transition, reason))
VERIFIED = [
    (None, "Zielone torowiska tramwajowe na al. Pokoju", "greenery", 1500000, 1, ACCEPT),
    (None, "Warsztaty pierwszej pomocy w szkołach podstawowych", "education", 300000, 1, ACCEPT),
    (
        None,
        "Całoroczne toalety publiczne na bulwarach wiślanych",
        "other",
        900000,
        0,
        (
            "reject_on_merit",
            "Bulwary wiślane leżą na terenie zalewowym; zarządca wału nie zgadza się na "
            "stałe obiekty kubaturowe w tym miejscu.",
        ),
    ),
    (
        None,
        "Dodatkowe pomosty na kąpielisku Zakrzówek",
        "sport",
        800000,
        0,
        (
            "reject_on_merit",
            "Rozbudowa kąpieliska jest już ujęta w Wieloletniej Prognozie Finansowej Miasta.",
        ),
    ),
    (1, "Rowerownia przy Rynku Kleparskim", "roads", 200000, 1, ACCEPT),
    (4, "Siłownia plenerowa w Parku Zaczarowanej Dorożki", "sport", 150000, 1, ACCEPT),
    (8, "Oświetlenie ścieżki nad Wisłą na Dębnikach", "safety", 300000, 1, ACCEPT),
    (13, "Drzewa wzdłuż ul. Wielickiej", "greenery", 250000, 1, ACCEPT),
    (
        16,
        "Boisko do koszykówki przy SP 98",
        "sport",
        250000,
        1,
        (
            "reject_formally",
            "Do wniosku nie dołączono zgody dyrektora szkoły na udostępnienie terenu.",
        ),
    ),
    (18, "Kino plenerowe na os. Teatralnym", "culture", 60000, 1, ACCEPT),
]
# The appeal filed and waiting for the office's decision: (title, the author's reasons).
PENDING_APPEAL = (
    "Całoroczne toalety publiczne na bulwarach wiślanych",
    "Projekt przewiduje toalety kontenerowe zdejmowane na czas zagrożenia powodziowego, "
    "tak jak przystanie na bulwarach; nie są to stałe obiekty kubaturowe.",
)
SUBMITTED, PASSED = "submitted", "passed"
# (district or None, title, category, cost, author, how far: submitted and waiting for the
# office's formal check, passed it and waiting for the unit (checked as they come in), or
# a draft with that many support signatures)
PROPOSED = [
    (None, "Poidełka przy placach zabaw w całym mieście", "other", 400000, 1, SUBMITTED),
    (2, "Ogród deszczowy przy ul. Grzegórzeckiej", "greenery", 150000, 1, PASSED),
    (
        11,
        "Plac zabaw dla dzieci z niepełnosprawnościami na Kurdwanowie",
        "sport",
        380000,
        1,
        PASSED,
    ),
    (
        6,
        "Zajęcia szachowe dla seniorów w bibliotece na Bronowicach",
        "culture",
        20000,
        1,
        SUBMITTED,
    ),
    (16, "Szpaler drzew wzdłuż ul. Kocmyrzowskiej", "greenery", 200000, 0, 3),
    (3, "Stojaki rowerowe przy przychodni na os. Olsza", "roads", 40000, 0, 0),
]


def _data(pool, title, category, cost) -> dict:
    return {
        "title": title,
        "description": description(title, category),
        "location": pool.name if pool.district_id else "różne lokalizacje w Krakowie",
        "category": category,
        "estimated_cost": cost,
        "pool": pool.pk,
        **point(pool, title),
    }


def _submit(edition, people, pool, title, category, cost, author):
    data = _data(pool, title, category, cost)
    return path.submit(
        edition,
        author=people.authors[author],
        supporters=people.supporters,
        pool=pool,
        title=title,
        category=category,
        cost=cost,
        location=data["location"],
        description=data["description"],
    )


def edition_in_appeals(city, year, people, units, verifiers):
    staff = people.staff
    edition = new_edition(city, year)
    pool_of = pools(edition, staff)
    path.schedule(edition, by=staff, final=IN_APPEALS, open_now="submission")
    edition = advance(edition, "open_submission", by=staff, reason=OPENED)
    submitted = []
    for number, title, category, cost, author, decision in VERIFIED:
        proposal = _submit(edition, people, pool_of[number], title, category, cost, author)
        submitted.append((proposal, units[UNIT_OF[category]], decision))
    edition = advance(edition, "start_verification", by=staff, reason=VERIFYING)
    for proposal, unit, decision in submitted:
        verifier = verifiers[unit.pk]
        if decision and decision[0] == "reject_formally":
            advance(proposal, "reject_formally", by=staff, reason=decision[1])
            continue
        proposal = path.pass_formal_check(proposal, staff=staff, unit=unit)
        path.assess(proposal, verifier=verifier, feasible=decision is ACCEPT)
        if decision is ACCEPT:
            path.accept(proposal, verifier=verifier)
        else:
            advance(proposal, decision[0], by=verifier, reason=decision[1])
    edition = advance(edition, "open_appeals", by=staff, reason=APPEALS_OPEN)
    path.schedule(edition, by=staff, final=IN_APPEALS)
    title, reasons = PENDING_APPEAL
    appealed = next(p for p, _u, _d in submitted if p.title == title)
    advance(appealed, "appeal", by=appealed.author, reason=reasons)
    return edition


def edition_accepting(city, year, people, units):
    staff = people.staff
    edition = new_edition(city, year)
    pool_of = pools(edition, staff)
    path.schedule(edition, by=staff, final=ACCEPTING)
    edition = advance(edition, "open_submission", by=staff, reason=OPENED)
    for number, title, category, cost, author, stage in PROPOSED:
        pool = pool_of[number]
        if stage in (SUBMITTED, PASSED):
            proposal = _submit(edition, people, pool, title, category, cost, author)
            if stage == PASSED:
                path.pass_formal_check(proposal, staff=staff, unit=units[UNIT_OF[category]])
            continue
        draft = proposal_create(
            edition=edition,
            author=people.authors[author],
            data=_data(pool, title, category, cost),
        )
        for supporter in people.supporters[:stage]:
            proposal_support(proposal=draft, by=supporter)
    return edition
