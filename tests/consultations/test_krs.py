"""The KRS number of an organisation beside its name on public comments and in the report."""

import csv
import io

import pytest

from consultations.services.comments import submit_comment
from tests.consultations.factories import OrganisationFactory, force_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def krs_comment(open_programme, representative, organisation, resident):
    organisation.krs = "0000123456"
    organisation.save()
    submit_comment(
        by=representative,
        programme=open_programme,
        kind="general",
        justification="Prosimy o dłuższe terminy.",
        organisation=organisation,
    )
    submit_comment(by=resident, programme=open_programme, kind="general", justification="Dobrze.")
    return open_programme


def test_published_comment_shows_the_organisations_krs(client, krs_comment):
    page = client.get(f"/konsultacje/{krs_comment.pk}/").content.decode()
    assert "Fundacja Wspólny Kraków" in page
    assert "KRS 0000123456" in page
    assert page.count("KRS ") == 1  # the resident's comment has none


def test_report_page_and_csv_show_the_krs(client, krs_comment):
    programme = force_state(krs_comment, "report_published")
    page = client.get(f"/konsultacje/{programme.pk}/raport/").content.decode()
    assert "KRS 0000123456" in page
    text = client.get(f"/konsultacje/{programme.pk}/raport.csv").content.decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][1:3] == ["autor", "KRS"]
    assert [r[1:3] for r in rows[1:]] == [
        ["Fundacja Wspólny Kraków", "0000123456"],
        ["mieszkaniec", ""],
    ]


def test_api_gives_the_krs_apart_from_the_name(api, krs_comment):
    body = api.get(f"/api/v1/consultations/programmes/{krs_comment.pk}/comments/").json()
    assert [(c["author"], c["author_krs"]) for c in body["results"]] == [
        ("Fundacja Wspólny Kraków", "0000123456"),
        ("mieszkaniec", ""),
    ]


def test_live_comment_event_carries_the_krs(krs_comment):
    from workflows.models import LiveEvent

    created = LiveEvent.objects.filter(type="comment.created").order_by("seq")
    assert [e.payload["comment"]["author_krs"] for e in created] == ["0000123456", ""]


def test_organisation_without_krs_shows_only_its_name(client, open_programme, make_user):
    club = OrganisationFactory(name="Klub Sportowy Wisła", krs=None, register="ewidencja UKS 12")
    user = make_user(username="club-rep")
    club.representatives.add(user)
    submit_comment(
        by=user, programme=open_programme, kind="general", justification="x", organisation=club
    )
    page = client.get(f"/konsultacje/{open_programme.pk}/").content.decode()
    assert "Klub Sportowy Wisła" in page and "KRS" not in page
