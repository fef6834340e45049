"""Demo competitions: one open for offers, one decided with its results published; a small
grant open for comments with a remark; local initiatives (one agreed, one waiting for its
assessment); the draft 31 May report on the year of their tasks; two operational programmes
the competitions belong to.

Runs after the accounts and consultations demos (INSTALLED_APPS order), through the real
services and the engine. The decided one was announced in the past: it is published with a
deadline 22 days ahead, offered for, and then its deadline is moved into the past (the
history written as data) so that the engine may close it. Idempotent: found by title.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consultations.models import Programme, TaskArea
from workflows.accounts.models import Organisation, User
from workflows.deadlines import set_deadline
from workflows.services import SYSTEM, advance

from . import (
    initiative_services,
    operational_services,
    report_services,
    services,
    small_services,
)
from .initiative import InitiativeCriterion, InitiativeResolution, LocalInitiative
from .models import Competition, CooperationReport, OperationalProgramme, SmallGrant

OPEN = "Aktywizacja społeczna seniorów w dzielnicach Krakowa w 2027 roku"
DECIDED = "Edukacja ekologiczna dzieci i młodzieży w 2027 roku"
SMALL = "Sąsiedzki piknik ekologiczny na Azorach"
REPORT_YEAR = 2027  # the year the demo's tasks are carried out
INITIATIVE = "Skwer sąsiedzki przy ulicy Wiśniowej"
INITIATIVE_NEW = "Mural na ścianie przychodni na Azorach"
RESOLUTION = "LXX/1234/26"
# The council's criteria of local initiative (art. 19e), weights in percent.
INITIATIVE_CRITERIA = [
    ("Zaangażowanie mieszkańców w realizację zadania", 40, 10),
    ("Celowość zadania i jego znaczenie dla społeczności lokalnej", 40, 10),
    ("Wysokość wkładu własnego mieszkańców", 20, 5),
]
# Name, coordinator, team, the index of the task area grouped (first, last).
OPERATIONAL = [
    ("Aktywni seniorzy", "koordynator", ["urzednik"], 0),
    ("Ekologia i sąsiedztwo", "urzednik", ["koordynator", "czlonek"], -1),
]
CRITERIA = [
    {"name": "Jakość merytoryczna i rezultaty zadania", "weight": 50, "max_points": 10},
    {"name": "Kalkulacja kosztów i wkład własny", "weight": 30, "max_points": 5},
    {"name": "Doświadczenie i zasoby oferenta", "weight": 20, "max_points": 5},
]


# When the demo competitions' tasks are carried out (their offers ask for all of it).
TASK_PERIOD = (date(2027, 3, 1), date(2027, 12, 15))


def _operational(staff, areas) -> list[OperationalProgramme]:
    """Two operational programmes (the way Gdańsk groups its programme's tasks), each with
    a coordinator and a team; the Kraków demo's competitions belong to them."""

    made = []
    for name, coordinator, team, area in OPERATIONAL:
        found = OperationalProgramme.objects.filter(name=name).first()
        if found is None and User.objects.filter(username=coordinator).exists():
            found = operational_services.create_operational_programme(
                by=staff,
                name=name,
                coordinator=coordinator,
                team=[u for u in team if User.objects.filter(username=u).exists()],
                task_areas=[areas[area]],
            )
        made.append(found)
    return made


def _draft(
    staff,
    title: str,
    area: TaskArea,
    funds: str,
    operational=None,
    period=TASK_PERIOD,
    several: bool = False,
) -> Competition:
    return services.draft_competition(
        by=staff,
        operational_programme=operational,
        task_area=area,
        programme=Programme.objects.order_by("-year_from").first(),
        title=title,
        form="supporting",
        funds=Decimal(funds),
        rules="Dotacja do 90% kosztów zadania; koszty administracyjne do 10% dotacji.",
        carried_out_from=period[0],
        carried_out_to=period[1],
        offers_deadline=timezone.now() + timedelta(days=30),
        several_offers_allowed=several,
        min_grant=Decimal("5000"),
        max_grant=Decimal("40000"),
        own_contribution_percent=Decimal("10"),
        criteria=CRITERIA,
    )


def _offer(competition, organisation, title: str, grant: str, own: str, period=TASK_PERIOD):
    offer = services.start_offer(
        by=organisation.representatives.order_by("pk").first(),
        competition=competition,
        organisation=organisation,
        title=title,
        description="Zajęcia w szkołach i domach kultury w pięciu dzielnicach.",
        schedule="marzec–grudzień 2027: nabór uczestników, zajęcia, podsumowanie.",
        resources="Dwóch edukatorów, sala i sprzęt organizacji.",
        starts_on=period[0],
        ends_on=period[1],
        cost_lines=[
            {
                "name": "Wynagrodzenie edukatorów",
                "quantity": "100",
                "unit_cost": str((Decimal(grant) + Decimal(own)) / 100),
                "from_grant": grant,
                "from_own": own,
            }
        ],
    )
    advance(offer, "submit", by=offer.created_by)
    return offer


def _close_and_score(staff, competition, offers, members, sheets) -> None:
    """Announced in the past: closed, formally checked, scored by the commission with
    `sheets[i]` the points every member gives offer i (shared by the agreements' demo)."""

    Competition.objects.filter(pk=competition.pk).update(
        published_at=timezone.now() - timedelta(days=45),
        offers_deadline=timezone.now() - timedelta(days=20),
    )
    competition.refresh_from_db()
    set_deadline(competition, "close_offers", competition.offers_deadline)
    advance(competition, "close_offers", by=SYSTEM, reason="Termin składania ofert")
    for offer in offers:
        advance(offer, "accept_formally", by=staff)
    criteria = list(competition.criteria.all())
    for person in members:
        services.appoint_member(by=staff, competition=competition, person=person)
        services.sign_declaration(by=person, competition=competition)
        for index, offer in enumerate(offers):
            if offer.organisation.representatives.filter(pk=person.pk).exists():
                continue  # excluded from the offers of an organisation they represent
            points = {c.pk: p for c, p in zip(criteria, sheets[index], strict=True)}
            services.score_offer(by=person, offer=offer, points=points)
    advance(competition, "score", by=staff)


def _decide(staff, competition, offers, members) -> None:
    _close_and_score(staff, competition, offers, members, {0: [9, 4, 5], 1: [6, 3, 3]})
    advance(offers[0], "grant", by=staff, amount="25000")
    advance(
        offers[1],
        "refuse_grant",
        by=staff,
        reason="Za mało punktów wobec środków konkursu (próg 70 pkt).",
    )
    advance(competition, "publish_results", by=staff)


def _apply(resident, area, title: str, city: str):
    return initiative_services.apply_for_initiative(
        by=resident,
        task_area=area,
        group_name="Mieszkańcy osiedla Azory",
        title=title,
        description="Mieszkańcy przygotują teren i zadbają o niego; miasto kupi materiały.",
        place="Osiedle Azory, Kraków",
        carried_out_from=date(2027, 4, 1),
        carried_out_to=date(2027, 6, 30),
        work_hours=160,
        work_value="4800.00",
        in_kind_value="1200.00",
        money_value="500.00",
        city_contribution=city,
    )


def _initiatives(staff, areas) -> None:
    """One application agreed (assessed 8/9/4 of 10/10/5: 32 + 36 + 16 = 84 points), one
    waiting for the city's assessment."""

    resident = User.objects.filter(username="mieszkaniec").first()
    if resident is None:
        return
    resolution, created = InitiativeResolution.objects.get_or_create(
        number=RESOLUTION, defaults={"adopted_on": date(2026, 2, 11), "min_score": 60}
    )
    if created:
        InitiativeCriterion.objects.bulk_create(
            InitiativeCriterion(resolution=resolution, name=n, weight=w, max_points=p)
            for n, w, p in INITIATIVE_CRITERIA
        )
    if not LocalInitiative.objects.filter(title=INITIATIVE).exists():
        agreed = _apply(resident, areas[-1], INITIATIVE, "15000.00")
        criteria = list(resolution.criteria.all())
        points = {c.pk: p for c, p in zip(criteria, [8, 9, 4], strict=True)}
        initiative_services.assess_initiative(by=staff, initiative=agreed, points=points)
        advance(agreed, "assess", by=staff)
        advance(agreed, "accept", by=staff)
        advance(agreed, "sign_agreement", by=staff, agreement_number="IL/3/2027")
    if not LocalInitiative.objects.filter(title=INITIATIVE_NEW).exists():
        _apply(resident, areas[0], INITIATIVE_NEW, "8000.00")


@transaction.atomic
def load(stdout) -> None:
    staff = User.objects.filter(username="urzednik").first()
    organisations = list(Organisation.objects.filter(representatives__isnull=False).distinct())
    areas = list(TaskArea.objects.order_by("number"))
    if staff is None or len(organisations) < 2 or not areas:
        return
    first, second = organisations[0], organisations[1]
    seniors, ecology = _operational(staff, areas)
    if not Competition.objects.filter(title=OPEN).exists():
        competition = _draft(staff, OPEN, areas[0], "150000", seniors)
        advance(competition, "publish", by=staff)
        _offer(competition, first, "Kluby seniora w Nowej Hucie", "30000", "4000")
    if not Competition.objects.filter(title=DECIDED).exists():
        competition = _draft(staff, DECIDED, areas[-1], "60000", ecology)
        advance(competition, "publish", by=staff)
        offers = [
            _offer(competition, first, "Zielone lekcje w szkołach", "30000", "5000"),
            _offer(competition, second, "Ogrody szkolne Nowej Huty", "20000", "3000"),
        ]
        members = User.objects.filter(username__in=["koordynator", "mieszkaniec2", "czlonek"])
        _decide(staff, competition, offers, list(members))
    from . import agreement_demo  # it builds on this module's competitions

    agreement_demo.load(staff, organisations, areas)
    if not SmallGrant.objects.filter(title=SMALL).exists():
        small = small_services.offer_small_grant(
            by=second.representatives.order_by("pk").first(),
            organisation=second,
            task_area=areas[-1],
            title=SMALL,
            description="Piknik z warsztatami recyklingu dla mieszkańców osiedla.",
            amount=Decimal("6500"),
            carried_out_from=date(2027, 5, 1),
            carried_out_to=date(2027, 6, 30),
        )
        advance(small, "publish", by=staff)  # open for 7 days of comments
        small_services.comment(
            by=staff,
            grant=small,
            text="Proszę o zapewnienie dostępu dla osób z niepełnosprawnościami.",
            sender="Rada Osiedla Azory (pismo z 2 grudnia)",
        )
    _initiatives(staff, areas)
    if not CooperationReport.objects.filter(year=REPORT_YEAR).exists():
        report = report_services.generate_report(by=staff, year=REPORT_YEAR)
        report_services.comment_section(
            by=staff,
            report=report,
            section="competitions",
            text="Konkurs na edukację ekologiczną rozstrzygnięto; jedna oferta poniżej progu.",
        )
    stdout.write(
        f"Grants: {Competition.objects.count()} open competitions of offers "
        "(one taking offers, one with results), a small grant open for comments: /male-granty/; "
        "local initiatives (one agreed, one waiting): /inicjatywa-lokalna/; "
        "two operational programmes: /programy-operacyjne/; "
        "grant agreements in every stage: /umowy/; "
        f"the draft 31 May report for {REPORT_YEAR}: /sprawozdania-z-programu/{REPORT_YEAR}/"
    )
