"""The announcement of an open competition: drafting, publication, closing, cancelling."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from grants.models import Competition, CompetitionState
from tests.consultations.factories import ProgrammeFactory, TaskAreaFactory
from tests.grants.conftest import transition
from workflows.deadlines import fire_due
from workflows.models import Deadline

pytestmark = pytest.mark.django_db


def announcement(**fields):
    return {
        "task_area": TaskAreaFactory(number=9, name="pomoc społeczna").pk,
        "title": "Aktywizacja seniorów",
        "form": "supporting",
        "funds": "120000.00",
        "rules": "Dotacja do 90% kosztów zadania.",
        "carried_out_from": "2027-03-01",
        "carried_out_to": "2027-12-15",
        "offers_deadline": (timezone.now() + timedelta(days=25)).isoformat(),
        "min_grant": "5000",
        "max_grant": "30000,00",
        "own_contribution_percent": "10",
        "criteria": [
            {"name": "Jakość merytoryczna", "weight": 70, "max_points": 10},
            {"name": "Kalkulacja kosztów", "weight": 30, "max_points": 5},
        ],
        **fields,
    }


def test_staff_draft_an_announcement_with_weighted_criteria(api_as, staff):
    programme = ProgrammeFactory()
    response = api_as(staff).post(
        "/api/v1/grants/competitions/", announcement(programme=programme.pk), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft"
    assert body["max_grant"] == "30000.00"
    assert [(c["name"], c["weight"]) for c in body["criteria"]] == [
        ("Jakość merytoryczna", 70),
        ("Kalkulacja kosztów", 30),
    ]
    assert Competition.objects.get().programme == programme


@pytest.mark.parametrize("who", ["resident", "anonymous"])
def test_only_staff_draft(api, api_as, resident, who):
    client = api_as(resident) if who == "resident" else api
    response = client.post("/api/v1/grants/competitions/", announcement(), format="json")
    assert response.status_code in (401, 403)
    assert not Competition.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"criteria": [{"name": "Jakość", "weight": 70}]}, "criteria"),
        ({"min_grant": "40000"}, "max_grant"),
        ({"funds": "dużo"}, "funds"),
        ({"form": "grant"}, "form"),
        ({"carried_out_to": "2027-01-01"}, "carried_out_to"),
        ({"task_area": "x"}, "task_area"),
        ({"offers_deadline": (timezone.now() - timedelta(hours=1)).isoformat()}, "offers_deadline"),
    ],
)
def test_a_bad_announcement_is_refused_naming_the_field(api_as, staff, fields, field):
    response = api_as(staff).post(
        "/api/v1/grants/competitions/", announcement(**fields), format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["details"]["field"] == field
    assert not Competition.objects.exists()


def test_publishing_sets_the_engine_deadline_for_offers(api_as, staff, draft):
    response = transition(api_as(staff), "competition", draft, "publish")
    assert response.status_code == 200, response.json()
    draft.refresh_from_db()
    assert draft.state == CompetitionState.PUBLISHED
    assert draft.published_at is not None
    deadline = Deadline.objects.get(transition="close_offers")
    assert deadline.due_at == draft.offers_deadline


def test_a_deadline_sooner_than_21_days_is_refused_with_the_reason(api_as, staff, draft):
    Competition.objects.filter(pk=draft.pk).update(
        offers_deadline=timezone.now() + timedelta(days=20)
    )
    response = transition(api_as(staff), "competition", draft, "publish")
    assert response.status_code == 409
    assert "21 dni" in response.json()["error"]["message"]
    draft.refresh_from_db()
    assert draft.state == CompetitionState.DRAFT


def test_criteria_weights_must_add_up_before_publication(api_as, staff, draft):
    draft.costs.delete()
    response = transition(api_as(staff), "competition", draft, "publish")
    assert response.status_code == 409
    assert "100%" in response.json()["error"]["message"]


def test_only_staff_publish(api_as, resident, draft):
    response = transition(api_as(resident), "competition", draft, "publish")
    assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.state == CompetitionState.DRAFT


def test_a_draft_is_hidden_from_the_public_until_published(api, api_as, staff, draft):
    assert api.get(f"/api/v1/grants/competitions/{draft.pk}/").status_code == 404
    assert api.get("/api/v1/grants/competitions/").json() == []
    transition(api_as(staff), "competition", draft, "publish")
    assert api.get(f"/api/v1/grants/competitions/{draft.pk}/").status_code == 200
    assert [c["id"] for c in api.get("/api/v1/grants/competitions/").json()] == [draft.pk]


def test_offers_close_only_at_the_deadline_and_the_engine_closes_them(api_as, staff, published):
    early = transition(api_as(staff), "competition", published, "close_offers")
    assert early.status_code == 409
    assert "Oferty można składać do" in early.json()["error"]["message"]
    assert fire_due() == []
    with time_machine.travel(published.offers_deadline + timedelta(seconds=1)):
        fired = fire_due()
    assert [d.outcome for d in fired] == ["fired"]
    published.refresh_from_db()
    assert published.state == CompetitionState.OFFERS_CLOSED


def test_cancelling_needs_a_reason(api_as, staff, published):
    client = api_as(staff)
    refused = transition(client, "competition", published, "cancel")
    assert refused.status_code == 400
    done = transition(client, "competition", published, "cancel", reason="Brak środków.")
    assert done.status_code == 200, done.json()
    published.refresh_from_db()
    assert published.state == CompetitionState.CANCELLED
