"""Builders of consultation data for tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from consultations.models import Chapter, Programme, SectorTeam, StrategyGoal, TaskArea
from consultations.services.chapters import create_version, publish_version
from workflows.accounts.models import Organisation


class SectorTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectorTeam

    name = factory.Sequence(lambda n: f"Zespół sektorowy {n}")
    slug = factory.Sequence(lambda n: f"zespol-{n}")


class TaskAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskArea
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"obszar {n + 1}")


class StrategyGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyGoal
        django_get_or_create = ("code",)

    code = "V.2"
    title = "Silny sektor organizacji społecznych (pozarządowych)"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Program współpracy na 2027 rok ({n})")
    year_from = 2027
    year_to = 2027
    # Every section of art. 5a ust. 4 filled: a programme the council may receive.
    main_goal = "Budowanie partnerstwa pomiędzy Gminą a organizacjami pozarządowymi."
    specific_goals = factory.LazyFunction(lambda: ["Wzmocnienie potencjału organizacji."])
    principles = "Pomocniczość, suwerenność stron, partnerstwo, efektywność, jawność."
    scope = "Zadania publiczne określone w art. 4 ustawy."
    forms_of_cooperation = factory.LazyFunction(lambda: ["open_competition"])
    implementation_method = "Otwarte konkursy ofert i małe granty."
    planned_funds = 1_000_000
    evaluation_method = "Wskaźniki w sprawozdaniu z realizacji programu."
    creation_info = "Projekt przygotowały zespoły sektorowe; konsultacje trwały 14 dni."
    committees_rules = "Komisje konkursowe powołuje Prezydent Miasta."

    @factory.post_generation
    def priority_task_areas(obj, create, extracted, **kwargs):
        if create:
            obj.priority_task_areas.set(extracted or [TaskAreaFactory(number=1)])

    @factory.post_generation
    def coordinating_team(obj, create, extracted, **kwargs):
        from consultations.models import CoordinatingTeam

        CoordinatingTeam.objects.create(programme=obj)


class ChapterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chapter

    programme = factory.SubFactory(ProgrammeFactory)
    sector_team = factory.SubFactory(SectorTeamFactory)
    title = factory.LazyAttribute(lambda c: c.sector_team.name)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Fundacja Testowa {n}")
    krs = factory.Sequence(lambda n: f"{n + 1:010d}")


BLOCKS = [
    {"kind": "text", "text": "Wstęp do rozdziału."},
    {"kind": "strength", "text": "Duża liczba aktywnych organizacji."},
    {"kind": "weakness", "text": "Niestabilne finansowanie."},
    {"kind": "goal", "text": "Wzmocnienie sektora pozarządowego."},
    {
        "kind": "action",
        "text": "Małe granty dla młodych organizacji.",
        "responsible_unit": "Wydział Polityki Społecznej",
        "indicator": "liczba udzielonych grantów",
        "budget_estimate": "50000.00",
    },
]


def published_chapter(programme=None, blocks=None) -> Chapter:
    chapter = ChapterFactory(**({"programme": programme} if programme else {}))
    version = create_version(by=setup_staff(), chapter=chapter, blocks=blocks or BLOCKS)
    publish_version(by=setup_staff(), version=version)
    return chapter


def setup_staff():
    """A council staff user for setting up data."""

    from workflows.accounts.models import Role, User
    from workflows.accounts.roles import grant_role

    user, created = User.objects.get_or_create(username="setup-staff")
    if created:
        grant_role(user, Role.COUNCIL_STAFF)
    return user


def force_state(programme: Programme, state: str, **fields) -> Programme:
    """Put a programme straight into a state (arranging a test, not exercising the flow)."""

    now = timezone.now()
    fields.setdefault("comments_open_at", now - timedelta(days=3))
    fields.setdefault("comments_close_at", now + timedelta(days=11))
    Programme.objects.filter(pk=programme.pk).update(state=state, **fields)
    programme.refresh_from_db()
    return programme
