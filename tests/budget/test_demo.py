import io

import pytest
from django.utils import timezone

from budget import demo
from budget.models import Ballot, CityUnit, Edition, Proposal

pytestmark = pytest.mark.django_db


def test_demo_edition_is_in_voting_with_about_sixty_proposals_and_is_idempotent():
    demo.load(io.StringIO())
    edition = Edition.objects.get(year=timezone.localdate().year + 1)
    assert edition.state == "voting"
    assert 55 <= Proposal.objects.filter(edition=edition).count() <= 70
    assert edition.pools.filter(district__isnull=False).count() >= 5
    assert Ballot.objects.filter(edition=edition).count() == 40
    assert (
        CityUnit.objects.get(name="Zarząd Zieleni Miejskiej")
        .members.filter(username="weryfikator")
        .exists()
    )
    counts = (Edition.objects.count(), Proposal.objects.count(), Ballot.objects.count())
    out = io.StringIO()
    demo.load(out)
    assert (Edition.objects.count(), Proposal.objects.count(), Ballot.objects.count()) == counts
    assert "nothing added" in out.getvalue()


def test_demo_voting_page_works(client):
    demo.load(io.StringIO())
    year = timezone.localdate().year + 1
    page = client.get(f"/budzet/{year}/glosuj/").content.decode()
    assert "Zielone przystanki" in page
