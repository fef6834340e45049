import pytest

from tests.workflows.engine_app.models import Petition


@pytest.fixture
def owner(make_user):
    return make_user(username="owner")


@pytest.fixture
def petitions(owner):
    def make(n: int, **fields) -> list[Petition]:
        return [
            Petition.objects.create(
                title=f"Petycja {i}", owner=owner, signatures_needed=10, **fields
            )
            for i in range(n)
        ]

    return make
