"""Property-based fuzzing of the served OpenAPI schema (schemathesis 4, in-process WSGI).

Every operation of /api/v1/schema/ gets generated requests as an anonymous visitor and as a
signed-in administrator (every role, Token auth). Path ids point at real objects half of the
time so the generated bodies reach the services, not only the 404. Checks: no 5xx, status
codes, content types, headers and bodies as the schema declares them, with no tolerated
nonconformance. The number of cases is printed (`-s`) and asserted to be substantial.
"""

import os
import re
import time

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode, checks
from schemathesis.openapi.checks import RejectedPositiveData

from tests.system.builders import meeting as build_meeting
from tests.system.builders import programme as build_programme
from tests.system.voting import voting_edition
from workflows.accounts.models import Role

# CI's run: 12 cases per operation and mode, the same ones each time. A longer, random run
# (at least 5 minutes): SCHEMATHESIS_EXAMPLES=60 SCHEMATHESIS_RANDOM=1.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))
RANDOM = os.environ.get("SCHEMATHESIS_RANDOM") == "1"
ONLY = os.environ.get("SCHEMATHESIS_ONLY", "")  # operations whose label holds this text
JSON = "application/json"


@schemathesis.check
def schema_valid_request_accepted(ctx, response, case):
    """positive_data_acceptance, with one refusal it allows: a rule of the city the schema
    cannot state (a PESEL checksum, a referenced row that must exist, dates in order, a
    transition this object does not have), answered 400 naming the field of the request to
    correct (or the allowed choices). A parse error, a shape complaint or a field the schema
    does not know still fails."""

    try:
        return checks.positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if response.status_code != 400:
            raise
        if case.operation.path in MINTS_CREDENTIALS:
            return None  # wrong credentials are refused, as schemathesis allows at a tokenUrl
        details = response.json().get("error", {}).get("details", {})
        sent = keys(case.body) | set(case.query or {}) | set(case.path_parameters or {})
        field = str(details.get("field", ""))
        # A field the request left out counts when the schema has it: a condition the schema
        # cannot state (a minor's guardian, a code for the code method) names what to add.
        if field in sent or field.split(".")[0] in declared(case) or "allowed" in details:
            return None
        raise


# DRF's token endpoint answers wrong credentials with 400 (its apiKey scheme has no tokenUrl).
MINTS_CREDENTIALS = {"/api/v1/auth/token/"}


def declared(case) -> set:
    """Every property name the served schema declares (of any request or response)."""

    return properties(case.operation.schema.raw_schema.get("components", {}))


def properties(node) -> set:
    if isinstance(node, dict):
        own = node.get("properties")
        names = set(own) if isinstance(own, dict) else set()
        return names.union(*(properties(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(properties(value) for value in node))
    return set()


def keys(body) -> set:
    """Every property name of a request body, at any depth."""

    if isinstance(body, dict):
        return set(body).union(*(keys(value) for value in body.values()))
    if isinstance(body, list):
        return set().union(*(keys(item) for item in body))
    return set()


CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    schema_valid_request_accepted,
    checks.negative_data_rejection,
]


@pytest.fixture
def known_ids(make_user):
    box = voting_edition(make_user())
    programme, _ = build_programme(make_user)
    meeting, _ = build_meeting(make_user)
    return {
        "/budget/editions/": box.edition.pk,
        "/budget/proposals/": box.projects[0].pk,
        "/budget/implementations/": box.projects[0].pk,
        "/consultations/programmes/": programme.pk,
        "/consultations/chapters/": programme.pk,
        "/meetings/": meeting.pk,
        "/workflows/": meeting.pk,
    }


def aim(case, known_ids: dict, n: int) -> None:
    """Half of the cases address an existing object instead of a random id."""

    if n % 2 or not case.path_parameters:
        return
    for prefix, pk in known_ids.items():
        if prefix in case.path:
            for name in ("id", "pk"):
                if name in case.path_parameters:
                    case.path_parameters[name] = pk
    if "kind" in case.path_parameters:
        case.path_parameters["kind"] = "meeting"


def summary(exc) -> str:
    lines = [line.strip(" |") for line in str(exc).splitlines()]
    found = [line for line in lines if line.strip().startswith(("- ", "[", "Schema at"))]
    found += [line for line in lines if "is not" in line or "Value" in line][:2]
    return " / ".join(line.strip() for line in found[:6] if line.strip()) or lines[0]


def fuzz(schema, headers: dict, known_ids: dict) -> tuple[int, list[str]]:
    ran, failures = 0, []
    for result, mode in [(r, m) for r in schema.get_all_operations() for m in GenerationMode]:
        operation = result.ok()
        if ONLY not in operation.label:
            continue
        negated_json_only = mode is GenerationMode.NEGATIVE

        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis.settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=not RANDOM,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            nonlocal ran
            if negated_json_only and case.media_type not in (None, JSON):  # noqa: B023
                # A form carries only text: a "wrong type" there is the same bytes as a
                # right one (an empty list and an absent field, a repeated key and a list).
                hypothesis.reject()
            aim(case, known_ids, ran)
            ran += 1
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except hypothesis.errors.Unsatisfiable:
            # Nothing to negate: an operation without parameters or body has no invalid
            # request (the positive mode covers it).
            if mode is not GenerationMode.NEGATIVE:
                raise
        except (Exception, BaseExceptionGroup) as exc:  # hypothesis raises a FailureGroup
            codes = sorted(set(re.findall(r"\bST\d{3}\b", str(exc)))) or ["crash"]
            failures.append(f"{operation.label} {mode.value}: {codes} {summary(exc)}")
    return ran, failures


@pytest.mark.django_db
def test_api_fuzzing_anonymous_and_signed_in(schema, known_ids, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # generated uploads stay out of the repository
    admin = make_user(Role.ADMINISTRATOR, *Role)
    token = Token.objects.create(user=admin)
    started = time.monotonic()
    anonymous, anonymous_failures = fuzz(schema, {}, known_ids)
    signed_in, signed_in_failures = fuzz(schema, {"Authorization": f"Token {token.key}"}, known_ids)
    took = time.monotonic() - started
    print(
        f"schemathesis: {anonymous} anonymous + {signed_in} signed-in cases "
        f"over {len(list(schema.get_all_operations()))} operations in {took:.0f} s"
    )
    failures = [f"anonymous {f}" for f in anonymous_failures]
    failures += [f"signed-in {f}" for f in signed_in_failures]
    assert not failures, "\n".join(failures)
    assert anonymous + signed_in > (500 if not ONLY else 0)
