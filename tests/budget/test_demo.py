"""The civic-budget demo: an edition at every stage on any day it is loaded, consistent
money, sensible categories, the real path, idempotence."""

import io
from datetime import datetime

import pytest
import time_machine
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from budget import demo
from budget.demo.data import (
    APPEALS,
    COST_CHANGES,
    DISTRICT_CENTRES,
    DISTRICT_SPREAD,
    FORMAL_REJECTIONS,
    IMPLEMENTATION,
    LOCAL,
    PHOTOS,
)
from budget.demo.upcoming import PENDING_APPEAL
from budget.models import (
    Ballot,
    CityUnit,
    Edition,
    Implementation,
    ProjectPhoto,
    Proposal,
    SupportSignature,
    Verification,
)
from budget.results.models import ProjectResult, TallyRun
from districts.models import District
from workflows.accounts import demo as accounts_demo
from workflows.accounts.models import User
from workflows.audit import verify
from workflows.models import AuditEntry
from workflows.timeutil import city_tz

pytestmark = pytest.mark.django_db

# Through the year: winter, summer, the day before the 30 November deadline, December.
LOAD_DAYS = ["2026-01-15", "2026-07-01", "2026-11-29", "2026-12-07"]


def _load():
    accounts_demo.load(io.StringIO())  # the people load_demo makes before the budget
    demo.load(io.StringIO())


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module, in a transaction rolled back at its end; each
    test runs in a savepoint inside it (loading takes seconds)."""

    media = tmp_path_factory.mktemp("media")  # the photos of the works
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        _load()
        yield timezone.localdate().year
        transaction.set_rollback(True)


@pytest.fixture
def loaded(_demo_once, db):
    return _demo_once


def _on(day: str):
    return time_machine.travel(datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=city_tz()))


@pytest.mark.parametrize("day", LOAD_DAYS)
def test_every_stage_has_an_edition_on_any_load_day(day, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with _on(day):
        _load()
        year = timezone.localdate().year
        states = dict(Edition.objects.values_list("year", "state"))
        assert states == {
            year: "results_published",
            year + 1: "voting",
            year + 2: "appeals",
            year + 3: "submission",
        }
        # Each stage has something to do in it now.
        edition = Edition.objects.get(year=year + 3)
        assert Proposal.objects.filter(edition=edition, state="submitted").exists()
        assert Proposal.objects.filter(edition=edition, state="draft").exists()
        assert Proposal.objects.filter(edition=edition, state="formally_passed").exists()
        edition = Edition.objects.get(year=year + 2)
        assert Proposal.objects.get(edition=edition, title=PENDING_APPEAL[0]).state == "appealed"
        assert Proposal.objects.filter(edition=edition, state="rejected").exists()
        for edition in Edition.objects.all():
            phase = (
                edition.phases.get(kind=edition.state)
                if edition.state != "results_published"
                else None
            )
            if phase:
                assert phase.opens_at <= timezone.now() < phase.closes_at, edition.state
        assert Ballot.objects.filter(edition__year=year + 1).count() == 40
        assert Implementation.objects.filter(proposal__edition__year=year).count() == len(
            IMPLEMENTATION
        )
    assert verify() == []


def test_every_edition_amount_is_the_sum_of_its_pools(loaded):
    for edition in Edition.objects.all():
        pools = edition.pools.aggregate(total=Sum("amount"))["total"]
        assert edition.total_amount == pools, edition.title
        for pool in edition.pools.all():
            assert pool.max_project_cost <= pool.amount
            costs = pool.proposals.values_list("estimated_cost", flat=True)
            assert all(cost <= pool.max_project_cost for cost in costs), pool.name


def test_editions_ahead_have_a_pool_for_each_of_the_18_districts(loaded):
    for edition in Edition.objects.filter(year__gt=loaded):
        districts = edition.pools.filter(district__isnull=False)
        assert districts.count() == 18 == District.objects.filter(city=edition.city).count()
        # A district's pool grows with its residents.
        big = districts.get(district__number=4)  # Prądnik Biały, the most populous
        small = districts.get(district__number=9)
        assert big.amount > small.amount
        assert districts.get(district__number=13).population == 38000


def test_every_district_has_proposals_on_the_ballot(loaded):
    edition = Edition.objects.get(year=loaded + 1)
    for pool in edition.pools.filter(district__isnull=False):
        assert pool.proposals.filter(state="on_ballot").exists(), pool.name
    assert set(LOCAL) == set(range(1, 19))


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("Boisko do koszykówki na Płaszowie", "sport"),
        ("Kino letnie w Parku Dębnickim", "culture"),
        ("Chodnik wzdłuż ul. Jasnogórskiej", "roads"),
        ("Ogród deszczowy przy ul. Limanowskiego", "greenery"),
        ("Oświetlenie skweru Dietla", "safety"),
    ],
)
def test_demo_proposals_are_filed_under_their_own_category(loaded, title, category):
    assert Proposal.objects.get(title=title).category == category


def _rows():
    models = (Edition, Proposal, Ballot, Verification, SupportSignature, Implementation)
    return [m.objects.count() for m in (*models, ProjectPhoto, TallyRun, AuditEntry, User)]


def test_loading_twice_adds_nothing(loaded):
    rows = _rows()
    out = io.StringIO()
    demo.load(out)
    assert _rows() == rows
    assert out.getvalue().count("nothing added") == 4
    assert verify() == []


def test_demo_voting_page_works(client, loaded):
    page = client.get(f"/budzet/{loaded + 1}/glosuj/").content.decode()
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
    # The timeline names roles (the office, the unit); the assessment is signed by its author.
    assert "urząd miasta" in page and "jednostka weryfikująca: " in page
    assert "Marek Urzędniczy" not in page and "Zofia Weryfikująca" in page


def test_demo_appeals_are_decided_one_upheld_one_dismissed(client, loaded):
    states = {}
    for title, (justification, _upheld, decision) in APPEALS.items():
        proposal, page = _page(client, title)
        assert justification in page and decision in page
        states[title] = proposal.state
    assert sorted(states.values()) == ["appeal_dismissed", "on_ballot"]


def test_the_pending_appeal_waits_for_council_staff(client, loaded):
    title, reasons = PENDING_APPEAL
    proposal, page = _page(client, title)
    assert proposal.state == "appealed" and reasons in page
    client.force_login(User.objects.get(username="urzednik"))
    page = client.get(reverse("budget:proposal", args=[proposal.pk])).content.decode()
    assert "Uwzględnij odwołanie" in page


def test_the_demo_verifier_has_proposals_waiting_in_their_units(loaded):
    waiting = Proposal.objects.filter(state="formally_passed", edition__year=loaded + 3)
    units = CityUnit.objects.filter(members__username="weryfikator")
    assert waiting.filter(unit__in=units).count() == 2


def test_demo_current_edition_is_counted_and_its_winners_are_the_projects_carried_out(
    client, loaded
):
    edition = Edition.objects.get(year=loaded)
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


def test_the_works_have_their_photos_small_and_described(loaded):
    photos = ProjectPhoto.objects.select_related("implementation__proposal")
    assert {p.implementation.proposal.title for p in photos} == set(PHOTOS)
    for photo in photos:
        assert photo.alt_text and photo.image.size < 60_000
    assert sum(len(files) for files in PHOTOS.values()) == photos.count()


def test_demo_proposals_have_a_point_in_their_own_district(loaded, settings):
    south, west, north, east = settings.MAP_BOUNDS
    proposals = Proposal.objects.select_related("pool__district")
    assert proposals.exists() and not proposals.filter(latitude__isnull=True).exists()
    for p in proposals.filter(pool__district__isnull=False):
        lat, lon = DISTRICT_CENTRES[p.pool.district.number]
        assert abs(float(p.latitude) - lat) <= DISTRICT_SPREAD[0], p.title
        assert abs(float(p.longitude) - lon) <= DISTRICT_SPREAD[1], p.title
    for p in proposals:
        assert south <= p.latitude <= north and west <= p.longitude <= east, p.title


def test_demo_winners_are_on_the_results_map(client, loaded):
    page = client.get(reverse("results:edition", args=[loaded])).content.decode()
    assert 'id="winners-map"' in page
    selected = ProjectResult.objects.filter(run__edition__year=loaded, selected=True).count()
    assert page.count('"lat": ') == selected
