"""The permission check comes before any reading of a request.

Every write of the API, tried by a signed-in resident who holds no role, on real objects of
the demo city, with bodies that are empty, malformed, of the wrong type or of the wrong
encoding: a write kept for some role answers 403 whatever was sent (a 400, 404, 409 or 415
would tell a stranger how to shape a request they may never make). The writes open to every
signed-in person are listed with the reason; an endpoint added later is covered by itself.
"""

import re

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from workflows.accounts.models import Organisation
from workflows.accounts.organisations import claim_representation
from workflows.registry import kinds

pytestmark = pytest.mark.django_db

# Writes any signed-in person may attempt; their refusals (400/404/409) are about the input.
OPEN_TO_RESIDENTS = {
    "/api/v1/auth/token/",  # signing in
    "/api/v1/budget/editions/{id}/ballots/",  # voting
    "/api/v1/budget/proposals/",  # submitting a proposal
    "/api/v1/budget/proposals/{id}/",  # the author's own draft (404 for another's)
    "/api/v1/budget/proposals/{id}/coauthors/",  # the author's own draft
    "/api/v1/budget/proposals/{id}/support/",  # signing support
    "/api/v1/bodies/consultations/{id}/comments/",  # residents' comments on a district document
    "/api/v1/budget/merge-requests/{id}/consent/",  # an author's consent
    "/api/v1/consultations/programmes/{id}/comments/",  # commenting
    "/api/v1/grants/competitions/{id}/offers/",  # an organisation's offer
    "/api/v1/grants/competitions/{id}/offers/copy/",  # a new offer from the organisation's own
    "/api/v1/grants/offers/{id}/",  # an organisation's own offer
    "/api/v1/grants/initiatives/",  # residents applying for a local initiative
    "/api/v1/grants/small/",  # a small-grant offer
    "/api/v1/grants/small/{id}/comments/",  # remarks on a published small-grant offer
    "/api/v1/organisations/",  # registering an organisation
    "/api/v1/organisations/{id}/claims/",  # asking to represent one
    "/api/v1/workflows/{kind}/{id}/transitions/{name}/",  # the engine answers per transition
    # One's own notices, settings and follows (someone else's notice is a 404).
    "/api/v1/notifications/read/",
    "/api/v1/notifications/{id}/read/",
    "/api/v1/notifications/settings/",
    "/api/v1/notifications/follows/{target}/{id}/",
}

# The engine's own test kind (tests/workflows/engine_app): the demo has none of it.
ENGINE_TEST_KIND = "/api/v1/workflows/petition/"

# The object a path's first id stands for; a new path must name its model here (or, where
# the id is another model's, how to find one).
MODELS = {
    # Before "/api/v1/bodies/": the first prefix that matches names the model.
    "/api/v1/bodies/consultations/": "bodies.DistrictConsultation",
    "/api/v1/bodies/": "bodies.Opinion",
    "/api/v1/budget/ballots/": "budget.Ballot",
    "/api/v1/budget/editions/": "budget.Edition",
    "/api/v1/budget/implementations/": ("budget.Implementation", "proposal_id"),
    "/api/v1/budget/merge-requests/": "budget.MergeRequest",
    "/api/v1/budget/proposals/": "budget.Proposal",
    "/api/v1/budget/units/": "budget.CityUnit",
    "/api/v1/consultations/chapters/": "consultations.Chapter",
    "/api/v1/consultations/comments/": "consultations.Comment",
    "/api/v1/consultations/programmes/": "consultations.Programme",
    "/api/v1/consultations/sector-teams/": "consultations.SectorTeam",
    "/api/v1/consultations/suggestions/": "meetings.ChapterSuggestion",
    "/api/v1/districts/": "districts.District",
    "/api/v1/grants/agreements/": "grants.Agreement",
    "/api/v1/grants/competitions/": "grants.Competition",
    "/api/v1/grants/initiatives/": "grants.LocalInitiative",
    "/api/v1/grants/offers/": "grants.Offer",
    "/api/v1/grants/reports/": ("grants.CooperationReport", "year"),
    "/api/v1/grants/small/": "grants.SmallGrant",
    "/api/v1/grants/task-reports/": "grants.TaskReport",
    "/api/v1/meetings/": "meetings.Meeting",
    "/api/v1/organisations/": "accounts.Organisation",
    "/api/v1/people/": "accounts.User",
    "/api/v1/representation-claims/": "accounts.RepresentationClaim",
    # A transition that takes data has its own path (workflows.urls), of its kind's model.
    **{f"/api/v1/workflows/{name}/": kind.model._meta.label for name, kind in kinds().items()},
}

BODIES = [
    ("empty", {"data": {}, "format": "json"}),
    ("unknown field", {"data": {"x": "\u202e1"}, "format": "json"}),
    ("a list", {"data": "[1, 2]", "content_type": "application/json"}),
    ("broken JSON", {"data": "{", "content_type": "application/json"}),
    ("plain text", {"data": "hello", "content_type": "text/plain"}),
    ("form", {"data": {"text": "x", "file": ""}, "format": "multipart"}),
]


def _writes():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in ("post", "put", "patch", "delete"):
                yield path, method


def _model_for(path):
    from django.apps import apps

    label = next((m for prefix, m in MODELS.items() if path.startswith(prefix)), None)
    assert label, f"{path}: name the model its id stands for in MODELS"
    label, attribute = label if isinstance(label, tuple) else (label, "pk")
    return apps.get_model(label), attribute


def _url(path) -> str:
    if "{" not in path:
        return path
    model, attribute = _model_for(path)
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"{path}: the demo has no object to try it on"
    url = re.sub(r"\{[^}]+\}", str(getattr(obj, attribute)), path, count=1)
    # Second-level ids (a version number, an agenda item) only need to look real.
    return re.sub(r"\{[^}]+\}", "1", url)


def test_a_resident_without_a_role_is_refused_before_the_body_is_read(make_user):
    call_command("load_demo", verbosity=0)
    # The demo's organisations have their representatives; a pending claim is tried too.
    claim_representation(by=make_user(), organisation=Organisation.objects.order_by("pk").first())
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(make_user(username="mieszkanka_bez_roli"))
    wrong = []
    tried = 0
    for path, method in _writes():
        if path in OPEN_TO_RESIDENTS or path.startswith(ENGINE_TEST_KIND):
            continue
        url = _url(path)
        for name, request in BODIES:
            response = getattr(client, method)(url, **request)
            tried += 1
            # An object of the engine the person may not see is a 404 (its existence does not
            # leak), also before the body is read.
            hidden = path.startswith("/api/v1/workflows/") and response.status_code == 404
            if response.status_code != 403 and not hidden:
                wrong.append(f"{method.upper()} {path} ({name}): {response.status_code}")
            else:
                assert response.json()["error"]["message"], f"{path}: a refusal says why"
    assert tried > 200
    assert not wrong, "\n".join(wrong)


def test_open_writes_exist():
    # A path that was removed or renamed must leave the list too.
    declared = {path for path, _ in _writes()}
    assert declared >= OPEN_TO_RESIDENTS, OPEN_TO_RESIDENTS - declared
