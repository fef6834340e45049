"""Starting points for an edition's rulebook: the published voting rules of three cities.

Each figure says where it comes from. Where the resolution's number or wording was not
verified against the text in force, the comment says so: staff check it against the city's
current resolution on the civic budget (art. 5a ust. 7 u.s.g.) before applying a preset, and
adjust it on the rulebook page.

A preset whose rule a city has since changed is named by the years it applies to (its
label and key), so that nobody takes an old rule for the one in force.
"""

from django.utils.translation import gettext_lazy as _

KRAKOW = {
    "label": _("Kraków"),
    # Regulamin BO Krakowa (uchwała Rady Miasta Krakowa w sprawie budżetu obywatelskiego,
    # voting rules): a voter picks the citywide projects and those of ONE district.
    "pool_mode": "one_district",
    "points_across_pools": False,
    # Kraków: up to 3 projects in each pool, ranked: 3 points for the first, 2 for the
    # second, 1 for the third; district projects only of the voter's own district (the
    # city's list of projects to vote on, budzet.krakow.pl, "należy wybrać sześć projektów -
    # trzy o charakterze ogólnomiejskim i trzy o charakterze dzielnicowym oraz przyznać im
    # od 1-3 punktów").
    "rules": {
        "citywide": {"vote_rule": "ordinal", "ordinal_points": [3, 2, 1]},
        "district": {"vote_rule": "ordinal", "ordinal_points": [3, 2, 1]},
        # No thematic pool in Kraków; the citywide rule if one is added.
        "thematic": {"vote_rule": "ordinal", "ordinal_points": [3, 2, 1]},
    },
    # Kraków: every resident may vote, whatever their age (issue 18).
    "minimum_age": 0,
    # Unverified: the age below which a guardian consents; 13 as the engine's default —
    # check the resolution in force.
    "guardian_under": 13,
    # Unverified: which ballot counts when one person votes on paper and online; the
    # engine's default (first recorded) until checked against the resolution.
    "duplicate_policy": "first_counts",
    "max_points": 10,  # not used: no pool of Kraków's counts points to spread
}

# Warsaw's editions for the years 2022-2025 (votes of 2021-2024), NOT its rule in force:
# from the edition for 2026 (the 12th, voted in June 2025) a voter picks up to 5 projects on
# each of three levels, citywide, district and a new local level (areas within a district;
# the city's announcement of the 2025 vote, reported by the press in June 2025: "obok
# dzielnicowego i ogólnomiejskiego, poziom głosowania – lokalny. Na każdym poziomie można
# zagłosować na pięć projektów"). The engine has no local level yet, so there is no preset
# for the current rule: staff start from this one and set 5 per pool on the rulebook page.
WARSAW_2022_2025 = {
    "label": _("Warszawa, edycje 2022–2025 (10 + 15; od 2026 r. inne zasady)"),
    # Uchwała Rady m.st. Warszawy w sprawie wymagań, jakie powinien spełniać projekt budżetu
    # obywatelskiego (the resolution's number was not verified here): citywide projects and
    # those of one district.
    "pool_mode": "one_district",
    "points_across_pools": False,
    "rules": {
        # Up to 10 citywide projects and 15 district ones in one district (bo.um.warszawa.pl,
        # the voting page of 2021; the city's notes on the votes of 2023, the 10th edition,
        # and June 2024, the 11th: "maksymalnie na 10 projektów ogólnomiejskich i 15 z jednej
        # dzielnicy").
        "citywide": {"vote_rule": "approval", "max_choices": 10},
        # Up to 15 district projects, of one district (same sources).
        "district": {"vote_rule": "approval", "max_choices": 15},
        # No thematic pool in Warsaw; the citywide limit if one is added.
        "thematic": {"vote_rule": "approval", "max_choices": 10},
    },
    # Warsaw: residents of any age ("nie trzeba być pełnoletnim", the 2025 notes too); under
    # 13 with a parent's or guardian's consent.
    "minimum_age": 0,
    "guardian_under": 13,
    # Warsaw: a paper and an online ballot of one person are both void (issue 18).
    "duplicate_policy": "void_both",
    "max_points": 10,  # not used: approval voting
}

GDANSK = {
    "label": _("Gdańsk"),
    # Uchwała Rady Miasta Gdańska w sprawie budżetu obywatelskiego (number not verified); the
    # voting rules as the city published them for the editions since 2022 (gdansk.pl voting
    # notes of 2021): 8 votes, 5 points spread freely over district projects of ANY district
    # (all five on one project, or one each on five), 1 citywide project, and 1 each in the
    # green budget (Zielony Budżet, a thematic pool here; its district level is not modelled:
    # add it as a district pool on the rulebook page if needed). In 2019: "5 punktów na
    # projekty dzielnicowe i 1 punkt na projekt ogólnomiejski", any district.
    "pool_mode": "several",
    # The 5 district points are one budget over every district's pool.
    "points_across_pools": True,
    "rules": {
        "citywide": {"vote_rule": "approval", "max_choices": 1},
        "district": {"vote_rule": "cumulative", "max_points": 5},
        "thematic": {"vote_rule": "approval", "max_choices": 1},
    },
    "max_points": 5,
    # "niezależnie od wieku": residents of any age (2019 and 2023 notes).
    "minimum_age": 0,
    # Unverified: the published notes say nothing of a guardian; the engine's default.
    "guardian_under": 13,
    # Unverified: voting is online or at the city's service points, one account per person.
    "duplicate_policy": "first_counts",
}

PRESETS = {"krakow": KRAKOW, "warszawa_2022_2025": WARSAW_2022_2025, "gdansk": GDANSK}
