"""Responses with the values fuzzing rarely reaches (a null, a file, a page of a list) conform
to the served OpenAPI schema: each is fetched in-process and checked by schemathesis."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from rest_framework.authtoken.models import Token
from schemathesis import checks

from budget.models import Implementation, ProjectPhoto
from consultations.models import Answer, Comment
from tests.budget.factories import (
    CityFactory,
    DistrictFactory,
    EditionFactory,
    PoolFactory,
    ProposalFactory,
    UnitFactory,
)
from tests.consultations.factories import ProgrammeFactory
from workflows.accounts.models import Role
from workflows.services import SYSTEM, advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def fetch(schema, make_user):
    """GET an operation as an administrator; fail unless the response conforms."""

    token = Token.objects.create(user=make_user(Role.ADMINISTRATOR, *Role))

    def get(path: str, query: dict | None = None, **path_parameters):
        case = schema[path]["GET"].Case(path_parameters=path_parameters or None, query=query)
        response = case.call(headers={"Authorization": f"Token {token.key}"})
        assert response.status_code == 200, response.text
        case.validate_response(response, checks=[checks.response_schema_conformance])
        return response.json()

    return get


def declared(schema, component: str) -> dict:
    """The properties the served schema declares for a component (a response may not hide
    a field the schema leaves out: extra properties would pass validation)."""

    return schema.raw_schema["components"]["schemas"][component]["properties"]


def png() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="skwer.png")


@pytest.fixture
def edition(make_user):
    """A citywide and a district pool; proposals with and without a unit, one being built."""

    author = make_user()
    edition = EditionFactory(state="voting")
    city = PoolFactory(edition=edition)
    district = PoolFactory(edition=edition, district=DistrictFactory(), name="Pula dzielnicowa")
    ProposalFactory(pool=city, author=author, state="on_ballot")
    ProposalFactory(pool=district, author=author, state="on_ballot", unit=UnitFactory())
    ProposalFactory(pool=city, author=author, state="selected")
    built = ProposalFactory(pool=district, author=author, state="in_implementation")
    implementation = Implementation.objects.create(proposal=built, unit=UnitFactory())
    ProjectPhoto.objects.create(
        implementation=implementation, image=png(), alt_text="Skwer", by=author
    )
    return edition


def test_edition_pools_citywide_and_district_conform(fetch, edition):
    pools = fetch("/api/v1/budget/editions/{id}/", id=edition.pk)["pools"]
    assert sorted(p["district_name"] is None for p in pools) == [False, True]


def test_ballot_costs_are_decimal_strings_like_every_amount(fetch, edition):
    ballot = fetch("/api/v1/budget/editions/{id}/ballot/", id=edition.pk)
    assert {p["cost"] for pool in ballot for p in pool["projects"]} == {"200000.00"}


def test_proposal_lists_are_pages(fetch, edition):
    page = fetch("/api/v1/budget/proposals/", {"edition": edition.pk, "limit": 1})
    assert page["count"] == 4 and len(page["results"]) == 1 and page["next"]
    assert fetch("/api/v1/budget/verification-queue/")["count"] == 0


def test_proposal_without_unit_or_correction_deadline_conforms(fetch, edition):
    proposal = edition.proposals.get(unit=None, state="on_ballot")
    detail = fetch("/api/v1/budget/proposals/{id}/", id=proposal.pk)
    assert detail["unit"] is None and detail["correction_due"] is None


def test_proposal_page_declares_its_workflow_history(fetch, edition, schema):
    assert "history" in declared(schema, "ProposalPageOut")
    assert set(declared(schema, "HistoryOut")) == {"transition", "to", "at", "by", "reason"}
    proposal = advance(edition.proposals.filter(state="on_ballot").first(), "select", by=SYSTEM)
    history = fetch("/api/v1/budget/proposals/{id}/", id=proposal.pk)["history"]
    assert history[-1]["transition"] == "select" and history[-1]["to"] == "selected"


def test_a_district_without_council_conforms(fetch):
    DistrictFactory(city=CityFactory(name="Gdańsk", slug="gdansk"), number=1, name="Oliwa")
    assert [d["council"] for d in fetch("/api/v1/districts/", {"city": "gdansk"})] == [None]


def test_implementations_with_and_without_progress_conform(fetch, edition, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rows = fetch("/api/v1/budget/implementations/", {"edition": edition.pk})["results"]
    by_state = {row["status"]: row for row in rows}
    assert by_state["selected"]["unit"] is None and by_state["selected"]["photos"] == []
    photo = by_state["in_implementation"]["photos"][0]
    assert photo["url"].startswith("http://") and photo["alt"] == "Skwer"


def test_a_bad_district_filter_is_refused_not_a_server_error(api, edition):
    response = api.get("/api/v1/budget/proposals/", {"district": "current"})
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "district"


@pytest.mark.parametrize(
    ("url", "query", "field"),
    [
        ("/api/v1/budget/implementations/", {"edition[id]": "1"}, "edition[id]"),
        ("/api/v1/budget/implementations/", {"distrcit": "1"}, "distrcit"),
        ("/api/v1/budget/proposals/", {"cost_min": "NaN"}, "cost_min"),
        ("/api/v1/budget/proposals/", {"cost_max": "-Infinity"}, "cost_max"),
    ],
)
def test_an_unknown_or_impossible_list_filter_is_400_naming_it(api, edition, url, query, field):
    response = api.get(url, query)
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field


@pytest.fixture
def programme(make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = ProgrammeFactory()
    Comment.objects.create(
        programme=programme,
        author=make_user(),
        target="programme",
        kind="change",
        justification="Więcej konkursów małych grantów.",
    )
    return programme


def test_programme_without_council_opinion_conforms(fetch, programme):
    assert (
        fetch("/api/v1/consultations/programmes/{id}/", id=programme.pk)["council_opinion"] is None
    )
    assert fetch("/api/v1/consultations/programmes/")[0]["council_opinion"] is None


def test_council_opinion_is_an_absolute_url(fetch, programme):
    programme.council_opinion.save("opinia.pdf", ContentFile(b"%PDF-1.4"))
    url = fetch("/api/v1/consultations/programmes/{id}/", id=programme.pk)["council_opinion"]
    assert url.startswith("http://") and url.endswith(".pdf")


def test_comments_are_pages_and_a_resident_comment_has_no_organisation(fetch, programme):
    page = fetch("/api/v1/consultations/programmes/{id}/comments/", id=programme.pk)
    assert page["count"] == 1 and page["results"][0]["organisation"] is None


def test_an_answered_comment_conforms(fetch, programme, make_user, schema):
    assert set(declared(schema, "Answer")) == {
        "decision",
        "decision_label",
        "reason",
        "answered_at",
    }
    comment = programme.comments.get()
    Answer.objects.create(
        comment=comment, decision="accepted", reason="Dodano.", answered_by=make_user()
    )
    page = fetch("/api/v1/consultations/programmes/{id}/comments/", id=programme.pk)
    assert page["results"][0]["answer"]["decision"] == "accepted"


def test_amended_results_and_the_budget_annex_conform(fetch, make_user):
    from budget.results.services import amend_results, count_edition
    from tests.budget.results.conftest import cast

    edition = EditionFactory(state="voting_closed")
    city = PoolFactory(edition=edition)
    first, second = (
        ProposalFactory(pool=city, author=make_user(), state="on_ballot") for _ in range(2)
    )
    cast(edition, city, first)
    count_edition(edition, by=SYSTEM, seed=1)
    Implementation.objects.create(proposal=first, unit=UnitFactory())
    amend_results(
        edition,
        by=SYSTEM,
        reason="Brak zgody zarządcy terenu.",
        proposal=first.pk,
        change="withdraw",
        resolution_number="Uchwała nr XII/345/27",
        resolution_date="2027-03-02",
    )
    type(edition).objects.filter(pk=edition.pk).update(state="results_published")
    results = fetch("/api/v1/budget/editions/{id}/results/", id=edition.pk)
    assert results["amendments"][0]["moved_out"] == [first.pk]
    annex = fetch("/api/v1/budget/editions/{id}/annex/", id=edition.pk)
    assert [(g["unit"], [p["id"] for p in g["projects"]]) for g in annex] == [(None, [second.pk])]


def test_district_consultations_draft_and_commented_conform(fetch, make_user):
    from bodies.consultations import comment_add
    from tests.bodies.factories import district_council, draft

    council = district_council(make_user)
    unopened = draft(council)
    running = advance(draft(council), "open", by=council.chair)
    comment_add(by=make_user(), consultation=running, text="Więcej ławek.", resident=True)
    page = fetch("/api/v1/bodies/consultations/", {"district": council.district_id, "limit": 1})
    assert page["count"] == 2 and len(page["results"]) == 1
    assert fetch("/api/v1/bodies/consultations/{id}/", id=unopened.pk)["opened_at"] is None
    shown = fetch("/api/v1/bodies/consultations/{id}/", id=running.pk)
    assert [c["text"] for c in shown["comments"]] == ["Więcej ławek."]
