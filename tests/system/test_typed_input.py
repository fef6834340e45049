"""The input contract of transitions (workflows.transition_input): every transition that takes
data declares its schema; through the generic API and the /proces/ page, a valid payload
reaches the body typed and a badly typed one is a 400 naming the field, checked only once
the state machine allows the transition; the OpenAPI schema documents each input."""

import inspect

import pytest
from django.urls import reverse

from workflows import transitions
from workflows.registry import kinds
from workflows.transition_input import input_for

from .builders import BUILDERS
from .test_every_door import PREPARE, REASON, _actor, _typed_in

pytestmark = pytest.mark.django_db

# (kind, transition) → (field, a badly typed value, the attribute the typed value lands in)
WRONG = {
    ("chapter_suggestion", "accept"): ("kind", "nieznany", None),
    ("cooperation_report", "submit_to_council"): ("submitted_on", "wczoraj", "submitted_on"),
    ("grant_agreement", "sign"): ("signed_on", "wczoraj", "signed_on"),
    ("edition", "amend_results"): ("resolution_date", "wczoraj", None),
    ("implementation_report", "publish"): ("published_on", "maj", "published_on"),
    ("local_initiative", "sign_agreement"): ("agreement_number", "x" * 101, "agreement_number"),
    ("offer", "grant"): ("amount", "dużo", "granted"),
    ("petition", "accept"): ("note", "x" * 201, None),  # the engine's own test kind
    ("opinion", "adopt"): ("adopted_on", "wczoraj", "adopted_on"),
    ("programme", "publish_drafts"): ("comments_open_at", "jutro", "comments_open_at"),
    ("programme", "record_council_vote"): ("votes_for", "trzydzieści", "votes_for"),
    ("programme", "record_first_reading"): ("held_on", "wczoraj", "first_reading_on"),
    ("programme", "record_second_reading"): ("held_on", "wczoraj", "second_reading_on"),
    ("programme", "submit_to_council"): ("submitted_on", "wczoraj", "submitted_on"),
    ("proposal", "merge"): ("into", "abc", "merged_into"),
    ("proposal", "pass_formal_check"): ("unit", "abc", "unit"),
}


def _data_params(method) -> set[str]:
    params = inspect.signature(method).parameters.values()
    return {p.name for p in params if p.name not in ("self", "by", "reason")}


def _typed_transitions() -> set[tuple[str, str]]:
    return {
        (kind_name, name)
        for kind_name, kind in kinds().items()
        for name in transitions.names(kind)
        if input_for(kind, name)
    }


def test_every_transition_that_takes_data_declares_its_input_schema():
    """A new transition with keyword parameters fails here until it declares
    custom={"input": ...} whose fields are exactly its parameters."""

    for kind_name, kind in kinds().items():
        for name in transitions.names(kind):
            params = _data_params(getattr(kind.model, name))
            schema = input_for(kind, name)
            fields = set(schema().fields) if schema else set()
            assert fields == params, f"{kind_name}.{name}: input schema {fields}, body {params}"


def test_the_table_below_covers_every_typed_transition():
    assert set(WRONG) == _typed_transitions()


def _arranged(kind_name, name, make_user):
    """The object in the transition's source state with its conditions met, the payload the
    every-door test takes it with, and someone who may take it."""

    kind = kinds()[kind_name]
    tr = next(tr for tr in transitions.declared(kind) if tr.name == name)
    obj, extras = BUILDERS[kind_name](make_user)
    kind.model._default_manager.filter(pk=obj.pk).update(**{kind.state_field: tr.source})
    obj.refresh_from_db()
    payload = PREPARE.get((kind_name, name), lambda o, e: {})(obj, extras)
    obj.refresh_from_db()
    actor, staff = _actor(kind, tr, obj, extras, make_user)
    reason = {"reason": REASON} if tr.custom.get("reason_required") else {}
    return kind, obj, {**reason, **payload}, actor or staff


@pytest.mark.parametrize(("kind_name", "name"), sorted(WRONG))
def test_the_api_types_a_valid_payload_and_names_a_badly_typed_field(
    kind_name, name, make_user, api_as, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    kind, obj, body, actor = _arranged(kind_name, name, make_user)
    field, wrong, attribute = WRONG[(kind_name, name)]
    url = f"/api/v1/workflows/{kind_name}/{obj.pk}/transitions/{name}/"
    client = api_as(actor)

    refused = client.post(url, {**body, field: wrong}, format="json")
    assert refused.status_code == 400, refused.content
    error = refused.json()["error"]
    assert error["details"]["field"] == field and field in error["details"]["fields"]
    obj.refresh_from_db()
    source = kind.state_of(obj)

    taken = client.post(url, body, format="json")
    assert taken.status_code == 200, taken.content
    obj.refresh_from_db()
    assert kind.state_of(obj) != source or name == "amend_results"
    if attribute and attribute != "agreement_number":
        # Stored typed (a date, a number, a row), whether the payload gave it or its default.
        assert not isinstance(getattr(obj, attribute), str | type(None)), attribute


@pytest.mark.parametrize(("kind_name", "name"), sorted(WRONG))
def test_the_page_refuses_a_badly_typed_field_with_its_label(
    kind_name, name, make_user, client, settings
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    kind, obj, body, actor = _arranged(kind_name, name, make_user)
    field, wrong, _attribute = WRONG[(kind_name, name)]
    source = kind.state_of(obj)
    client.force_login(actor)
    url = reverse("workflow-take", args=[kind_name, obj.pk, name])
    form = {k: _typed_in(v) for k, v in {**body, field: wrong}.items()}
    page = client.post(url, form, follow=True).content.decode()
    label = str(input_for(kind, name)().fields[field].label)
    assert f"{label}:" in page
    obj.refresh_from_db()
    assert kind.state_of(obj) == source


def test_input_is_checked_only_once_the_state_allows_the_transition(make_user, api_as):
    """A badly typed vote on a programme not yet before the council is a 409 (its state),
    as the check order of advance() puts the state before the input."""

    from workflows.accounts.models import Role

    programme, _extras = BUILDERS["programme"](make_user)
    url = f"/api/v1/workflows/programme/{programme.pk}/transitions/record_council_vote/"
    response = api_as(make_user(Role.COUNCIL_STAFF)).post(
        url, {"votes_for": "trzydzieści"}, format="json"
    )
    assert response.status_code == 409


def test_unknown_fields_are_a_400_naming_them(make_user, api_as):
    _kind, obj, body, actor = _arranged("programme", "record_first_reading", make_user)
    url = f"/api/v1/workflows/programme/{obj.pk}/transitions/record_first_reading/"
    response = api_as(actor).post(url, {**body, "colour": "red"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["unexpected"] == ["colour"]


def test_the_openapi_schema_documents_each_input_at_its_own_path(client):
    served = client.get("/api/v1/schema/", {"format": "json"}).json()
    components = served["components"]["schemas"]
    for kind_name, name in _typed_transitions():
        path = f"/api/v1/workflows/{kind_name}/{{id}}/transitions/{name}/"
        operation = served["paths"][path]["post"]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        documented = set(components[ref.rsplit("/", 1)[-1]]["properties"])
        fields = set(input_for(kinds()[kind_name], name)().fields)
        assert documented == fields | {"reason"}, path
