import io

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.models import Ballot, Edition, Proposal
from budget.results import demo
from budget.results.models import ResultAmendment, TallyRun

pytestmark = pytest.mark.django_db


def test_demo_past_edition_is_counted_published_and_idempotent(client):
    demo.load(io.StringIO())
    year = timezone.localdate().year - 1
    edition = Edition.objects.get(year=year)
    assert edition.state == "results_published"
    assert TallyRun.objects.get(edition=edition).seed == year
    assert Ballot.objects.filter(edition=edition).count() == 400
    assert Proposal.objects.filter(edition=edition, state="selected").exists()
    assert ResultAmendment.objects.filter(run__edition=edition).count() == 1
    assert not Proposal.objects.filter(edition=edition, state="on_ballot").exists()
    counts = (Edition.objects.count(), Ballot.objects.count(), TallyRun.objects.count())
    out = io.StringIO()
    demo.load(out)
    assert (Edition.objects.count(), Ballot.objects.count(), TallyRun.objects.count()) == counts
    assert "nothing added" in out.getvalue()
    page = client.get(reverse("results:edition", args=[year]))
    assert page.status_code == 200 and "Rowerowa pętla wokół Błoń" in page.content.decode()


def test_demo_past_edition_shows_one_amendment_once(client):
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    amendment = ResultAmendment.objects.get()
    assert amendment.change == "withdraw" and amendment.reason
    assert amendment.resolution_number.endswith("Rady Miasta Krakowa")
    assert amendment.moved_out == [amendment.proposal_id] and amendment.moved_in
    html = client.get(reverse("results:edition", args=[amendment.run.edition.year])).content
    assert amendment.resolution_number in html.decode()
