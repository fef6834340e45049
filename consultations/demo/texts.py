"""What the demo programmes say, in the wording of the source documents: the sector teams
and the meeting plan of 6 July 2011 (seeds/002), the main goal read at the council session
of 23 November 2011 (seeds/004), the forms of cooperation of the 2019 report (seeds/001)."""

from ..models.programme import ProgrammeKind

# "Zespoły branżowe" of the 2012–2014 multi-year programme: slug, name, task areas (numbers
# of the 16 read at the session), the strategy goal of area V its actions serve.
TEAMS = [
    ("zdrowie", "Zespół ds. zdrowia i wsparcia dla osób niepełnosprawnych", [4, 5], "V.3"),
    ("edukacja", "Zespół ds. edukacji", [8, 9], "V.1"),
    ("wykluczenie", "Zespół ds. aktywizacji grup zagrożonych wykluczeniem", [1, 2], "V.3"),
    ("kultura", "Zespół ds. kultury", [10], "V.1"),
    ("ekologia", "Zespół ds. ekologii", [12], "V.2"),
    ("sport", "Zespół ds. sportu i rekreacji", [11], "V.1"),
    ("spoleczenstwo", "Zespół ds. społeczeństwa obywatelskiego", [14, 16], "V.2"),
]

# Per team: (the field of cooperation, its strength, its goal, its action, the unit
# responsible, the action's indicator, its yearly amount in złoty).
CHAPTERS = {
    "zdrowie": (
        "ochrony i promocji zdrowia oraz działalności na rzecz osób niepełnosprawnych",
        "Organizacje prowadzą usługi opiekuńcze i rehabilitację blisko miejsca zamieszkania.",
        "Wyrównywanie szans osób z niepełnosprawnościami w dostępie do usług miejskich.",
        "Otwarty konkurs ofert na usługi asystencji osobistej i transport do placówek "
        "rehabilitacyjnych.",
        "Wydział Polityki Społecznej i Zdrowia",
        "liczba osób objętych asystencją",
        "1800000.00",
    ),
    "edukacja": (
        "edukacji, oświaty i wychowania oraz wypoczynku dzieci i młodzieży",
        "Szkoły i organizacje wspólnie prowadzą zajęcia pozalekcyjne i półkolonie.",
        "Otwarcie szkół i instytucji miejskich na inicjatywy obywatelskie jako lokalnych "
        "centrów aktywności.",
        "Konkurs na programy edukacji obywatelskiej dzieci i młodzieży w szkołach.",
        "Wydział Edukacji",
        "liczba szkół realizujących programy",
        "650000.00",
    ),
    "wykluczenie": (
        "przeciwdziałania wykluczeniu społecznemu",
        "Organizacje znają potrzeby osób w kryzysie bezdomności i rodzin w trudnej sytuacji.",
        "Tworzenie warunków udziału w rozwoju społeczności lokalnej osobom i grupom "
        "zagrożonym wykluczeniem społecznym.",
        "Mieszkania chronione i treningowe prowadzone przez organizacje pozarządowe.",
        "Miejski Ośrodek Pomocy Społecznej",
        "liczba miejsc w mieszkaniach chronionych",
        "1200000.00",
    ),
    "kultura": (
        "kultury, sztuki, ochrony dóbr kultury i dziedzictwa narodowego",
        "Bogata oferta festiwali i wydarzeń przygotowywanych przez organizacje.",
        "Wykorzystanie potencjału infrastruktury Miasta do budowania tożsamości "
        "społeczności lokalnych.",
        "Małe granty (art. 19a) na wydarzenia kulturalne w dzielnicach.",
        "Wydział Kultury i Dziedzictwa Narodowego",
        "liczba wydarzeń poza Starym Miastem",
        "900000.00",
    ),
    "ekologia": (
        "ekologii i ochrony zwierząt oraz ochrony dziedzictwa przyrodniczego",
        "Aktywne grupy mieszkańców dbające o parki, sady i zieleń osiedlową.",
        "Wspieranie lokalnych inicjatyw oddolnych na rzecz zieleni i czystego powietrza.",
        "Inicjatywa lokalna: zazielenianie podwórek i skwerów razem z mieszkańcami.",
        "Zarząd Zieleni Miejskiej",
        "liczba zazielenionych podwórek",
        "500000.00",
    ),
    "sport": (
        "wspierania i upowszechniania kultury fizycznej",
        "Kluby sportowe prowadzą zajęcia dla dzieci we wszystkich dzielnicach.",
        "Upowszechnianie aktywności ruchowej mieszkańców w każdym wieku.",
        "Otwarty konkurs ofert na zajęcia sportowe dla dzieci, młodzieży i seniorów.",
        "Wydział Sportu",
        "liczba uczestników zajęć",
        "2400000.00",
    ),
    "spoleczenstwo": (
        "promocji i organizacji wolontariatu oraz działalności na rzecz organizacji pozarządowych",
        "Centrum Obywatelskie przy ul. Reymonta 20 i Komisje Dialogu Obywatelskiego.",
        "Profesjonalizacja działalności organizacji społecznych i promowanie idei wolontariatu.",
        "Szkolenia i doradztwo dla organizacji w Centrum Obywatelskim.",
        "Wydział Polityki Społecznej i Zdrowia",
        "liczba organizacji objętych doradztwem",
        "350000.00",
    ),
}


