"""The district page: its council with members and opinions, its civic-budget projects."""

import pytest

from bodies.models import BodyKind
from districts.models import City, District
from tests.bodies.factories import BodyFactory, MembershipFactory
from tests.budget.factories import EditionFactory, PoolFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(db):
    city, _ = City.objects.get_or_create(slug="krakow", defaults={"name": "Kraków"})
    return District.objects.create(
        city=city, number=99, roman="XCIX", name="Testowa", population=41000
    )


def test_the_page_shows_the_council_its_members_and_projects(client, make_user, district):
    council = BodyFactory(
        kind=BodyKind.DISTRICT_COUNCIL, name="Rada Dzielnicy XCIX Testowa", district=district
    )
    MembershipFactory(body=council, person=make_user(username="przewodniczaca"), role="chair")
    pool = PoolFactory(edition=EditionFactory(), district=district)
    ProposalFactory(pool=pool, author=make_user(), state="on_ballot", title="Skwer przy szkole")
    page = client.get(f"/dzielnice/{district.pk}/").content.decode()
    assert "Rada Dzielnicy XCIX Testowa" in page
    assert "przewodniczaca" in page and "Skwer przy szkole" in page
    assert "41" in page  # the population


def test_a_district_without_a_council_says_so(client, district):
    assert (
        "nie została jeszcze wpisana" in client.get(f"/dzielnice/{district.pk}/").content.decode()
    )


def test_an_unknown_district_is_404(client, district):
    assert client.get(f"/dzielnice/{district.pk + 1000}/").status_code == 404


def test_the_page_runs_a_constant_number_of_queries(
    client, make_user, district, django_assert_max_num_queries
):
    pool = PoolFactory(edition=EditionFactory(), district=district)
    ProposalFactory(pool=pool, author=make_user(), state="on_ballot")
    with django_assert_max_num_queries(12) as few:
        client.get(f"/dzielnice/{district.pk}/")
    for _ in range(15):
        ProposalFactory(pool=pool, author=make_user(), state="on_ballot")
    with django_assert_max_num_queries(len(few)):
        client.get(f"/dzielnice/{district.pk}/")


def test_the_council_s_meetings_and_opinions_are_read_in_constant_queries(
    client, make_user, district, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from bodies.models import OpinionRequest
    from consultations.meetings.models import Meeting
    from districts.models import District as DistrictModel

    council = BodyFactory(kind=BodyKind.DISTRICT_COUNCIL, district=district)
    chair = make_user()
    MembershipFactory(body=council, person=chair, role="chair")

    def grow(n):
        start = timezone.now()
        Meeting.objects.bulk_create(
            Meeting(
                body=council,
                title=f"Sesja rady nr {i}",
                starts_at=start + timedelta(days=i),
                ends_at=start + timedelta(days=i, hours=2),
                moderator=chair,
            )
            for i in range(n)
        )
        OpinionRequest.objects.bulk_create(
            OpinionRequest(
                body=council,
                content_type=ContentType.objects.get_for_model(DistrictModel),
                object_id=district.pk,
                subject=f"Opinia nr {i}",
                due_on=timezone.localdate() + timedelta(days=14),
                requested_by=chair,
            )
            for i in range(n)
        )

    grow(1)
    with django_assert_max_num_queries(16) as few:
        client.get(f"/dzielnice/{district.pk}/")
    grow(12)
    with django_assert_max_num_queries(len(few)):
        page = client.get(f"/dzielnice/{district.pk}/").content.decode()
    assert page.count("Sesja rady nr") == 13 and page.count("Opinia nr") == 13
