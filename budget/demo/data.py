"""What the demo editions hold: city units, districts, proposals and the decisions on them."""

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

# --- decisions on the edition in voting; every other proposal passes the formal check and
# its merit/cost verification at the author's estimate ---

# Formal gaps the author fixed in time: (the staff's request, what the author changed).
CORRECTIONS = {
    "Mapa dotykowa dla niewidomych": (
        "Uzupełnij lokalizację: wskaż miejsce ustawienia mapy i dołącz zgodę zarządcy terenu.",
        {"location": "Plac Szczepański, przy wejściu do Pałacu Sztuki (zgoda ZZM w załączniku)"},
    ),
    "Biblioteka rzeczy — wypożyczalnia sprzętu": (
        "Doprecyzuj opis: jaki sprzęt będzie wypożyczany i kto poprowadzi wypożyczalnię.",
        {
            "description": "Wypożyczalnia sprzętu domowego, turystycznego i warsztatowego "
            "(ok. 300 przedmiotów) w trzech filiach Biblioteki Kraków, prowadzona przez "
            "bibliotekarzy; wypożyczenie bezpłatne z kartą biblioteczną."
        },
    ),
}
FORMAL_REJECTIONS = {
    "Warsztaty kulinarne w Forum Przestrzenie": "Projekt zakłada finansowanie stałej "
    "działalności lokalu prowadzonego przez podmiot prywatny; regulamin budżetu "
    "obywatelskiego (§ 4 ust. 3) nie dopuszcza takich zadań.",
}
# The unit's cost after verification and why it differs from the author's estimate.
COST_CHANGES = {
    "Rowerowe pętle rekreacyjne wzdłuż Wisły": (
        1180000,
        "Wycena ZDMK obejmuje oznakowanie pionowe i poziome oraz projekt stałej organizacji "
        "ruchu, których nie uwzględniono w szacunku.",
    ),
    "Doświetlenie przejść dla pieszych przy szkołach": (
        760000,
        "Sześć z 44 przejść doświetlono już w programie ZDMK; koszt obejmuje pozostałe 38.",
    ),
    "Kraków dla pszczół: 30 uli miejskich": (
        205000,
        "Koszt obejmuje trzyletnią opiekę pszczelarza nad ulami, wymaganą przez ZZM.",
    ),
    "Chodnik wzdłuż ul. Jasnogórskiej": (
        395000,
        "Na odcinku 120 m konieczna jest przebudowa odwodnienia.",
    ),
}
MERIT_REJECTIONS = {
    "Spacerownik historyczny po Podgórzu": "Zadanie jest już ujęte w budżecie Wydziału "
    "Kultury na ten rok.",
    "Potańcówki dla seniorów w Klubie Stare Miasto": "Teren należy do właściciela "
    "prywatnego, który nie wyraził zgody.",
    "Wybieg dla psów na Witkowicach": "Wskazana działka jest przeznaczona w miejscowym planie "
    "pod zabudowę usługową.",
}
# Appeals against merit rejections: (the author's justification, upheld?, the decision).
APPEALS = {
    "Potańcówki dla seniorów w Klubie Stare Miasto": (
        "Właściciel klubu ustnie zadeklarował udostępnienie sali na czas zajęć.",
        False,
        "Odwołanie oddalone: ustna deklaracja nie zastępuje pisemnej zgody właściciela na "
        "cały okres realizacji projektu.",
    ),
    "Wybieg dla psów na Witkowicach": (
        "Projekt dotyczy działki 215/3, a nie sąsiedniej 215/4; działka 215/3 leży w planie "
        "miejscowym w terenie zieleni urządzonej (ZP.2).",
        True,
        "Odwołanie uwzględnione: weryfikacja dotyczyła błędnej działki; działka 215/3 jest "
        "gminna i przeznaczona pod zieleń urządzoną. Projekt dopuszczony do głosowania.",
    ),
}

# --- the previous edition, whose selected projects are being carried out ---

# (title, unit, estimated cost, cost after verification and why, who voted for it: the
# demo voters' numbers, so the greedy count is known in advance)
PREVIOUS = [
    ("Zielony Rynek Dębnicki", "ZZM", 480000, None, range(0, 24)),
    (
        "Bezpieczne przejścia na Bronowicach",
        "ZDMK",
        820000,
        (900000, "Wycena obejmuje sygnalizację akustyczną dla osób niewidomych."),
        range(0, 20),
    ),
    ("Pracownie robotyki w szkołach", "WE", 350000, None, range(4, 21)),
    ("Mural o historii Nowej Huty", "WKDN", 90000, None, range(12, 24)),
    # Fewer votes and no longer fitting the remaining amount: not selected.
    ("Kładka pieszo-rowerowa nad Rudawą", "ZIM", 950000, None, range(0, 9)),
    ("Hala do badmintona przy SP 2", "WS", 750000, None, range(18, 24)),
]
PREVIOUS_VOTERS = 24
# How each selected project's implementation stands: (state, actual cost, abandon reason).
IMPLEMENTATION = {
    "Zielony Rynek Dębnicki": ("completed", 455300, ""),
    "Bezpieczne przejścia na Bronowicach": ("in_implementation", None, ""),
    "Pracownie robotyki w szkołach": ("selected", None, ""),
    "Mural o historii Nowej Huty": (
        "abandoned",
        None,
        "Właściciel budynku wycofał zgodę na mural.",
    ),
}
