"""Demo: one meeting of a sector team following the 2011 meeting of the social exclusion team
(seeds/002): SWOT → goals → actions, with the meeting rules of that day. Idempotent.

Runs after the consultations demo (INSTALLED_APPS order), which creates the sector teams;
without teams there is nothing to meet about and the demo says so and stops."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from consultations.models import SectorTeam
from workflows.accounts.models import Organisation, User

from . import services
from .models import Meeting

STARTS_IN_MINUTES = 30
TITLE = "Spotkanie Zespołu Branżowego ds. Wykluczenia Społecznego"
AGENDA = [
    {"title": "Analiza SWOT (silne i słabe strony, szanse i zagrożenia)", "section": "swot"},
    {
        "title": "Określenie celów współpracy samorządu z organizacjami i propozycje rozwiązań",
        "section": "goals",
    },
    {
        "title": "Propozycja podjęcia konkretnych działań w odniesieniu do poszczególnych celów",
        "section": "actions",
    },
]
RULES = """Zasady współpracy podczas spotkania:
- w trakcie spotkań mówimy krótko i na temat, szanujemy czas innych osób
- moderator prowadzi spotkanie, kieruje dyskusją, pilnuje czasu wypowiedzi
- w pracy nad Programem „nie musimy się ze sobą zgadzać”, pokazujemy różne rozwiązania \
i alternatywy, dążymy do konsensusu
- nie ograniczamy kreatywności!
- dzielimy się doświadczeniami i pomysłami
- w trakcie spotkań wyciszamy komórki"""


def _team() -> SectorTeam | None:
    teams = SectorTeam.objects.all()
    return teams.filter(name__icontains="wykluczeni").first() or teams.first()


@transaction.atomic
def load(stdout) -> None:
    team = _team()
    if team is None:
        stdout.write("Meetings: no sector teams yet, no demo meeting.")
        return
    if Meeting.objects.filter(team=team, title=TITLE).exists():
        stdout.write("Meetings: demo meeting already present, nothing added.")
        return
    moderator = team.moderator or User.objects.filter(username="moderator").first()
    staff = User.objects.filter(username="urzednik").first()
    planner = moderator if team.is_moderator(moderator) else staff
    if moderator is None or planner is None or not services.can_plan(team, planner):
        stdout.write("Meetings: the team has no moderator, no demo meeting.")
        return
    # About to start: the moderator can open it now and residents can see it coming.
    start = timezone.localtime() + timedelta(minutes=STARTS_IN_MINUTES)
    start = start.replace(minute=start.minute - start.minute % 5, second=0, microsecond=0)
    meeting = services.create_meeting(
        team=team,
        by=planner,
        title=TITLE,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Urząd Miasta Krakowa, pl. Wszystkich Świętych 3-4, sala Obrad",
        online_url="https://spotkania.krakow.example/zespol-wykluczenie",
        speaking_limit_seconds=180,
        rules=RULES,
        moderator=moderator,
        agenda=AGENDA,
        invited=list(User.objects.filter(username__in=["czlonek", "organizacja"])),
        invited_organisations=list(Organisation.objects.filter(krs="0000234567")),
    )
    stdout.write(f"Meetings: planned „{meeting.title}” ({team.name}), moderator {moderator}.")
