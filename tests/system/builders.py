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


def chapter_suggestion(make_user) -> Built:
    from consultations.meetings import services
    from tests.consultations.factories import published_chapter

    chapter = published_chapter()
    team = chapter.sector_team
    team.moderator = make_user(Role.SECTOR_TEAM_MEMBER)
    team.save()
    member = make_user(Role.SECTOR_TEAM_MEMBER)
    team.members.add(member)
    start = timezone.now() + timedelta(days=1)
    meeting = services.create_meeting(
        team=team,
        by=team.moderator,
        title="Spotkanie zespołu",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        agenda=[{"title": "Cele", "section": "goals"}],
        place="Sala Obrad",
    )
    services.open_meeting(meeting=meeting, by=team.moderator)
    item = meeting.items.get()
    services.open_item(meeting=meeting, item_id=item.pk, by=team.moderator)
    decision = services.record_decision(
        meeting=meeting, by=team.moderator, outcome="consensus", text="Nowy cel współpracy."
    )
    return decision.suggestion, {"meeting moderator": team.moderator, "team member": member}


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


def opinion(make_user) -> Built:
    from bodies.services import request_opinion
    from tests.bodies.factories import BodyFactory, MembershipFactory

    staff = make_user(Role.COUNCIL_STAFF)
    body = BodyFactory()
    people = {role: make_user(Role.RESIDENT) for role in ("chair", "secretary", "member")}
    for role, person in people.items():
        MembershipFactory(body=body, person=person, role=role)
    target, _ = programme(make_user)
    due = timezone.localdate() + timedelta(days=14)
    obj = request_opinion(by=staff, body=body, target=target, subject="Projekt", due_on=due)
    return obj, {
        "body chair": people["chair"],
        "body secretary": people["secretary"],
        "body member (not an officer)": people["member"],
    }


def district_consultation(make_user) -> Built:
    from bodies.consultations import consultation_create
    from bodies.models import BodyKind
    from tests.bodies.factories import BodyFactory, MembershipFactory
    from tests.budget.factories import DistrictFactory

    council = BodyFactory(kind=BodyKind.DISTRICT_COUNCIL, district=DistrictFactory())
    people = {role: make_user(Role.RESIDENT) for role in ("chair", "secretary", "member")}
    for role, person in people.items():
        MembershipFactory(body=council, person=person, role=role)
    obj = consultation_create(
        by=people["chair"],
        body=council,
        title="Priorytety dzielnicy na rok 2027",
        text="1. Zieleń przy szkołach.",
        closes_at=timezone.now() + timedelta(days=14),
    )
    return obj, {
        "council chair": people["chair"],
        "council secretary": people["secretary"],
        "council member (not an officer)": people["member"],
    }


def competition(make_user) -> Built:
    from tests.grants.factories import CommissionMemberFactory, CompetitionFactory, CriterionFactory

    obj = CompetitionFactory(created_by=make_user(Role.COUNCIL_STAFF))
    CriterionFactory(competition=obj, name="Jakość", weight=60, max_points=10)
    CriterionFactory(competition=obj, name="Koszty", weight=40, max_points=5)
    member = CommissionMemberFactory(competition=obj, person=make_user(Role.RESIDENT))
    return obj, {"commission member": member.person}


def offer(make_user) -> Built:
    from tests.grants.conftest import add_offer
    from tests.grants.factories import OrganisationFactory

    comp, extras = competition(make_user)
    representative = make_user(Role.RESIDENT)
    organisation = OrganisationFactory()
    organisation.representatives.add(representative)
    obj = add_offer(organisation, comp)
    return obj, {**extras, "representative of the offering organisation": representative}


def small_grant(make_user) -> Built:
    from grants.small_services import offer_small_grant
    from tests.consultations.factories import TaskAreaFactory
    from tests.grants.factories import OrganisationFactory

    representative = make_user(Role.RESIDENT)
    organisation = OrganisationFactory()
    organisation.representatives.add(representative)
    obj = offer_small_grant(
        by=representative,
        organisation=organisation,
        task_area=TaskAreaFactory(),
        title="Piknik sąsiedzki na Azorach",
        description="Jednodniowy piknik z warsztatami dla dzieci.",
        amount="8000.00",
        carried_out_from=date(2027, 5, 1),
        carried_out_to=date(2027, 6, 30),
    )
    return obj, {"representative of the offering organisation": representative}


