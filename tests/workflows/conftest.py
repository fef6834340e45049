import pytest

from tests.workflows.engine_app.models import Petition


@pytest.fixture
def owner(make_user):
    return make_user(username="owner")


@pytest.fixture
def petition(owner):
    return Petition.objects.create(title="Ławki na Plantach", owner=owner, signatures_needed=10)
