"""Demo: Budżet Obywatelski Krakowa for next year in voting, with ~60 proposals across the
citywide pool and six district pools, city units with the demo verifier, some ballots, and
the previous edition's selected projects being carried out. Idempotent."""

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from districts.models import City, District
from workflows.accounts.models import User
from workflows.timeutil import end_of_day, local_datetime

from .models import CityUnit, Edition, Implementation, Phase, Pool, Proposal, Verification
from .models.editions import PHASE_ORDER
from .services.voting import cast_ballot

UNITS = [
    ("Zarząd Dróg Miasta Krakowa", "ZDMK"),
    ("Zarząd Zieleni Miejskiej", "ZZM"),
    ("Wydział Edukacji", "WE"),
    ("Zarząd Inwestycji Miejskich", "ZIM"),
    ("Wydział Kultury i Dziedzictwa Narodowego", "WKDN"),
    ("Wydział Sportu", "WS"),
]
# District number → population (rounded, for the 0.1 % cap on support signatures).
DISTRICTS = {1: 31000, 4: 72000, 8: 63000, 13: 37000, 14: 29000, 18: 54000}

CITYWIDE = [
    ("Zielone przystanki — łąki kwietne na wiatach", "greenery", 650000, "ZZM"),
    ("Kraków dla pszczół: 30 uli miejskich", "greenery", 180000, "ZZM"),
    ("Sieć publicznych poidełek z wodą pitną", "other", 420000, "ZIM"),
    ("Bezpłatne warsztaty pierwszej pomocy dla seniorów", "social", 150000, "WE"),
    ("Rowerowe pętle rekreacyjne wzdłuż Wisły", "roads", 950000, "ZDMK"),
    ("Kino plenerowe w parkach Krakowa", "culture", 240000, "WKDN"),
    ("Miejskie ogrody społeczne w pięciu dzielnicach", "greenery", 500000, "ZZM"),
    ("Doświetlenie przejść dla pieszych przy szkołach", "safety", 880000, "ZDMK"),
    ("Tężnie solankowe w parkach miejskich", "greenery", 720000, "ZZM"),
    ("Nauka pływania dla trzecioklasistów", "sport", 390000, "WS"),
    ("Biblioteka rzeczy — wypożyczalnia sprzętu", "culture", 210000, "WKDN"),
    ("Stojaki rowerowe przy przychodniach", "roads", 160000, "ZDMK"),
    ("Psie wybiegi z agility w każdej dzielnicy", "greenery", 600000, "ZZM"),
    ("Zajęcia z programowania dla dzieci w bibliotekach", "education", 140000, "WE"),
    ("Zazielenienie podwórek szkolnych", "education", 990000, "ZZM"),
    ("Defibrylatory AED w miejscach publicznych", "safety", 260000, "ZIM"),
    ("Streetworkout — siłownie plenerowe nowej generacji", "sport", 540000, "WS"),
    ("Koncerty muzyki klasycznej w kościołach Nowej Huty", "culture", 120000, "WKDN"),
    ("Ławki z ładowarkami solarnymi na bulwarach", "other", 310000, "ZIM"),
    ("Pomoc psychologiczna dla młodzieży — telefon zaufania", "social", 450000, "WE"),
]
LOCAL = {
    1: [
        "Ławki i zieleń na Plantach przy ul. Basztowej",
        "Stojaki rowerowe na Kazimierzu",
        "Fontanna pitna na Rynku Kleparskim",
        "Warsztaty historyczne dla dzieci w Barbakanie",
        "Zieleń w donicach na ul. Krakowskiej",
        "Oświetlenie skweru Dietla",
        "Potańcówki dla seniorów w Klubie Stare Miasto",
        "Mapa dotykowa dla niewidomych",
    ],
    4: [
        "Park kieszonkowy przy ul. Pachońskiego",
        "Plac zabaw na osiedlu Azory",
        "Chodnik wzdłuż ul. Jasnogórskiej",
        "Skatepark przy Parku Tetmajera",
        "Nasadzenia drzew na os. Górka Narodowa",
        "Boisko wielofunkcyjne przy SP 114",
        "Zajęcia ruchowe 60+ w Parku Zaczarowanej Dorożki",
        "Wybieg dla psów na Witkowicach",
    ],
    8: [
        "Rewitalizacja Parku Solvay",
        "Ścieżka zdrowia w Lesie Borkowskim",
        "Przejście dla pieszych przy ul. Zachodniej",
        "Ogród sensoryczny przy przedszkolu nr 42",
        "Ławki nad Wilgą",
        "Plac zabaw na Ruczaju przy ul. Lubostroń",
        "Zieleń na os. Podwawelskim",
        "Kino letnie w Parku Dębnickim",
    ],
    13: [
        "Zielony skwer na Zabłociu",
        "Oświetlenie Parku Bednarskiego",
        "Stacja naprawy rowerów przy Kładce Bernatka",
        "Warsztaty kulinarne w Forum Przestrzenie",
        "Ogród deszczowy przy ul. Limanowskiego",
        "Plac zabaw przy ul. Kalwaryjskiej",
        "Boisko do koszykówki na Płaszowie",
        "Spacerownik historyczny po Podgórzu",
    ],
    14: [
        "Park linearny wzdłuż al. Jana Pawła II",
        "Siłownia plenerowa na os. Dywizjonu 303",
        "Chodnik przy ul. Centralnej",
        "Łąka kwietna przy Muzeum Lotnictwa",
        "Tablice informacyjne o historii lotniska Rakowice",
        "Plac zabaw na os. Avia",
        "Ścieżka rowerowa do Parku Lotników",
        "Warsztaty modelarskie dla dzieci",
    ],
    18: [
        "Odnowa alejek w Parku Ratuszowym",
        "Ławki na Placu Centralnym",
        "Zielona klasa przy SP 85",
        "Festiwal sąsiedzki na os. Szklane Domy",
        "Tor rowerowy pumptrack na Łęgu",
        "Nasadzenia przy Zalewie Nowohuckim",
        "Zajęcia sportowe dla dzieci w Hutniku",
        "Pracownia rękodzieła dla seniorów",
    ],
}
# A few proposals are off the ballot: every decision with its public reason.
REJECTED = {
    "Spacerownik historyczny po Podgórzu": "Zadanie jest już ujęte w budżecie Wydziału Kultury "
    "na ten rok.",
    "Potańcówki dla seniorów w Klubie Stare Miasto": "Teren należy do właściciela prywatnego, "
    "który nie wyraził zgody.",
}


