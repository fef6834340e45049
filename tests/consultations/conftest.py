import pytest

from tests.consultations.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    force_state,
    published_chapter,
)
from workflows.accounts.models import Role


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def chapter(programme):
    return published_chapter(programme)


@pytest.fixture
def open_programme(programme, chapter):
    """A programme in "comments open" with one published chapter, window around now."""

    return force_state(programme, "comments_open")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Fundacja Wspólny Kraków")


@pytest.fixture
def representative(make_user, organisation):
    user = make_user(Role.RESIDENT, Role.ORGANISATION_REP, username="rep")
    organisation.representatives.add(user)
    return user


@pytest.fixture
def member(make_user, chapter):
    user = make_user(Role.SECTOR_TEAM_MEMBER, username="member")
    chapter.sector_team.members.add(user)
    return user
