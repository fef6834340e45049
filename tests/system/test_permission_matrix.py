"""Role × transition matrix, generated from the workflows' declared permissions.

For every registered kind and every declared transition (one case per source state), every
global role, the object-level roles its builder names and an anonymous visitor try the
transition through the API with the object in that source state. Whoever may not see the
object gets 404; whoever the declared permission refuses gets 403 with the transition's own
refusal text; whoever it allows gets past the permission check (200, or 400/409 for missing
payload or unmet conditions — never the wrong-state 409).
"""

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from tests.system.builders import BUILDERS, agreement_in
from workflows import transitions
from workflows.accounts.models import Role
from workflows.registry import get_kind, kinds

# Transitions only the system takes (permission `nobody`); listed so a transition that nobody
# can take by hand is a decision, not an accident.
SYSTEM_ONLY: set[tuple[str, str]] = {
    ("proposal", "place_on_ballot"),  # effect of the edition's open_voting
    ("proposal", "select"),  # by the tally
    ("proposal", "not_select"),  # by the tally
}

# What a source state means for another object: a submitted final report's agreement waits
# for the decision on it.
ALONGSIDE = {("task_report", "submitted"): agreement_in("report_submitted")}


def _states(kind) -> list[str]:
    return [value for value, _ in kind.model._meta.get_field(kind.state_field).choices]


def _source_state(kind, tr) -> str:
    if tr.source in ("*", "+"):
        return next(s for s in _states(kind) if s != tr.target)
    return str(tr.source)


def _cases():
    cases = []
    for name, kind in sorted(kinds().items()):
        seen = set()
        for tr in transitions.declared(kind):
            key = (tr.name, _source_state(kind, tr))
            if key not in seen:
                seen.add(key)
                cases.append(pytest.param(name, *key, id=f"{name}-{key[0]}-from-{key[1]}"))
    return cases


def put_in_state(kind, obj, state: str):
    # A queryset update bypasses the protected FSM field: only the test may do this.
    kind.model._default_manager.filter(pk=obj.pk).update(**{kind.state_field: state})
    return kind.queryset().get(pk=obj.pk)


def expected_status(kind, tr, obj, user) -> str:
    if user is None:
        # Writes need a signed-in user, checked before the body or the object is read: the
        # same 403 for every object, so it tells nothing about which exist.
        return "denied"
    if not kind.can_view(user, obj):
        return "hidden"
    # The declared permission itself, not the engine's check of it.
    if user is None or not tr.has_perm(obj, user):
        return "denied"
    return "allowed"


def attempt(kind_name, obj, name, user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    url = f"/api/v1/workflows/{kind_name}/{obj.pk}/transitions/{name}/"
    return client.post(url, {}, format="json")


def test_every_registered_kind_has_a_builder():
    missing = sorted(set(kinds()) - set(BUILDERS))
    if missing:
        pytest.skip(f"no builder yet for kinds: {', '.join(missing)} (add to builders.py)")


@pytest.mark.django_db
@pytest.mark.parametrize(("kind_name", "name", "source"), _cases())
def test_transition_permission(kind_name, name, source, make_user):
    build = BUILDERS.get(kind_name)
    if build is None:
        pytest.skip(f"no builder for kind {kind_name!r} yet")
    kind = get_kind(kind_name)
    obj, extras = build(make_user)
    actors = {role.label: make_user(role) for role in Role}
    actors.update(extras)
    actors["anonymous"] = None

    wrong, allowed = [], []
    for label, user in actors.items():
        # Each actor finds the object as built: what an allowed one changed is undone.
        with transaction.atomic():
            obj = put_in_state(kind, obj, source)
            if (kind_name, source) in ALONGSIDE:
                ALONGSIDE[kind_name, source](obj, extras)
            tr = transitions.lookup(kind, obj, name)
            assert tr is not None, f"{name} does not leave {source}"
            expected = expected_status(kind, tr, obj, user)
            response = attempt(kind_name, obj, name, user)
            transaction.set_rollback(True)
        body = response.json() if response.content else {}
        code = body.get("error", {}).get("code")
        if expected == "hidden":
            ok = response.status_code == 404
        elif expected == "denied":
            ok = response.status_code == 403
            if ok and user is not None:
                ok = body["error"]["message"] == transitions.denial_of(tr)
        else:
            allowed.append(label)
            # Past the permission check: taken, or refused for payload or conditions only.
            ok = response.status_code == 200 or (
                response.status_code in (400, 409) and code != "conflict"
            )
        if not ok:
            wrong.append(f"{label}: expected {expected}, got {response.status_code} {body}")
    assert not wrong, "\n".join(wrong)
    assert "anonymous" not in allowed
    if (kind_name, name) in SYSTEM_ONLY:
        assert not allowed, f"{kind_name}.{name} is listed as system-only"
    else:
        assert allowed, f"nobody may take {kind_name}.{name} by hand"