def _schedule(edition):
    """Submission, verification and appeals are over; voting runs for the next two weeks."""

    today = timezone.localdate()
    windows = {
        "submission": (today - timedelta(days=200), today - timedelta(days=140)),
        "verification": (today - timedelta(days=139), today - timedelta(days=60)),
        "appeals": (today - timedelta(days=59), today - timedelta(days=20)),
        "voting": (today - timedelta(days=5), today + timedelta(days=14)),
        "results": (today + timedelta(days=15), today + timedelta(days=30)),
    }
    for kind in PHASE_ORDER:
        opens, closes = windows[kind]
        Phase.objects.create(
            edition=edition,
            kind=kind,
            opens_at=local_datetime(opens, time(0, 0)),
            closes_at=end_of_day(closes),
            legal_basis="art. 5a ust. 7 ustawy o samorządzie gminnym",
        )


def _units(verifier):
    units = {}
    for name, short in UNITS:
        unit, _ = CityUnit.objects.get_or_create(name=name, defaults={"short_name": short})
        units[short] = unit
    units["ZZM"].members.add(verifier)
    units["ZDMK"].members.add(verifier)
    return units


def _proposal(edition, pool, author, title, category, cost, unit, verifier, rnd):
    state = "rejected" if title in REJECTED else "on_ballot"
    proposal = Proposal.objects.create(
        edition=edition,
        pool=pool,
        author=author,
        title=title,
        category=category,
        description=f"{title}. Projekt zgłoszony przez mieszkańców; szczegóły w załącznikach.",
        location=pool.name if pool.district_id else "różne lokalizacje w Krakowie",
        estimated_cost=Decimal(cost),
        verified_cost=Decimal(cost),
        unit=unit,
        submitted_at=timezone.now() - timedelta(days=150 + rnd.randint(0, 40)),
        rejection_reason=REJECTED.get(title, ""),
        state=state,
    )
    Verification.objects.create(
        proposal=proposal,
        unit=unit,
        by=verifier,
        verified_cost=proposal.verified_cost,
        feasible=state != "rejected",
        legal=True,
        land_ownership="city",
        maintenance_cost=Decimal(cost) // 20,
    )
    return proposal


