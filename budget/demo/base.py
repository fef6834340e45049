"""What every demo edition shares: the people, the city units, the pools and the wording."""

import random
from datetime import date
from decimal import Decimal

from districts.models import District
from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role

from ..models import CityUnit, Edition
from ..services.editions import pool_save
from .data import (
    CITY_CENTRE,
    CITY_SPREAD,
    CITYWIDE_POOL,
    DISTRICT_BASE,
    DISTRICT_CENTRES,
    DISTRICT_MAX_COST,
    DISTRICT_PER_RESIDENT,
    DISTRICT_SPREAD,
    UNITS,
)

# Art. 5a ust. 7 pkt 1 u.s.g. allows up to 0.1 % of an area's residents (17 in the smallest
# district); the demo asks for few, so that it loads fast.
SUPPORT_MINIMUM = 5
OPENED = "Nabór ogłoszony zarządzeniem Prezydenta Miasta Krakowa."
VERIFYING = "Nabór zakończony zgodnie z harmonogramem."
APPEALS_OPEN = "Wyniki weryfikacji opublikowane na stronie edycji."
BALLOT_PUBLISHED = "Lista projektów do głosowania opublikowana."

# What a project of each category brings, in the words of a typical application.
BENEFITS = {
    "greenery": "Więcej zieleni w sąsiedztwie: rośliny ochłodzą okolicę latem, zatrzymają "
    "wodę deszczową i dadzą mieszkańcom miejsce do odpoczynku. Utrzymanie po zakończeniu "
    "prac przejmie Zarząd Zieleni Miejskiej.",
    "sport": "Bezpłatne, ogólnodostępne miejsce do ruchu dla dzieci, młodzieży i dorosłych, "
    "otwarte przez cały rok. Projekt obejmuje bezpieczną nawierzchnię, wyposażenie "
    "i tablicę z regulaminem.",
    "roads": "Bezpieczniejsze i wygodniejsze poruszanie się pieszo i rowerem. Projekt "
    "obejmuje dokumentację, wykonanie i oznakowanie zgodne ze standardami Zarządu Dróg "
    "Miasta Krakowa.",
    "safety": "Piesi lepiej widoczni po zmroku i mniej miejsc, w których mieszkańcy czują się "
    "niepewnie. Projekt obejmuje oświetlenie i oznakowanie uzgodnione z Zarządem Dróg "
    "Miasta Krakowa.",
    "culture": "Bezpłatne wydarzenia kulturalne blisko domu, otwarte dla wszystkich "
    "mieszkańców. Projekt obejmuje honoraria prowadzących, materiały i informację "
    "w dzielnicy.",
    "education": "Zajęcia i miejsca do nauki poza szkolną ławką, dostępne dla dzieci "
    "i młodzieży. Projekt obejmuje prowadzących, pomoce dydaktyczne i wyposażenie.",
    "social": "Wsparcie dla tych, którzy potrzebują go najbardziej: seniorów, osób "
    "z niepełnosprawnościami i ich bliskich. Zajęcia są bezpłatne, a miejsca dostępne bez "
    "barier architektonicznych.",
    "other": "Drobna infrastruktura, która ułatwia codzienne życie w mieście. Projekt "
    "obejmuje zakup, montaż i trzyletnie utrzymanie urządzeń.",
}


def description(title: str, category: str) -> str:
    return f"{title}. {BENEFITS[category]}"


class People:
    def __init__(self):
        # The accounts' demo (workflows.accounts, loaded before this app) made these.
        self.staff = User.objects.get(username="urzednik")
        self.verifier = User.objects.get(username="weryfikator")
        self.authors = list(
            User.objects.filter(username__in=["mieszkaniec", "mieszkaniec2"]).order_by("username")
        )
        self.supporters = [
            User.objects.get_or_create(
                username=f"poparcie{n:02d}", defaults={"display_name": f"Osoba popierająca {n}"}
            )[0]
            for n in range(1, SUPPORT_MINIMUM + 1)
        ]


def units(people):
    """The units, and who verifies for each: the demo verifier in ZZM and ZDMK (most district
    proposals), a verifier of its own in each other unit."""

    found, verifiers = {}, {}
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
        found[short], verifiers[unit.pk] = unit, member
    return found, verifiers


def district_amount(district: District) -> Decimal:
    return Decimal(DISTRICT_BASE + DISTRICT_PER_RESIDENT * district.population)


def districts(city):
    return list(District.objects.filter(city=city, population__isnull=False).order_by("number"))


def total_amount(city) -> Decimal:
    """The edition's amount: the citywide pool and every district's, nothing else."""

    return Decimal(CITYWIDE_POOL[0]) + sum(district_amount(d) for d in districts(city))


def pools(edition, by) -> dict:
    """The citywide pool (key None) and one pool per district (key: its number)."""

    amount, max_cost = CITYWIDE_POOL
    every = districts(edition.city)
    found = {
        None: pool_save(
            edition=edition,
            by=by,
            name="Pula ogólnomiejska",
            amount=Decimal(amount),
            max_project_cost=Decimal(max_cost),
            population=sum(d.population for d in every),
            support_minimum=SUPPORT_MINIMUM,
        )
    }
    for district in every:
        found[district.number] = pool_save(
            edition=edition,
            by=by,
            district=district,
            name=f"Dzielnica {district}",
            amount=district_amount(district),
            max_project_cost=Decimal(DISTRICT_MAX_COST),
            population=district.population,
            support_minimum=SUPPORT_MINIMUM,
        )
    return found


def new_edition(city, year: int) -> Edition:
    return Edition.objects.create(
        city=city,
        year=year,
        title=f"Budżet Obywatelski Krakowa {year}",
        total_amount=total_amount(city),
        vote_rule="approval",
        max_choices=5,
        pool_mode="one_district",
        minimum_age=0,
        guardian_under=13,
        identification=["pesel", "code"],
        tally_rule="greedy",
        tie_break="cheaper_first",
        district_council_opinions=True,
    )


def birthday(rnd: random.Random) -> date:
    return date(rnd.randint(1945, 2008), rnd.randint(1, 12), rnd.randint(1, 28))


def point(pool, title: str) -> dict:
    """The same point for the same proposal on every load (seeded by its title)."""

    district = pool.district.number if pool.district_id else None
    lat, lon = DISTRICT_CENTRES.get(district, CITY_CENTRE)
    d_lat, d_lon = DISTRICT_SPREAD if district else CITY_SPREAD
    rnd = random.Random(title)
    return {
        "latitude": f"{lat + rnd.uniform(-d_lat, d_lat):.6f}",
        "longitude": f"{lon + rnd.uniform(-d_lon, d_lon):.6f}",
    }
