from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.meetings import services
from consultations.models import SectorTeam
from workflows.accounts.models import Organisation, Role

AGENDA = [
    {"title": "Analiza SWOT", "section": "swot"},
    {"title": "Określenie celów współpracy", "section": "goals"},
    {"title": "Propozycje konkretnych działań", "section": "actions"},
]


@pytest.fixture
def moderator(make_user):
    return make_user(Role.MODERATOR, username="moderator", display_name="Tomasz Moderator")


@pytest.fixture
def member(make_user):
    return make_user(Role.SECTOR_TEAM_MEMBER, username="member", display_name="Maria Zespołowa")


@pytest.fixture
def expert(make_user):
    return make_user(username="expert", display_name="Ekspert Zaproszony")


@pytest.fixture
def org_rep(make_user):
    return make_user(Role.ORGANISATION_REP, username="orgrep", display_name="Ewa Społeczna")


@pytest.fixture
def observer(make_user):
    return make_user(Role.RESIDENT, username="observer", display_name="Anna Mieszkańska")


@pytest.fixture
def organisation(org_rep):
    org = Organisation.objects.create(name="Fundacja Wspólny Kraków", krs="0000123456")
    org.representatives.add(org_rep)
    return org


@pytest.fixture
def team(moderator, member):
    team = SectorTeam.objects.create(
        name="Zespół ds. aktywizacji grup zagrożonych wykluczeniem",
        slug="wykluczenie",
        moderator=moderator,
    )
    team.members.add(member)
    return team


@pytest.fixture
def meeting(team, moderator, expert, organisation):
    start = timezone.now() + timedelta(hours=1)
    return services.create_meeting(
        team=team,
        by=moderator,
        title="Spotkanie Zespołu Branżowego ds. Wykluczenia Społecznego",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Urząd Miasta Krakowa, sala 201",
        speaking_limit_seconds=120,
        agenda=AGENDA,
        invited=[expert],
        invited_organisations=[organisation],
    )


@pytest.fixture
def open_meeting(meeting, moderator):
    return services.open_meeting(meeting=meeting, by=moderator)


@pytest.fixture
def first_item(open_meeting):
    return open_meeting.items.get(position=1)


@pytest.fixture
def item_open(open_meeting, first_item, moderator):
    services.open_item(meeting=open_meeting, item_id=first_item.pk, by=moderator)
    return first_item


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
