"""Reference data in the exact wording of the source documents.

TASK_AREAS: the 16 public-benefit task areas of the Kraków programme, as read at the council
session of 23 November 2011 (seeds/004). STRATEGY_GOALS: the operational goals of area V
"Kapitał społeczny" of the Kraków Development Strategy (seeds/000). Both are editable data;
these lists only create the rows that are missing.
"""

TASK_AREAS = [
    "pomocy społecznej, w tym pomocy rodzinom i osobom w trudnej sytuacji życiowej oraz "
    "wyrównywania szans tych rodzin i osób",
    "działalności na rzecz integracji i reintegracji zawodowej i społecznej osób zagrożonych "
    "wykluczeniem społecznym",
    "działalności charytatywnej",
    "ochrony i promocji zdrowia",
    "działalności na rzecz osób niepełnosprawnych",
    "działalności na rzecz osób w wieku emerytalnym",
    "działalności wspomagającej rozwój gospodarczy, w tym rozwój przedsiębiorczości",
    "edukacji, oświaty i wychowania",
    "wypoczynku dzieci i młodzieży",
    "kultury, sztuki, ochrony dóbr kultury i dziedzictwa narodowego",
    "wspierania i upowszechniania kultury fizycznej",
    "ekologii i ochrony zwierząt oraz ochrony dziedzictwa przyrodniczego",
    "ratownictwa i ochrony ludności",
    "promocji i organizacji wolontariatu",
    "przeciwdziałania uzależnieniom i patologiom społecznym",
    "działalności na rzecz organizacji pozarządowych",
]

STRATEGY_GOALS = [
    (
        "V.1",
        "Wysoki poziom partycypacji społecznej i obywatelskiej mieszkańców",
        "Rozwój systemu komunikacji społecznej pomiędzy organizacjami, aktywistami oraz "
        "samorządem i innymi mieszkańcami; wzmocnienie współpracy z radami dzielnic.",
    ),
    (
        "V.2",
        "Silny sektor organizacji społecznych (pozarządowych)",
        "Profesjonalizacja działalności organizacji społecznych (w tym pozarządowych), "
        "zapewnienie przejrzystych procedur partycypacyjnych i dostępności do danych "
        "publicznych, zbudowanie zaufania i przyjaznej atmosfery dla tzw. trzeciego sektora "
        "i aktywności obywatelskiej.",
    ),
    (
        "V.3",
        "Spójność społeczna",
        "Włączenie społeczne wszystkich grup społecznych mających trudności w adaptacji "
        "i pełnym uczestniczeniu w życiu miasta; aktywizacja osób starszych.",
    ),
]


def ensure_reference_data(task_area_model, strategy_goal_model) -> int:
    """Create missing rows (existing ones, possibly edited, are left alone)."""

    created = 0
    for number, name in enumerate(TASK_AREAS, start=1):
        created += task_area_model.objects.get_or_create(number=number, defaults={"name": name})[1]
    for code, title, description in STRATEGY_GOALS:
        created += strategy_goal_model.objects.get_or_create(
            code=code, defaults={"title": title, "description": description}
        )[1]
    return created
