import io

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.models import Ballot, Edition, Proposal
from budget.results import demo
from budget.results.models import TallyRun

pytestmark = pytest.mark.django_db


def test_demo_past_edition_is_counted_published_and_idempotent(client):
    demo.load(io.StringIO())
    year = timezone.localdate().year - 1
    edition = Edition.objects.get(year=year)
    assert edition.state == "results_published"
    assert TallyRun.objects.get(edition=edition).seed == year
    assert Ballot.objects.filter(edition=edition).count() == 400
    assert Proposal.objects.filter(edition=edition, state="selected").exists()
    assert not Proposal.objects.filter(edition=edition, state="on_ballot").exists()
    counts = (Edition.objects.count(), Ballot.objects.count(), TallyRun.objects.count())
    out = io.StringIO()
    demo.load(out)
    assert (Edition.objects.count(), Ballot.objects.count(), TallyRun.objects.count()) == counts
    assert "nothing added" in out.getvalue()
    page = client.get(reverse("results:edition", args=[year]))
    assert page.status_code == 200 and "Rowerowa pętla wokół Błoń" in page.content.decode()