def chapter_blocks(slug: str, areas: list[int], goal: str) -> list[dict]:
    """A chapter as the meeting plan built it: SWOT, then goals, then concrete actions."""

    field, strength, aim, action, unit, indicator, amount = CHAPTERS[slug]
    return [
        {
            "kind": "text",
            "text": f"Współpraca organizacji pozarządowych z Miastem w obszarze {field}.",
        },
        {"kind": "strength", "text": strength},
        {
            "kind": "weakness",
            "text": "Roczne umowy i późne rozstrzygnięcia konkursów utrudniają planowanie działań.",
        },
        {
            "kind": "opportunity",
            "text": "Małe granty i inicjatywa lokalna pozwalają "
            "szybko odpowiadać na potrzeby mieszkańców.",
        },
        {"kind": "threat", "text": "Rosnące koszty prowadzenia działalności organizacji."},
        {"kind": "goal", "text": aim},
        {
            "kind": "action",
            "text": action,
            "responsible_unit": unit,
            "indicator": indicator,
            "budget_estimate": amount,
            "task_areas": areas,
            "strategy_goals": [goal],
        },
    ]


LAW = (
    "z organizacjami pozarządowymi oraz podmiotami, o których mowa w art. 3 ust. 3 ustawy "
    "o działalności pożytku publicznego i o wolontariacie"
)


def title(kind: str, year_from: int, year_to: int) -> str:
    if kind == ProgrammeKind.MULTI_YEAR:
        return (
            f"Wieloletni Program Współpracy Gminy Miejskiej Kraków {LAW}, "
            f"na lata {year_from}–{year_to}"
        )
    return f"Program współpracy Gminy Miejskiej Kraków {LAW}, na rok {year_from}"


MAIN_GOAL = (
    "Budowanie partnerstwa pomiędzy Gminą Miejską Kraków a organizacjami pozarządowymi, "
    "służącego rozpoznawaniu i zaspokajaniu potrzeb mieszkańców oraz wzmocnieniu roli "
    "aktywności obywatelskiej w rozwiązywaniu problemów lokalnych."
)
SPECIFIC_GOALS = [
    "Zwiększenie udziału organizacji w realizacji zadań publicznych.",
    "Rozwój Komisji Dialogu Obywatelskiego i wspólnych zespołów doradczych.",
]
FORMS = [
    "open_competition",
    "small_grant",
    "local_initiative",
    "information",
    "consultation",
    "advisory_team",
    "civic_dialogue",
]
PRINCIPLES = (
    "Pomocniczość, suwerenność stron, partnerstwo, efektywność, uczciwa konkurencja i jawność."
)

# (author, organisation, kind, the block commented on, proposed wording, justification)
COMMENTS = [
    (
        "organizacja",
        "Fundacja Wspólny Kraków",
        "change",
        "action",
        "Otwarty konkurs ofert ogłaszany do 15 grudnia roku poprzedzającego.",
        "Organizacje potrzebują umów od 1 stycznia, aby nie przerywać działań.",
    ),
    (
        "organizacja2",
        "Stowarzyszenie Zielona Nowa Huta",
        "addition",
        "goal",
        "Dodać cel: ochrona zieleni osiedlowej we współpracy z radami dzielnic.",
        "Mieszkańcy Nowej Huty wskazują zieleń jako najważniejszą potrzebę.",
    ),
    (
        "czlonek",
        "Fundacja Wspólny Kraków",
        "general",
        None,
        "",
        "Prosimy o wieloletnie umowy na zadania ciągłe.",
    ),
    (
        "moderator",
        "Krakowskie Forum Organizacji Pozarządowych",
        "change",
        "weakness",
        "Roczne umowy i późne rozstrzygnięcia konkursów utrudniają planowanie.",
        "Zapis powinien nazwać przyczynę problemu.",
    ),
    (
        "mieszkaniec",
        None,
        "general",
        None,
        "",
        "Więcej informacji o konkursach w dzielnicach, nie tylko w internecie.",
    ),
]
# The coordinating team's answers, in the order of COMMENTS.
ANSWERS = [
    (
        "partly",
        "Konkursy na zadania ciągłe będą ogłaszane do 15 grudnia; pozostałe do końca "
        "stycznia, po uchwaleniu budżetu Miasta.",
    ),
    ("accepted", "Cel dodano do rozdziału zespołu ds. ekologii."),
    ("accepted", "Program przewiduje umowy wieloletnie na zadania ciągłe (do trzech lat)."),
    ("accepted", "Zapis zmieniono zgodnie z propozycją."),
    (
        "partly",
        "Ogłoszenia o konkursach będą wywieszane także w siedzibach rad dzielnic; "
        "spotkania informacyjne prowadzi Centrum Obywatelskie.",
    ),
]
