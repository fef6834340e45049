"""The budget API is in the OpenAPI schema with its refusals declared."""

import pytest

pytestmark = pytest.mark.django_db


def test_budget_endpoints_are_documented_with_their_errors(api):
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    cast = paths["/api/v1/budget/editions/{id}/ballots/"]["post"]
    assert {"201", "400", "403", "404", "409"} <= set(cast["responses"])
    for path in (
        "/api/v1/budget/proposals/",
        "/api/v1/budget/verification-queue/",
        "/api/v1/budget/editions/{id}/export/",
        "/api/v1/budget/implementations/",
        "/api/v1/budget/editions/{id}/paper-ballots/",
    ):
        assert path in paths
