"""Demo data: the 7 sector teams of the 2012–2014 programme (seeds/002), the task areas and
strategy goals, and a 2027 programme with comments open and comments from several NGOs.

Idempotent: what exists is left as it is.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from workflows.accounts.models import Organisation, User
from workflows.services import SYSTEM, advance

from .models import Programme, SectorTeam, StrategyGoal, TaskArea
from .seed import ensure_reference_data
from .services import chapters as chapter_services
from .services import comments as comment_services
from .services.programmes import add_chapter, create_programme

# "Zespoły branżowe" of the 2012–2014 multi-year programme, in the slides' wording.
TEAMS = [
    ("zdrowie", "Zespół ds. zdrowia i wsparcia dla osób niepełnosprawnych", [4, 5], "V.3"),
    ("edukacja", "Zespół ds. edukacji", [8, 9], "V.1"),
    ("wykluczenie", "Zespół ds. aktywizacji grup zagrożonych wykluczeniem", [1, 2], "V.3"),
    ("kultura", "Zespół ds. kultury", [10], "V.1"),
    ("ekologia", "Zespół ds. ekologii", [12], "V.2"),
    ("sport", "Zespół ds. sportu i rekreacji", [11], "V.1"),
    ("spoleczenstwo", "Zespół ds. społeczeństwa obywatelskiego", [14, 16], "V.2"),
]

TITLE = (
    "Program współpracy Gminy Miejskiej Kraków z organizacjami pozarządowymi oraz podmiotami, "
    "o których mowa w art. 3 ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie, "
    "na rok 2027"
)
MAIN_GOAL = (
    "Budowanie partnerstwa pomiędzy Gminą Miejską Kraków a organizacjami pozarządowymi, "
    "służącego rozpoznawaniu i zaspokajaniu potrzeb mieszkańców oraz wzmocnieniu roli "
    "aktywności obywatelskiej w rozwiązywaniu problemów lokalnych."
)


def chapter_blocks(name: str, areas: list[int], goal: str) -> list[dict]:
    topic = name.removeprefix("Zespół ds. ")
    return [
        {"kind": "text", "text": f"Rozdział przygotował {name} podczas spotkań moderowanych."},
        {"kind": "strength", "text": f"Doświadczone organizacje działające w obszarze: {topic}."},
        {"kind": "weakness", "text": "Krótkie, roczne umowy utrudniają planowanie działań."},
        {"kind": "opportunity", "text": "Środki z małych grantów i inicjatywy lokalnej."},
        {"kind": "threat", "text": "Rosnące koszty prowadzenia działalności organizacji."},
        {"kind": "goal", "text": f"Wzmocnienie współpracy Miasta z organizacjami ({topic})."},
        {
            "kind": "action",
            "text": f"Otwarty konkurs ofert na zadania w obszarze: {topic}.",
            "responsible_unit": "Wydział Polityki Społecznej i Zdrowia",
            "indicator": "liczba zrealizowanych zadań publicznych",
            "budget_estimate": "250000.00",
            "task_areas": areas,
            "strategy_goals": [goal],
        },
    ]


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


@transaction.atomic
def load(stdout) -> None:
    ensure_reference_data(TaskArea, StrategyGoal)
    moderator = User.objects.get(username="moderator")
    members = list(User.objects.filter(username__in=["czlonek", "organizacja"]))
    teams = []
    for slug, name, areas, goal in TEAMS:
        team, _ = SectorTeam.objects.get_or_create(
            slug=slug, defaults={"name": name, "moderator": moderator}
        )
        team.members.add(*members)
        teams.append((team, areas, goal))
    if Programme.objects.filter(title=TITLE).exists():
        stdout.write("Consultations: 2027 programme already present, nothing added.")
        return
    staff = User.objects.get(username="urzednik")
    programme = create_programme(
        by=staff,
        title=TITLE,
        year_from=2027,
        main_goal=MAIN_GOAL,
        specific_goals=[
            "Zwiększenie udziału organizacji w realizacji zadań publicznych.",
            "Rozwój Komisji Dialogu Obywatelskiego i wspólnych zespołów doradczych.",
        ],
        forms_of_cooperation=[
            "open_competition",
            "small_grant",
            "local_initiative",
            "information",
            "consultation",
            "advisory_team",
            "civic_dialogue",
        ],
        task_areas=TaskArea.objects.all(),
        strategy_goals=StrategyGoal.objects.all(),
        principles="Pomocniczość, suwerenność stron, partnerstwo, efektywność, uczciwa "
        "konkurencja i jawność.",
        evaluation_method="Sprawozdanie z realizacji programu do 31 maja 2028 r.",
    )
    programme.coordinating_team.members.add(User.objects.get(username="koordynator"))
    advance(programme, "start_drafting", by=SYSTEM)
    chapters = {}
    for team, areas, goal in teams:
        chapter = add_chapter(by=staff, programme=programme, sector_team=team)
        version = chapter_services.create_version(
            by=staff, chapter=chapter, blocks=chapter_blocks(team.name, areas, goal)
        )
        chapter_services.publish_version(by=staff, version=version)
        chapters[team.slug] = (chapter, {b.kind: b.anchor for b in version.blocks.all()})
    now = timezone.now()
    advance(
        programme,
        "publish_drafts",
        by=SYSTEM,
        comments_open_at=now - timedelta(days=3),
        comments_close_at=now + timedelta(days=11),
    )
    advance(programme, "open_comments", by=SYSTEM)
    programme.refresh_from_db()
    for i, (username, org_name, kind, block_kind, wording, why) in enumerate(COMMENTS):
        chapter, anchors = list(chapters.values())[i % len(chapters)]
        comment_services.submit_comment(
            by=User.objects.get(username=username),
            programme=programme,
            kind=kind,
            proposed_wording=wording,
            justification=why,
            chapter=chapter,
            anchor=anchors[block_kind] if block_kind else "",
            organisation=Organisation.objects.get(name=org_name) if org_name else None,
        )
    stdout.write(
        f"Consultations: {len(teams)} sector teams, programme 2027 in „zbieranie uwag” "
        f"with {len(COMMENTS)} comments: /konsultacje/{programme.pk}/"
    )
