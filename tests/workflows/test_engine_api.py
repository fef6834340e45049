"""The generic workflow API: every answer and every refusal code."""

import pytest

from tests.workflows.engine_app.models import Petition
from workflows.models import AuditEntry
from workflows.services import SYSTEM, advance

pytestmark = pytest.mark.django_db


def url(petition, name=None):
    base = f"/api/v1/workflows/petition/{petition.pk}/"
    return f"{base}transitions/{name}/" if name else base


def submitted(petition, owner):
    return advance(petition, "submit", by=owner)


def test_detail_lists_state_options_and_history(api_as, petition, owner):
    submitted(petition, owner)
    body = api_as(owner).get(url(petition)).json()
    assert body["state"] == "submitted"
    assert body["state_label"] == "złożona"
    assert body["available"] == []  # the owner may not decide on their own petition
    refused = {t["name"]: t["reasons"] for t in body["unavailable"]}
    assert refused["accept"][0] == "Tylko pracownik urzędu rozpatruje petycje."
    assert "Zebrano 0 z 10 wymaganych podpisów." in refused["accept"]
    assert [h["transition"] for h in body["history"]] == ["submit"]


def test_staff_sees_the_transitions_it_may_take(api_as, petition, owner, staff):
    submitted(petition, owner)
    body = api_as(staff).get(url(petition)).json()
    assert {t["name"] for t in body["available"]} == {"reject", "close"}
    assert [t["name"] for t in body["unavailable"]] == ["accept"]


def test_transition_returns_new_state_and_appends_log(api_as, petition, owner):
    response = api_as(owner).post(url(petition, "submit"), {}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "submitted"
    log = AuditEntry.objects.get()
    assert (log.action, log.from_state, log.to_state, log.by) == (
        "submit",
        "draft",
        "submitted",
        owner,
    )


def test_payload_reaches_the_transition(api_as, petition, owner, staff):
    submitted(petition, owner)
    Petition.objects.filter(pk=petition.pk).update(signatures=10)
    response = api_as(staff).post(url(petition, "accept"), {"note": "Zgoda"}, format="json")
    assert response.status_code == 200
    petition.refresh_from_db()
    assert petition.state == "accepted" and petition.note == "Zgoda"


def test_unknown_transition_is_400_naming_allowed_ones(api_as, petition, owner):
    response = api_as(owner).post(url(petition, "teleport"), {}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unknown_transition"
    assert error["details"]["allowed"] == ["close", "submit"]


def test_no_permission_is_403_with_reason(api_as, petition, make_user):
    stranger = make_user(username="stranger")
    response = api_as(stranger).post(url(petition, "submit"), {}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Tylko autor może złożyć petycję."
    assert Petition.objects.get().state == "draft"


def test_anonymous_post_is_403(api, petition):
    response = api.post(url(petition, "submit"), {}, format="json")
    assert response.status_code == 403


def test_unmet_conditions_are_409_listing_every_reason(api_as, petition, owner, staff):
    submitted(petition, owner)
    Petition.objects.filter(pk=petition.pk).update(title="")
    response = api_as(staff).post(url(petition, "accept"), {}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conditions_not_met"
    assert error["details"]["reasons"] == [
        "Petycja nie ma tytułu.",
        "Zebrano 0 z 10 wymaganych podpisów.",
    ]


def test_transition_from_wrong_state_is_409_with_current_state(api_as, petition, staff):
    response = api_as(staff).post(url(petition, "reject"), {"reason": "x"}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["details"]["state"] == "draft"


def test_required_reason_is_400(api_as, petition, owner, staff):
    submitted(petition, owner)
    response = api_as(staff).post(url(petition, "reject"), {"reason": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "reason"
    assert Petition.objects.get().state == "submitted"


def test_reason_is_kept_in_the_log(api_as, petition, owner, staff):
    submitted(petition, owner)
    api_as(staff).post(url(petition, "reject"), {"reason": "Poza kompetencjami"}, format="json")
    assert AuditEntry.objects.last().reason == "Poza kompetencjami"


def test_unexpected_payload_is_400(api_as, petition, owner):
    response = api_as(owner).post(url(petition, "submit"), {"colour": "red"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "colour"


def test_object_the_caller_may_not_see_is_404(api_as, petition, make_user):
    Petition.objects.filter(pk=petition.pk).update(is_public=False)
    assert api_as(make_user(username="other")).get(url(petition)).status_code == 404
    assert api_as(petition.owner).get(url(petition)).status_code == 200


def test_missing_object_and_unknown_kind_are_404(api_as, owner):
    assert api_as(owner).get("/api/v1/workflows/petition/999999/").status_code == 404
    response = api_as(owner).get("/api/v1/workflows/spaceship/1/")
    assert response.status_code == 404
    assert "petition" in response.json()["error"]["details"]["known"]


def test_state_cannot_be_assigned_directly(petition):
    with pytest.raises(AttributeError):
        petition.state = "accepted"


def test_system_actor_passes_permissions(petition):
    assert advance(petition, "close", by=SYSTEM).state == "closed"
    assert AuditEntry.objects.get().by_label == "system"


def test_advance_requires_an_actor(petition):
    with pytest.raises(TypeError):
        advance(petition, "close", by=None)


def test_graph_is_exported_as_mermaid(api):
    response = api.get("/api/v1/workflows/petition/graph/")
    assert response.status_code == 200
    text = response.content.decode()
    assert text.startswith("stateDiagram-v2")
    assert "draft --> submitted: submit (Złóż)" in text
    assert "submitted --> closed: close (Zamknij)" in text


def test_kinds_are_listed(api):
    assert {"kind": "petition", "label": "Petycja (test)"} in api.get("/api/v1/workflows/").json()