def _ballots(edition, pools, rnd, count=40):
    """Synthetic voters (valid but made-up PESEL numbers; only their hashes are kept)."""

    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    city = next(p for p in pools if p.district_id is None)
    districts = [p for p in pools if p.district_id]
    for n in range(count):
        born = date(rnd.randint(1945, 2008), rnd.randint(1, 12), rnd.randint(1, 28))
        month = born.month + (20 if born.year >= 2000 else 0)
        digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{9000 + n:04d}"
        check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10) % 10
        district = rnd.choice(districts)
        selections = [
            {
                "pool": pool.pk,
                "choices": [
                    {"proposal": p}
                    for p in rnd.sample(
                        list(pool.proposals.filter(state="on_ballot").values_list("pk", flat=True)),
                        k=rnd.randint(1, edition.max_choices),
                    )
                ],
            }
            for pool in (city, district)
        ]
        cast_ballot(
            edition_id=edition.pk,
            selections=selections,
            identification={
                "method": "pesel",
                "pesel": digits + str(check),
                "first_name": "Demo",
                "last_name": "Mieszkaniec",
                "residence_declared": True,
                "guardian_declared": True,
            },
        )


@transaction.atomic
def _previous_edition(city, year, units, author, stdout):
    """Last year's edition: results published, its selected projects being carried out."""

    edition, created = Edition.objects.get_or_create(
        city=city,
        year=year,
        defaults={
            "title": f"Budżet Obywatelski Krakowa {year}",
            "total_amount": Decimal("40000000"),
            "identification": ["pesel"],
            "state": "results_published",
        },
    )
    if not created:
        return
    pool = Pool.objects.create(
        edition=edition,
        name="Pula ogólnomiejska",
        amount=Decimal("12000000"),
        max_project_cost=Decimal("2000000"),
        population=800000,
    )
    done = [
        ("Zielony Rynek Dębnicki", "completed", "ZZM", 480000, 455300),
        ("Bezpieczne przejścia na Bronowicach", "in_implementation", "ZDMK", 900000, None),
        ("Pracownie robotyki w szkołach", "selected", "WE", 350000, None),
        ("Mural o historii Nowej Huty", "abandoned", "WKDN", 90000, None),
    ]
    for title, state, short, cost, actual in done:
        proposal = Proposal.objects.create(
            edition=edition,
            pool=pool,
            author=author,
            title=title,
            state=state,
            description=title,
            estimated_cost=cost,
            verified_cost=cost,
            unit=units[short],
            abandon_reason="Właściciel budynku wycofał zgodę na mural."
            if state == "abandoned"
            else "",
        )
        Implementation.objects.create(proposal=proposal, unit=units[short], actual_cost=actual)
    stdout.write(f"  budget: {edition.title} (results published, 4 projects tracked)")


def load(stdout) -> None:
    city = City.objects.filter(slug="krakow").first()
    if city is None:
        stdout.write("  budget: no Kraków districts loaded; skipped")
        return
    year = timezone.localdate().year + 1
    verifier, _ = User.objects.get_or_create(
        username="weryfikator", defaults={"display_name": "Zofia Weryfikująca"}
    )
    author, _ = User.objects.get_or_create(
        username="mieszkaniec", defaults={"display_name": "Anna Mieszkańska"}
    )
    units = _units(verifier)
    _previous_edition(city, year - 1, units, author, stdout)
    if Edition.objects.filter(city=city, year=year).exists():
        stdout.write(f"  budget: edition {year} already present, nothing added")
        return
    rnd = random.Random(year)  # the same demo every time
    with transaction.atomic():
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
            state="voting",
        )
        _schedule(edition)
        pools = [
            Pool.objects.create(
                edition=edition,
                name="Pula ogólnomiejska",
                amount=Decimal("12000000"),
                max_project_cost=Decimal("2000000"),
                population=800000,
                support_minimum=15,
            )
        ]
        for number, population in DISTRICTS.items():
            district = District.objects.get(city=city, number=number)
            pools.append(
                Pool.objects.create(
                    edition=edition,
                    district=district,
                    name=f"Dzielnica {district}",
                    amount=Decimal("1200000"),
                    max_project_cost=Decimal("400000"),
                    population=population,
                    support_minimum=15,
                )
            )
        for title, category, cost, unit in CITYWIDE:
            _proposal(edition, pools[0], author, title, category, cost, units[unit], verifier, rnd)
        categories = ["greenery", "roads", "sport", "culture", "education", "social"]
        for pool, number in zip(pools[1:], DISTRICTS, strict=True):
            for title in LOCAL[number]:
                category = rnd.choice(categories)
                unit = units["ZDMK" if category == "roads" else "ZZM"]
                cost = rnd.randrange(40000, 400000, 5000)
                _proposal(edition, pool, author, title, category, cost, unit, verifier, rnd)
        edition.save()
    _ballots(edition, pools, rnd)
    stdout.write(
        f"  budget: {edition.title} in voting — {Proposal.objects.filter(edition=edition).count()} "
        f"proposals in {len(pools)} pools; verifier „weryfikator” in ZZM and ZDMK"
    )
