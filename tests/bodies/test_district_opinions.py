"""District councils' opinions on the civic-budget projects of their district, where the
edition's rules give them that role: asked by staff, adopted by the council, shown to the
verifiers in their queue and on the project's public page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bodies import services
from bodies.models import BodyKind, OpinionRequest, OpinionState
from budget.models import Proposal, ProposalState
from tests.bodies.factories import BodyFactory, MembershipFactory
from tests.budget.factories import DistrictFactory, PoolFactory, ProposalFactory, UnitFactory
from workflows.accounts.models import Role
from workflows.errors import Conflict, NotPermitted
from workflows.services import advance

pytestmark = pytest.mark.django_db


def due():
    return timezone.localdate() + timedelta(days=10)


@pytest.fixture
def district(db):
    return DistrictFactory(name="Podgórze Duchackie", roman="XI")


@pytest.fixture
def council(district, make_user):
    body = BodyFactory(
        kind=BodyKind.DISTRICT_COUNCIL,
        name="Rada Dzielnicy XI Podgórze Duchackie",
        district=district,
    )
    chair = make_user(Role.RESIDENT, username="council-chair")
    MembershipFactory(body=body, person=chair, role="chair")
    body.chair = chair
    return body


@pytest.fixture
def edition_with(district, make_user):
    from tests.budget.conftest import make_edition

    def build(*, role=True, state="verification"):
        edition, citywide, _other_district = make_edition(state, district_council_opinions=role)
        local = PoolFactory(edition=edition, district=district, name="Pula dzielnicy XI")
        unit = UnitFactory()
        author = make_user(Role.RESIDENT)
        passed = ProposalFactory(
            pool=local,
            author=author,
            unit=unit,
            title="Ławki na Woli Duchackiej",
            state=ProposalState.FORMALLY_PASSED,
        )
        rejected = ProposalState.REJECTED
        ProposalFactory(pool=local, author=author, title="Projekt odrzucony", state=rejected)
        ProposalFactory(pool=citywide, author=author, title="Ogólnomiejski", state="submitted")
        edition.passed, edition.unit, edition.author = passed, unit, author
        return edition

    return build


def test_staff_ask_each_council_about_its_district_s_projects(staff, council, edition_with):
    edition = edition_with()
    assert services.request_district_opinions(by=staff, edition=edition, due_on=due()) == 1
    opinion = OpinionRequest.objects.get()
    assert opinion.body == council and opinion.target == edition.passed
    # Asked once: a second request adds nothing.
    assert services.request_district_opinions(by=staff, edition=edition, due_on=due()) == 0


def test_a_resident_may_not_ask_the_councils(council, edition_with, make_user):
    with pytest.raises(NotPermitted):
        services.request_district_opinions(
            by=make_user(Role.RESIDENT), edition=edition_with(), due_on=due()
        )


def test_without_the_role_in_the_edition_s_rules_nobody_is_asked(staff, council, edition_with):
    edition = edition_with(role=False)
    with pytest.raises(Conflict, match="nie dają radom dzielnic"):
        services.request_district_opinions(by=staff, edition=edition, due_on=due())
    with pytest.raises(Conflict, match="nie dają radom dzielnic"):
        services.request_opinion(
            by=staff, body=council, target=edition.passed, subject="Opinia", due_on=due()
        )


def test_councils_are_asked_while_projects_are_verified_only(staff, council, edition_with):
    edition = edition_with(state="voting")
    with pytest.raises(Conflict, match="zgłaszane i weryfikowane"):
        services.request_district_opinions(by=staff, edition=edition, due_on=due())


def test_a_council_gives_opinions_on_its_own_district_only(staff, council, edition_with):
    edition = edition_with()
    other = BodyFactory(
        kind=BodyKind.DISTRICT_COUNCIL, name="Rada Dzielnicy I", district=DistrictFactory()
    )
    with pytest.raises(Conflict, match="swojej dzielnicy"):
        services.request_opinion(
            by=staff, body=other, target=edition.passed, subject="Opinia", due_on=due()
        )


def test_a_project_past_verification_is_not_asked_about(staff, council, edition_with):
    edition = edition_with()
    rejected = Proposal.objects.get(edition=edition, state=ProposalState.REJECTED)
    with pytest.raises(Conflict, match="w czasie ich weryfikacji"):
        services.request_opinion(
            by=staff, body=council, target=rejected, subject="Opinia", due_on=due()
        )


def test_a_council_out_of_term_is_not_asked(staff, council, edition_with):
    council.term_start, council.term_end = date(2019, 1, 1), date(2023, 12, 31)
    council.save()
    assert services.request_district_opinions(by=staff, edition=edition_with(), due_on=due()) == 0


def adopt(opinion, chair):
    advance(
        opinion,
        "adopt",
        by=chair,
        text="Rada opiniuje projekt pozytywnie: ławki są potrzebne przy przystanku.",
        stance="positive",
        procedure="meeting",
        adopted_on=timezone.localdate(),
        present=[chair.pk],
        votes={chair.pk: "for"},
    )


def test_verifiers_see_the_council_s_opinion_in_their_queue(
    client, staff, council, edition_with, verifier, django_assert_max_num_queries
):
    edition = edition_with()
    edition.unit.members.add(verifier)
    for _ in range(3):
        ProposalFactory(
            pool=edition.passed.pool,
            author=edition.author,
            unit=edition.unit,
            state=ProposalState.FORMALLY_PASSED,
        )
    services.request_district_opinions(by=staff, edition=edition, due_on=due())
    adopt(OpinionRequest.objects.get(object_id=edition.passed.pk), council.chair)
    client.force_login(verifier)
    with django_assert_max_num_queries(14):
        page = client.get("/budzet/weryfikacja/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count(council.name) == 4
    assert "pozytywna" in html and html.count("oczekuje na opinię") == 3


def test_the_project_page_shows_the_council_s_opinion(client, staff, council, edition_with):
    edition = edition_with()
    services.request_district_opinions(by=staff, edition=edition, due_on=due())
    adopt(OpinionRequest.objects.get(), council.chair)
    html = client.get(f"/budzet/projekty/{edition.passed.pk}/").content.decode()
    assert council.name in html and "ławki są potrzebne przy przystanku" in html
    assert OpinionRequest.objects.get().state == OpinionState.ADOPTED


def test_staff_ask_from_the_edition_page(client, staff, council, edition_with):
    edition = edition_with()
    client.force_login(staff)
    page = client.get(f"/budzet/{edition.year}/").content.decode()
    assert "Poproś rady dzielnic o opinie o projektach" in page
    response = client.post(
        f"/organy/opinie-rad-dzielnic/{edition.pk}/", {"due_on": due().isoformat()}, follow=True
    )
    assert "Poproszono rady dzielnic o opinię o 1 projekcie." in response.content.decode()
    assert OpinionRequest.objects.filter(body=council).count() == 1


def test_a_resident_posting_the_form_is_403(client, council, edition_with, make_user):
    edition = edition_with()
    client.force_login(make_user(Role.RESIDENT))
    response = client.post(
        f"/organy/opinie-rad-dzielnic/{edition.pk}/", {"due_on": due().isoformat()}
    )
    assert response.status_code == 403
    assert not OpinionRequest.objects.exists()