def cooperation_report(make_user) -> Built:
    from grants.report_services import generate_report

    return generate_report(by=make_user(Role.COUNCIL_STAFF), year=2027), {}


def local_initiative(make_user) -> Built:
    from grants.initiative import InitiativeCriterion, InitiativeResolution
    from grants.initiative_services import apply_for_initiative
    from tests.consultations.factories import TaskAreaFactory

    resolution = InitiativeResolution.objects.create(
        number="LXX/1234/27", adopted_on=date(2027, 1, 20), min_score=50
    )
    InitiativeCriterion.objects.create(resolution=resolution, name="Celowość", weight=100)
    applicant = make_user(Role.RESIDENT)
    obj = apply_for_initiative(
        by=applicant,
        task_area=TaskAreaFactory(),
        group_name="Mieszkańcy ulicy Wiśniowej",
        title="Skwer przy Wiśniowej",
        description="Nasadzenia i ławki.",
        place="ul. Wiśniowa",
        carried_out_from=date(2027, 4, 1),
        carried_out_to=date(2027, 6, 30),
        work_value="3600.00",
        city_contribution="12000.00",
    )
    return obj, {"applicant": applicant}


REPRESENTATIVE = "representative of the offering organisation"


def grant_agreement(make_user) -> Built:
    """Drafted for an offer granted 18 000 zł of the 20 000 zł asked (its estimate not yet
    updated to the grant, so `sign` waits for the organisation)."""

    from grants.agreement_services import draft_agreement
    from tests.grants.agreement_fixtures import granted_offer
    from tests.grants.factories import OrganisationFactory

    staff, representative = make_user(Role.COUNCIL_STAFF), make_user(Role.RESIDENT)
    organisation = OrganisationFactory()
    organisation.representatives.add(representative)
    offer = granted_offer(organisation, staff=staff)
    obj = draft_agreement(by=staff, offer=offer, number="DS/1/2027")
    return obj, {REPRESENTATIVE: representative}


def _signed_agreement(make_user) -> Built:
    from grants.agreement_services import update_estimate
    from tests.grants.agreement_fixtures import UPDATED
    from workflows.services import advance

    agreement, extras = grant_agreement(make_user)
    update_estimate(by=extras[REPRESENTATIVE], agreement=agreement, cost_lines=UPDATED)
    agreement = advance(agreement, "sign", by=agreement.created_by, signed_on=date(2027, 8, 20))
    return agreement, extras


def agreement_change(make_user) -> Built:
    from grants.agreement_services import request_change

    agreement, extras = _signed_agreement(make_user)
    obj = request_change(
        by=extras[REPRESENTATIVE],
        agreement=agreement,
        justification="Sala dostępna dopiero od stycznia.",
        new_ends_on="2028-01-31",
        new_schedule="marzec 2027 – styczeń 2028",
    )
    return obj, extras


def task_report(make_user) -> Built:
    """The final report, a draft, on a signed agreement."""

    from grants.agreement_services import write_report
    from tests.grants.agreement_fixtures import report_body

    agreement, extras = _signed_agreement(make_user)
    body = report_body(agreement)
    obj = write_report(by=extras[REPRESENTATIVE], agreement=agreement, **body)
    return obj, extras


def agreement_in(state: str):
    """A report's decision moves its agreement: the agreement waits in `state` for it."""

    def prepare(report, extras):
        type(report.agreement).objects.filter(pk=report.agreement_id).update(state=state)
        return {}

    return prepare


BUILDERS: dict[str, Callable] = {
    "edition": edition,
    "proposal": proposal,
    "programme": programme,
    "implementation_report": implementation_report,
    "meeting": meeting,
    "chapter_suggestion": chapter_suggestion,
    "petition": petition,
    "opinion": opinion,
    "district_consultation": district_consultation,
    "competition": competition,
    "offer": offer,
    "small_grant": small_grant,
    "cooperation_report": cooperation_report,
    "local_initiative": local_initiative,
    "grant_agreement": grant_agreement,
    "agreement_change": agreement_change,
    "task_report": task_report,
}
