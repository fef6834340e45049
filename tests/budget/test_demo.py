import io

import pytest
from django.urls import reverse
from django.utils import timezone

from budget import demo
from budget.demo.data import APPEALS, COST_CHANGES, FORMAL_REJECTIONS, IMPLEMENTATION
from budget.models import (
    Ballot,
    CityUnit,
    Edition,
    Implementation,
    Proposal,
    SupportSignature,
    Verification,
)
from budget.results.models import ProjectResult, TallyRun
from workflows.accounts import demo as accounts_demo
from workflows.accounts.models import User
from workflows.audit import verify
from workflows.models import TransitionLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    accounts_demo.load(io.StringIO())  # the people load_demo makes before the budget
    demo.load(io.StringIO())
    return timezone.localdate().year + 1


def _rows():
    models = (Edition, Proposal, Ballot, Verification, SupportSignature, Implementation)
    return [m.objects.count() for m in (*models, TallyRun, TransitionLog, User)]


def test_demo_edition_is_in_voting_with_about_sixty_proposals_and_is_idempotent(loaded):
    edition = Edition.objects.get(year=loaded)
    assert edition.state == "voting"
    assert 55 <= Proposal.objects.filter(edition=edition).count() <= 70
    assert edition.pools.filter(district__isnull=False).count() >= 5
    assert Ballot.objects.filter(edition=edition).count() == 40
    assert (
        CityUnit.objects.get(name="Zarząd Zieleni Miejskiej")
        .members.filter(username="weryfikator")
        .exists()
    )
    rows = _rows()
    out = io.StringIO()
    demo.load(out)
    assert _rows() == rows
    assert "nothing added" in out.getvalue()
    assert verify() == []


def test_demo_voting_page_works(client, loaded):
    page = client.get(f"/budzet/{loaded}/glosuj/").content.decode()
    assert "Zielone przystanki" in page


def _page(client, title):
    proposal = Proposal.objects.get(title=title)
    return proposal, client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()


def test_a_rejected_demo_proposal_shows_its_public_reason_to_residents(client, loaded):
    title, reason = next(iter(FORMAL_REJECTIONS.items()))
    proposal, page = _page(client, title)
    assert proposal.state == "rejected"
    assert reason in page
    assert "Odrzuć formalnie" in page


def test_an_on_ballot_demo_proposal_lists_its_verification_steps(client, loaded):
    title, (cost, why) = next(iter(COST_CHANGES.items()))
    proposal, page = _page(client, title)
    assert proposal.state == "on_ballot" and proposal.verified_cost == cost
    for step in (
        "Złóż projekt",
        "Ocena formalna pozytywna",
        "Ocena merytoryczna i kosztowa",
        "Dopuść do głosowania",
        "Umieść na karcie",
    ):
        assert step in page
    assert why in page
    assert "Marek Urzędniczy" in page and "Zofia Weryfikująca" in page


def test_demo_appeals_are_decided_one_upheld_one_dismissed(client, loaded):
    states = {}
    for title, (justification, _upheld, decision) in APPEALS.items():
        proposal, page = _page(client, title)
        assert justification in page and decision in page
        states[title] = proposal.state
    assert sorted(states.values()) == ["appeal_dismissed", "on_ballot"]


def test_demo_current_edition_is_counted_and_its_winners_are_the_projects_carried_out(
    client, loaded
):
    edition = Edition.objects.get(year=loaded - 1)
    assert edition.state == "results_published"
    run = TallyRun.objects.get(edition=edition)
    assert run.ballots == Ballot.objects.filter(edition=edition).count() > 0
    winners = set(
        ProjectResult.objects.filter(run=run, selected=True).values_list(
            "proposal__title", flat=True
        )
    )
    tracked = set(
        Implementation.objects.filter(proposal__edition=edition).values_list(
            "proposal__title", flat=True
        )
    )
    assert winners == tracked == set(IMPLEMENTATION)
    assert ProjectResult.objects.filter(run=run, selected=False).exists()
    states = dict(Proposal.objects.filter(edition=edition).values_list("title", "state"))
    assert {t: states[t] for t in IMPLEMENTATION} == {t: s for t, (s, *_) in IMPLEMENTATION.items()}
    page = client.get(reverse("results:edition", args=[edition.year]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Zielony Rynek Dębnicki" in html and "Kładka pieszo-rowerowa nad Rudawą" in html
