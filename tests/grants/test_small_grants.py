"""Small grants (art. 19a): up to 10 000 zł and 90 days, 7 days for comments, a yearly cap."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine

from grants.models import SmallGrant, SmallGrantComment
from tests.consultations.factories import TaskAreaFactory
from tests.grants.conftest import transition
from workflows.deadlines import fire_due
from workflows.models import Deadline

pytestmark = pytest.mark.django_db


def body(organisation, **fields):
    return {
        "organisation": organisation.pk,
        "task_area": TaskAreaFactory(number=5, name="kultura").pk,
        "title": "Piknik sąsiedzki na Azorach",
        "description": "Jednodniowy piknik z warsztatami dla dzieci.",
        "amount": "8000.00",
        "carried_out_from": "2027-05-01",
        "carried_out_to": "2027-06-30",
        **fields,
    }


def offered(api_as, organisation, **fields):
    response = api_as(organisation.rep).post(
        "/api/v1/grants/small/", body(organisation, **fields), format="json"
    )
    assert response.status_code == 201, response.json()
    return SmallGrant.objects.get(pk=response.json()["id"])


def comments_url(grant):
    return f"/api/v1/grants/small/{grant.pk}/comments/"


def test_an_offer_is_published_for_seven_days_of_comments_then_granted(
    api, api_as, staff, resident, org
):
    grant = offered(api_as, org["a"])
    assert api.get(f"/api/v1/grants/small/{grant.pk}/").status_code == 404
    boss = api_as(staff)
    assert transition(boss, "small_grant", grant, "publish").status_code == 200
    grant.refresh_from_db()
    deadline = Deadline.objects.get(transition="close_comments")
    assert deadline.due_at == grant.comments_close_at
    remark = api_as(resident).post(comments_url(grant), {"text": "Dobry pomysł."}, format="json")
    assert remark.status_code == 201
    early = transition(boss, "small_grant", grant, "grant")
    assert early.status_code == 409
    with time_machine.travel(grant.comments_close_at + timedelta(seconds=1)):
        late = api_as(resident).post(comments_url(grant), {"text": "Spóźniona."}, format="json")
        assert late.status_code == 409
        assert [d.outcome for d in fire_due()] == ["fired"]
        assert transition(boss, "small_grant", grant, "grant").status_code == 200
    grant.refresh_from_db()
    assert grant.state == "granted"
    assert SmallGrantComment.objects.count() == 1
    assert (
        api.get(f"/api/v1/grants/small/{grant.pk}/").json()["comments"][0]["text"]
        == "Dobry pomysł."
    )


@pytest.mark.parametrize(
    ("fields", "words"),
    [({"amount": "10000.01"}, "10000.01 zł"), ({"carried_out_to": "2027-07-30"}, "91 dni")],
)
def test_over_10000_zl_or_90_days_is_refused_with_the_reason(api_as, staff, org, fields, words):
    grant = offered(api_as, org["a"], **fields)
    response = transition(api_as(staff), "small_grant", grant, "publish")
    assert response.status_code == 409
    assert words in response.json()["error"]["message"]


def test_the_yearly_cap_is_enforced(api_as, staff, org, settings):
    settings.SMALL_GRANTS_YEARLY_CAP = "15000.00"
    boss = api_as(staff)
    first, second = offered(api_as, org["a"]), offered(api_as, org["b"])
    for grant in (first, second):
        transition(boss, "small_grant", grant, "publish")
        grant.refresh_from_db()
    with time_machine.travel(second.comments_close_at + timedelta(minutes=1)):
        fire_due()
        assert transition(boss, "small_grant", first, "grant").status_code == 200
        over = transition(boss, "small_grant", second, "grant")
        assert over.status_code == 409
        assert "7000.00 zł" in over.json()["error"]["message"]
        refused = transition(boss, "small_grant", second, "refuse", reason="Wyczerpany limit.")
        assert refused.status_code == 200
    second.refresh_from_db()
    assert (second.state, second.decision_reason) == ("refused", "Wyczerpany limit.")


def test_only_a_representative_offers_and_only_staff_decide(api_as, resident, org):
    response = api_as(org["b"].rep).post("/api/v1/grants/small/", body(org["a"]), format="json")
    assert response.status_code == 403
    grant = offered(api_as, org["a"])
    assert transition(api_as(org["a"].rep), "small_grant", grant, "publish").status_code == 403
    assert (
        api_as(resident).post(comments_url(grant), {"text": "x"}, format="json").status_code == 404
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"carried_out_to": "2027-01-01"}, "carried_out_to"),
    ],
)
def test_a_bad_offer_is_refused_naming_the_field(api_as, org, fields, field):
    response = api_as(org["a"].rep).post(
        "/api/v1/grants/small/", body(org["a"], **fields), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not SmallGrant.objects.exists()


def test_the_list_shows_the_public_ones_and_my_own(api, api_as, staff, org):
    mine = offered(api_as, org["a"])
    other = offered(api_as, org["b"])
    transition(api_as(staff), "small_grant", other, "publish")
    assert [g["id"] for g in api.get("/api/v1/grants/small/").json()] == [other.pk]
    ids = {g["id"] for g in api_as(org["a"].rep).get("/api/v1/grants/small/").json()}
    assert ids == {mine.pk, other.pk}
    assert Decimal(api.get("/api/v1/grants/small/").json()[0]["amount"]) == Decimal("8000")
