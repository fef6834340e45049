"""District councils' consultations through the API: the list in pages by district, one
round with its comments, and a resident's comment (the same service as the page)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bodies.models import DistrictComment
from tests.bodies.factories import TITLE, district_council, draft
from workflows.accounts.models import Role
from workflows.services import advance

pytestmark = pytest.mark.django_db

LIST = "/api/v1/bodies/consultations/"


def detail(consultation):
    return f"{LIST}{consultation.pk}/"


def comments(consultation):
    return f"{LIST}{consultation.pk}/comments/"


def comment(api_as, user, consultation, **fields):
    payload = {"text": "Więcej zieleni przy ul. Długiej.", "resident": True, **fields}
    return api_as(user).post(comments(consultation), payload, format="json")


def test_a_resident_comments_declaring_residence_and_sees_it_in_the_detail(
    api, api_as, make_user, open_round
):
    resident = make_user(Role.RESIDENT, username="mieszkanka")
    response = comment(api_as, resident, open_round)
    assert response.status_code == 201, response.json()
    assert response.json()["text"] == "Więcej zieleni przy ul. Długiej."
    assert DistrictComment.objects.get().author == resident
    shown = api.get(detail(open_round)).json()
    assert shown["title"] == TITLE and shown["state"] == "open"
    assert [c["text"] for c in shown["comments"]] == ["Więcej zieleni przy ul. Długiej."]
    assert shown["comment_count"] == 1


def test_an_anonymous_visitor_is_refused_before_the_body_is_read(api, open_round):
    response = api.post(comments(open_round), "{", content_type="application/json")
    assert response.status_code in (401, 403)
    assert not DistrictComment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"resident": False}, 400, "resident"),
        ({"resident": "tak"}, 400, "resident"),
        ({"text": " "}, 400, "text"),
        ({"text": ["x"]}, 400, "text"),
    ],
)
def test_a_bad_comment_is_refused_naming_the_field(
    api_as, make_user, open_round, fields, status, field
):
    response = comment(api_as, make_user(Role.RESIDENT), open_round, **fields)
    assert response.status_code == status
    assert response.json()["error"]["details"]["field"] == field
    assert not DistrictComment.objects.exists()


def test_no_comment_before_the_round_opens_or_after_it_closes(api_as, make_user, council):
    resident = make_user(Role.RESIDENT)
    consultation = draft(council)
    # A draft is not public: the resident does not see it at all.
    assert comment(api_as, resident, consultation).status_code == 404
    advance(consultation, "open", by=council.chair)
    type(consultation).objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    response = comment(api_as, resident, consultation)
    assert response.status_code == 409 and "minął" in response.json()["error"]["message"]


def test_a_draft_is_shown_to_its_council_officers_and_staff_only(
    api, api_as, staff, make_user, council
):
    consultation = draft(council)
    assert api.get(detail(consultation)).status_code == 404
    assert api_as(council.member).get(detail(consultation)).status_code == 404
    assert api_as(make_user(Role.RESIDENT)).get(LIST).json()["count"] == 0
    for who in (council.chair, staff):
        assert api_as(who).get(detail(consultation)).status_code == 200
        assert api_as(who).get(LIST).json()["count"] == 1


def test_the_list_filters_by_district_in_pages_with_constant_queries(
    api, make_user, council, open_round, django_assert_max_num_queries
):
    other = district_council(make_user, "druga-")
    for _ in range(3):
        advance(draft(other), "open", by=other.chair)
    with django_assert_max_num_queries(3):
        everything = api.get(LIST).json()
    assert everything["count"] == 4
    with django_assert_max_num_queries(3):
        page = api.get(LIST, {"district": other.district_id, "limit": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert {row["district"] for row in page["results"]} == {other.district_id}
    mine = api.get(LIST, {"district": council.district_id}).json()["results"]
    assert [row["id"] for row in mine] == [open_round.pk]


@pytest.mark.parametrize(
    ("query", "field"), [({"district": "x"}, "district"), ({"body": "1"}, "body")]
)
def test_a_bad_filter_is_400_naming_it(api, query, field):
    response = api.get(LIST, query)
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field


def test_an_unknown_round_is_404(api, api_as, make_user):
    assert api.get(f"{LIST}999999/").status_code == 404
    response = api_as(make_user(Role.RESIDENT)).post(
        f"{LIST}999999/comments/", {"text": "x", "resident": True}, format="json"
    )
    assert response.status_code == 404


def test_opening_goes_through_the_generic_transitions_api(api_as, council):
    consultation = draft(council)
    url = f"/api/v1/workflows/district_consultation/{consultation.pk}/transitions/open/"
    assert api_as(council.member).post(url, {}, format="json").status_code == 403
    assert api_as(council.chair).post(url, {}, format="json").status_code == 200
    consultation.refresh_from_db()
    assert consultation.is_open
