"""Pages ask who may act before they read a form or query string (issue 15: the permission
check comes before any parsing of a request), as the API does (test_gate_before_body.py).

An anonymous person is sent to sign in and a person without the right is refused (403, or
the page's own refusal message), whatever they sent: a NUL character, a broken multipart
body, a form that is not UTF-8. Only the forms open to everyone judge the input first.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import URLResolver, get_resolver, reverse

from budget.models import Proposal
from tests.budget.factories import EditionFactory, PoolFactory, ProposalFactory
from workflows.accounts.models import Organisation

pytestmark = pytest.mark.django_db

NUL = "\x00"
BODIES = {
    "nul": {"data": {"reason": f"x{NUL}", "title": f"a{NUL}b", "name": NUL}},
    "broken multipart": {
        "data": b"--zz\r\nContent-Disposition: form-data\r\n\r\nx",
        "content_type": "multipart/form-data; boundary=zz",
    },
    "not utf-8": {
        "data": "reason=%FF%00",
        "content_type": "application/x-www-form-urlencoded; charset=latin-1",
    },
}
# The forms anyone may send: they judge the input itself (a 400 for a NUL).
OPEN_TO_EVERYONE = {
    "i18n/setlang/",
    "logowanie/",
    "wyloguj/",
    "rejestracja/",
    "haslo/reset/",
}


def page_routes(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from page_routes(entry.url_patterns, route)
        elif not route.startswith(("api/", "admin/", "^")):
            yield route


def url_of(route: str) -> str:
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m[1] == "id" else "x", route)


@pytest.fixture
def proposal(make_user):
    edition = EditionFactory(state="submission")
    return ProposalFactory(pool=PoolFactory(edition=edition), author=make_user(), state="submitted")


def doors(proposal) -> list[str]:
    return [
        reverse("budget:proposal-decide", args=[proposal.pk, "pass_formal_check"]),
        reverse("workflow-take", args=["proposal", proposal.pk, "pass_formal_check"]),
        reverse("budget:proposal-new", args=[proposal.edition.year]),
        reverse("budget:proposal-implementer", args=[proposal.pk]),
    ]


@pytest.mark.parametrize("body", BODIES, ids=str)
def test_anonymous_page_posts_go_to_sign_in_whatever_the_form(client, proposal, body):
    for url in doors(proposal):
        response = client.post(f"{url}?q={NUL}", **BODIES[body])
        assert response.status_code == 302, (url, response.content[:200])
        assert response["Location"].startswith(reverse("login")), url
    assert Proposal.objects.get().state == "submitted"


def test_no_page_judges_an_anonymous_form_before_asking_who_sends_it(client):
    """Every page route of the URLconf (ids that may not exist): a 400 only where anyone may
    post. A new form that reads its input before its login or permission check fails here."""

    judged = set()
    for route in page_routes():
        for body in ("nul", "broken multipart"):
            if client.post(url_of(route), **BODIES[body]).status_code == 400:
                judged.add(route)
    assert judged <= OPEN_TO_EVERYONE


@pytest.mark.parametrize("body", BODIES, ids=str)
def test_a_resident_without_the_right_is_refused_whatever_the_form(
    client, make_user, proposal, body
):
    client.force_login(make_user())
    decide, take, _, implementer = doors(proposal)
    for url in (decide, take):  # the transition pages refuse with a message and go back
        response = client.post(url, **BODIES[body])
        assert response.status_code == 302, (url, response.content[:200])
        refusals = [str(m) for m in get_messages(response.wsgi_request)]
        assert refusals and all("NUL" not in text for text in refusals), refusals
    assert client.post(implementer, **BODIES[body]).status_code == 403
    assert client.post(reverse("organisations"), **BODIES[body]).status_code == 403
    assert Proposal.objects.get().state == "submitted"
    assert not Organisation.objects.exists()


def test_a_permitted_person_still_gets_a_400_for_a_nul(client, make_user):
    from workflows.accounts.models import Role

    client.force_login(make_user(Role.COUNCIL_STAFF))
    response = client.post(reverse("organisations"), {"name": f"Fundacja{NUL}", "kind": "ngo"})
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert not Organisation.objects.exists()
