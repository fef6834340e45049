"""Property-based fuzzing of the served OpenAPI schema (schemathesis 4, in-process WSGI).

Every operation of /api/v1/schema/ gets generated requests as an anonymous visitor and as a
signed-in administrator (every role, Token auth). Path ids point at real objects half of the
time so the generated bodies reach the services, not only the 404. Checks: no 5xx, status
codes, content types, headers and bodies as the schema declares them, with no tolerated
nonconformance. The number of cases is printed (`-s`) and asserted to be substantial.
"""

import re
import time

import hypothesis
import pytest
from hypothesis import HealthCheck, Phase
from rest_framework.authtoken.models import Token
from schemathesis import checks

from tests.system.builders import meeting as build_meeting
from tests.system.builders import programme as build_programme
from tests.system.voting import voting_edition
from workflows.accounts.models import Role

EXAMPLES = 12
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
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
    for result in schema.get_all_operations():
        operation = result.ok()

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            nonlocal ran
            aim(case, known_ids, ran)
            ran += 1
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # hypothesis raises a FailureGroup
            codes = sorted(set(re.findall(r"\bST\d{3}\b", str(exc)))) or ["crash"]
            failures.append(f"{operation.label}: {codes} {summary(exc)}")
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
    assert anonymous + signed_in > 500
