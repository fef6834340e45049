"""One object per registered workflow kind, built through the apps' own services.

`BUILDERS[kind](make_user)` returns `(obj, extras)`: the object, and the users that hold an
object-level role on it (its owner, its meeting's moderator, its coordinating team...), named
for the report. Global roles are covered by the matrix itself. A kind without a builder here
is skipped by the matrix with its name in the reason, so a newly registered kind shows up.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from workflows.accounts.models import Role

Built = tuple[object, dict[str, object]]


def programme(make_user) -> Built:
    from consultations.services.programmes import create_programme

    author = make_user(Role.COUNCIL_STAFF)
    prog = create_programme(by=author, title="Program współpracy 2027", year_from=2027)
    member = make_user(Role.RESIDENT)
    prog.coordinating_team.members.add(member)
    return prog, {"coordinating team member": member}


def implementation_report(make_user) -> Built:
    from consultations.models import ImplementationReport

    prog, extras = programme(make_user)
    report = ImplementationReport.objects.create(
        programme=prog, year=2027, due_on=date(2028, 5, 31)
    )
    return report, extras


def meeting(make_user) -> Built:
    from consultations.meetings.services.lifecycle import create_meeting
    from consultations.models import SectorTeam

    moderator = make_user(Role.SECTOR_TEAM_MEMBER)
    team = SectorTeam.objects.create(name="Zespół ds. kultury", slug="kultura", moderator=moderator)
    member = make_user(Role.SECTOR_TEAM_MEMBER)
    team.members.add(member)
    start = timezone.now() + timedelta(days=1)
    obj = create_meeting(
        team=team,
        by=moderator,
        title="Spotkanie zespołu",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        agenda=[
            {"title": "Analiza SWOT", "section": "swot"},
            {"title": "Cele", "section": "goals"},
            {"title": "Działania", "section": "actions"},
        ],
        place="Sala Obrad",
    )
    return obj, {"meeting moderator": moderator, "team member (not moderator)": member}


def petition(make_user) -> Built:
    from tests.workflows.engine_app.models import Petition

    owner = make_user(Role.RESIDENT)
    obj = Petition.objects.create(title="Ławki", owner=owner, signatures_needed=0)
    return obj, {"petition owner": owner}


def edition(make_user) -> Built:
    from tests.budget.factories import EditionFactory, PoolFactory, schedule

    obj = EditionFactory(state="draft")
    PoolFactory(edition=obj)
    schedule(obj, "submission")
    return obj, {}


def proposal(make_user) -> Built:
    from budget.models import CityUnit, Implementation
    from tests.budget.factories import ProposalFactory

    author, coauthor = make_user(Role.RESIDENT), make_user(Role.RESIDENT)
    verifier, implementer = make_user(Role.VERIFIER), make_user(Role.VERIFIER)
    unit = CityUnit.objects.create(name="Zarząd Zieleni Miejskiej", short_name="ZZM")
    unit.members.add(verifier)
    other = CityUnit.objects.create(name="Zarząd Dróg Miasta", short_name="ZDM")
    other.members.add(implementer)
    obj = ProposalFactory(author=author, unit=unit)
    obj.coauthors.add(coauthor)
    Implementation.objects.create(proposal=obj, unit=other)
    return obj, {
        "proposal author": author,
        "co-author": coauthor,
        "verifier of the assigned unit": verifier,
        "member of the implementing unit": implementer,
    }


BUILDERS: dict[str, Callable] = {
    "edition": edition,
    "proposal": proposal,
    "programme": programme,
    "implementation_report": implementation_report,
    "meeting": meeting,
    "petition": petition,
}
