"""What the demo editions hold: city units, districts, proposals and the decisions on them."""

UNITS = [
    ("Zarząd Dróg Miasta Krakowa", "ZDMK"),
    ("Zarząd Zieleni Miejskiej", "ZZM"),
    ("Wydział Edukacji", "WE"),
    ("Zarząd Inwestycji Miejskich", "ZIM"),
    ("Wydział Kultury i Dziedzictwa Narodowego", "WKDN"),
    ("Wydział Sportu", "WS"),
    ("Wydział Polityki Społecznej i Zdrowia", "WPS"),
]
# Which unit verifies a district proposal of each category (playgrounds and courts in
# parks are the green authority's).
UNIT_OF = {
    "greenery": "ZZM",
    "sport": "ZZM",
    "roads": "ZDMK",
    "safety": "ZDMK",
    "culture": "WKDN",
    "education": "WE",
    "social": "WPS",
    "other": "ZIM",
}

# Pools of an edition: the citywide one, and one per district sized by its residents.
CITYWIDE_POOL = (12_000_000, 2_000_000)  # amount, the most one project may cost
DISTRICT_BASE, DISTRICT_PER_RESIDENT, DISTRICT_MAX_COST = 400_000, 10, 400_000

CITYWIDE = [
    ("Zielone przystanki — łąki kwietne na wiatach", "greenery", 650000, "ZZM"),
    ("Kraków dla pszczół: 30 uli miejskich", "greenery", 180000, "ZZM"),
    ("Sieć publicznych poidełek z wodą pitną", "other", 420000, "ZIM"),
    ("Bezpłatne warsztaty pierwszej pomocy dla seniorów", "social", 150000, "WPS"),
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
    ("Pomoc psychologiczna dla młodzieży — telefon zaufania", "social", 450000, "WPS"),
]
# District number → its proposals: (title, category, the author's estimate in złoty).
LOCAL = {
    1: [
        ("Ławki i zieleń na Plantach przy ul. Basztowej", "greenery", 180000),
        ("Stojaki rowerowe na Kazimierzu", "roads", 60000),
        ("Fontanna pitna na Rynku Kleparskim", "other", 90000),
        ("Warsztaty historyczne dla dzieci w Barbakanie", "education", 45000),
        ("Zieleń w donicach na ul. Krakowskiej", "greenery", 120000),
        ("Oświetlenie skweru Dietla", "safety", 150000),
        ("Potańcówki dla seniorów w Klubie Stare Miasto", "social", 40000),
        ("Mapa dotykowa dla niewidomych", "social", 85000),
    ],
    2: [
        ("Zieleń na skwerze przy ul. Grzegórzeckiej", "greenery", 180000),
        ("Bezpieczne przejście przy al. Daszyńskiego", "safety", 220000),
        ("Zajęcia dla seniorów w Klubie Grzegórzki", "social", 40000),
    ],
    3: [
        ("Park kieszonkowy na os. Olsza", "greenery", 280000),
        ("Boisko wielofunkcyjne na os. Ugorek", "sport", 300000),
        ("Chodnik wzdłuż ul. Dobrego Pasterza", "roads", 350000),
    ],
    4: [
        ("Park kieszonkowy przy ul. Pachońskiego", "greenery", 320000),
        ("Plac zabaw na osiedlu Azory", "sport", 260000),
        ("Chodnik wzdłuż ul. Jasnogórskiej", "roads", 360000),
        ("Skatepark na os. Krowodrza Górka", "sport", 380000),
        ("Nasadzenia drzew na os. Górka Narodowa", "greenery", 140000),
        ("Boisko wielofunkcyjne przy SP 114", "sport", 350000),
        ("Zajęcia ruchowe 60+ w Parku Zaczarowanej Dorożki", "sport", 50000),
        ("Wybieg dla psów na Witkowicach", "greenery", 150000),
    ],
    5: [
        ("Zieleń przy ul. Królewskiej", "greenery", 150000),
        ("Siłownia plenerowa w Parku Krowoderskim", "sport", 110000),
        ("Spotkania z historią Krowodrzy w bibliotece", "culture", 25000),
    ],
    6: [
        ("Skatepark przy Parku Tetmajera", "sport", 380000),
        ("Oświetlenie ul. Rydla", "safety", 190000),
        ("Warsztaty ceramiczne dla dzieci na Bronowicach", "culture", 35000),
    ],
    7: [
        ("Ławki i kosze na śmieci na Błoniach", "other", 90000),
        ("Ścieżka przyrodnicza w Lesie Wolskim", "education", 160000),
        ("Stojaki rowerowe przy Salwatorze", "roads", 40000),
    ],
    8: [
        ("Nowe alejki w Parku Dębnickim", "greenery", 390000),
        ("Ścieżka zdrowia na Zakrzówku", "sport", 200000),
        ("Przejście dla pieszych przy ul. Zachodniej", "roads", 180000),
        ("Ogród sensoryczny przy przedszkolu nr 42", "education", 120000),
        ("Ławki nad Wilgą", "greenery", 80000),
        ("Plac zabaw na Ruczaju przy ul. Lubostroń", "sport", 280000),
        ("Zieleń na os. Podwawelskim", "greenery", 160000),
        ("Kino letnie w Parku Dębnickim", "culture", 70000),
        ("Warsztaty kulinarne w Forum Przestrzenie", "other", 40000),
    ],
    9: [
        ("Rewitalizacja Parku Solvay", "greenery", 390000),
        ("Ścieżka zdrowia w Lesie Borkowskim", "sport", 200000),
        ("Chodnik przy ul. Zakopiańskiej", "roads", 320000),
    ],
    10: [
        ("Plac zabaw w Parku Zdrojowym w Swoszowicach", "sport", 250000),
        ("Chodnik przy ul. Myślenickiej", "roads", 390000),
        ("Sad społeczny w Kosocicach", "greenery", 90000),
    ],
    11: [
        ("Nowe nasadzenia w Parku Duchackim", "greenery", 150000),
        ("Boisko do siatkówki na os. Kurdwanów", "sport", 230000),
        ("Kącik czytelniczy dla dzieci w bibliotece na Woli Duchackiej", "culture", 40000),
    ],
    12: [
        ("Ścieżka rowerowa wzdłuż ul. Bieżanowskiej", "roads", 390000),
        ("Plac zabaw na os. Na Kozłówce", "sport", 260000),
        ("Tężnia solankowa w Parku Aleksandry", "greenery", 200000),
    ],
    13: [
        ("Zielony skwer na Zabłociu", "greenery", 300000),
        ("Oświetlenie Parku Bednarskiego", "safety", 240000),
        ("Stacja naprawy rowerów przy Kładce Bernatka", "roads", 35000),
        ("Ogród deszczowy przy ul. Limanowskiego", "greenery", 150000),
        ("Plac zabaw przy ul. Kalwaryjskiej", "sport", 250000),
        ("Boisko do koszykówki na Płaszowie", "sport", 220000),
        ("Spacerownik historyczny po Podgórzu", "culture", 30000),
    ],
    14: [
        ("Park linearny wzdłuż al. Jana Pawła II", "greenery", 390000),
        ("Siłownia plenerowa na os. Dywizjonu 303", "sport", 120000),
        ("Chodnik przy ul. Centralnej", "roads", 300000),
        ("Łąka kwietna przy Muzeum Lotnictwa", "greenery", 60000),
        ("Tablice informacyjne o historii lotniska Rakowice", "culture", 40000),
        ("Plac zabaw na os. Avia", "sport", 240000),
        ("Ścieżka rowerowa do Parku Lotników", "roads", 380000),
        ("Warsztaty modelarskie dla dzieci", "education", 30000),
    ],
    15: [
        ("Siłownia plenerowa na os. Oświecenia", "sport", 120000),
        ("Zieleń przy ul. Kupały", "greenery", 140000),
        ("Zajęcia dla seniorów w Klubie Mistrzejowice", "social", 45000),
    ],
    16: [
        ("Boisko do koszykówki na os. Kalinowym", "sport", 210000),
        ("Nowe ławki na Plantach Bieńczyckich", "greenery", 100000),
        ("Bezpieczne dojście do szkoły na os. Kombatantów", "safety", 180000),
    ],
    17: [
        ("Chodnik przy ul. Kantorowickiej", "roads", 380000),
        ("Plac zabaw w Grębałowie", "sport", 220000),
        ("Ogród społeczny przy Dworku Matejki w Krzesławicach", "greenery", 90000),
    ],
    18: [
        ("Odnowa alejek w Parku Ratuszowym", "greenery", 350000),
        ("Ławki na Placu Centralnym", "other", 70000),
        ("Zielona klasa przy SP 85", "education", 150000),
        ("Festiwal sąsiedzki na os. Szklane Domy", "culture", 45000),
        ("Pumptrack przy Zalewie Nowohuckim", "sport", 390000),
        ("Nasadzenia przy Zalewie Nowohuckim", "greenery", 110000),
        ("Zajęcia sportowe dla dzieci w Hutniku", "sport", 60000),
        ("Pracownia rękodzieła dla seniorów", "social", 50000),
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

# (title, unit, category, estimated cost, cost after verification and why, who voted for it: the
# demo voters' numbers, so the greedy count is known in advance)
PREVIOUS = [
    ("Zielony Rynek Dębnicki", "ZZM", "greenery", 480000, None, range(0, 24)),
    (
        "Bezpieczne przejścia na Bronowicach",
        "ZDMK",
        "safety",
        820000,
        (900000, "Wycena obejmuje sygnalizację akustyczną dla osób niewidomych."),
        range(0, 20),
    ),
    ("Pracownie robotyki w szkołach", "WE", "education", 350000, None, range(4, 21)),
    ("Mural o historii Nowej Huty", "WKDN", "culture", 90000, None, range(12, 24)),
    # Fewer votes and no longer fitting the remaining amount: not selected.
    ("Kładka pieszo-rowerowa nad Rudawą", "ZIM", "roads", 950000, None, range(0, 9)),
    ("Hala do badmintona przy SP 2", "WS", "sport", 750000, None, range(18, 24)),
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
# Photos of the works (generated illustrations in photos/), added by the implementing unit.
PHOTOS = {
    "Zielony Rynek Dębnicki": [
        (
            "zielony-rynek-debnicki-1.png",
            "Rynek Dębnicki po przebudowie: drzewa, ławki i alejka przez środek placu.",
        ),
        ("zielony-rynek-debnicki-2.png", "Rabaty kwiatowe wzdłuż nowej alejki na Rynku Dębnickim."),
    ],
    "Bezpieczne przejścia na Bronowicach": [
        (
            "przejscie-bronowice.png",
            "Doświetlone przejście dla pieszych z nowym znakiem i latarnią, po zmroku.",
        ),
    ],
}

# Roughly the middle of each of Kraków's districts (WGS 84): the demo's proposals get a point
# near their district's, and the citywide ones near the centre, so that the maps show them.
DISTRICT_CENTRES = {
    1: (50.0614, 19.9366),  # Stare Miasto
    2: (50.0600, 19.9620),  # Grzegórzki
    3: (50.0930, 19.9750),  # Prądnik Czerwony
    4: (50.0960, 19.9250),  # Prądnik Biały
    5: (50.0750, 19.9160),  # Krowodrza
    6: (50.0820, 19.8830),  # Bronowice
    7: (50.0560, 19.8700),  # Zwierzyniec
    8: (50.0300, 19.9000),  # Dębniki
    9: (50.0250, 19.9370),  # Łagiewniki-Borek Fałęcki
    10: (49.9960, 19.9450),  # Swoszowice
    11: (50.0150, 19.9650),  # Podgórze Duchackie
    12: (50.0170, 20.0120),  # Bieżanów-Prokocim
    13: (50.0400, 19.9700),  # Podgórze
    14: (50.0700, 20.0100),  # Czyżyny
    15: (50.0960, 20.0080),  # Mistrzejowice
    16: (50.0870, 20.0300),  # Bieńczyce
    17: (50.0950, 20.0700),  # Wzgórza Krzeszowickie
    18: (50.0700, 20.0950),  # Nowa Huta
}
CITY_CENTRE = (50.0614, 19.9366)
# How far from the centre a point may fall, in degrees of latitude and longitude (within a
# district: about 600 m; citywide projects: a few kilometres).
DISTRICT_SPREAD, CITY_SPREAD = (0.006, 0.009), (0.03, 0.05)
