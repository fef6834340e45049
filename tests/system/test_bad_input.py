"""Bad input is a clear 4xx in the API's error shape, never a 500 (issue 15): NUL
characters (PostgreSQL cannot store them), bidi controls, deep and oversized JSON, and
anonymous writes refused before their body is read, over the whole URLconf."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from budget.models import Proposal
from consultations.models import Comment
from tests.budget.factories import EditionFactory, PoolFactory, schedule
from tests.system.builders import programme as build_programme
from tests.system.voting import voting_edition
from workflows.accounts.models import Role
from workflows.text import MAX_DEPTH

pytestmark = pytest.mark.django_db

NUL = "\x00"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
DEEP = "[" * 100_000 + "]" * 100_000


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"} and error["message"]
    return error


@pytest.fixture
def submission():
    edition = EditionFactory(state="submission")
    pool = PoolFactory(edition=edition)
    schedule(edition, "submission")
    return edition, pool


def proposal_body(submission, **fields) -> dict:
    edition, pool = submission
    return {"edition": edition.pk, "pool": pool.pk, "category": "greenery", **fields}


# --- NUL characters -----------------------------------------------------------------------


def test_nul_in_an_api_text_field_is_400_naming_it(api_as, make_user, submission):
    response = api_as(make_user()).post(
        "/api/v1/budget/proposals/", proposal_body(submission, title=f"Skwer{NUL}"), format="json"
    )
    assert error_of(response, 400)["details"]["field"] == "title"
    assert not Proposal.objects.exists()


def test_nul_in_a_json_key_or_nested_value_is_400(api_as, make_user, submission):
    client = api_as(make_user())
    for body in ({f"ti{NUL}tle": "x"}, {"title": "x", "extra": [{"a": NUL}]}):
        response = client.post("/api/v1/budget/proposals/", body, format="json")
        error_of(response, 400)


def test_nul_in_the_proposal_search_is_400(api, client, submission):
    error_of(api.get("/api/v1/budget/proposals/", {"q": f"skwer{NUL}"}), 400)
    page = client.get(reverse("budget:proposals", args=[submission[0].year]), {"q": NUL})
    assert page.status_code == 400


def test_nul_in_a_page_form_is_400_and_nothing_is_saved(client, make_user, submission):
    edition, pool = submission
    client.force_login(make_user())
    response = client.post(
        reverse("budget:proposal-new", args=[edition.year]),
        {"title": f"Rowerownia{NUL}", "pool": pool.pk, "category": "roads"},
    )
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert not Proposal.objects.exists()


def test_nul_in_a_form_sent_to_the_api_is_400(api_as, make_user, submission):
    body = proposal_body(submission, title=f"Skwer{NUL}")
    response = api_as(make_user()).post("/api/v1/budget/proposals/", body)  # multipart
    error_of(response, 400)


# --- bidi controls ------------------------------------------------------------------------


def test_bidi_controls_are_stripped_from_api_text(api_as, make_user, submission):
    title = f"Skwer {RLO}exe.gpj\u2066x\u2069\u200f"
    response = api_as(make_user()).post(
        "/api/v1/budget/proposals/", proposal_body(submission, title=title), format="json"
    )
    assert response.status_code == 201, response.json()
    assert Proposal.objects.get().title == "Skwer exe.gpjx"


def test_bidi_controls_are_stripped_from_page_forms(client, make_user, submission):
    edition, pool = submission
    client.force_login(make_user())
    client.post(
        reverse("budget:proposal-new", args=[edition.year]),
        {"title": f"{RLO}Rowerownia", "pool": pool.pk, "category": "roads"},
    )
    assert Proposal.objects.get().title == "Rowerownia"


# --- deep and oversized bodies ------------------------------------------------------------


def test_json_nested_100000_deep_is_400_on_ballots(api, make_user):
    box = voting_edition(make_user())
    response = api.generic("POST", box.cast_url, DEEP, content_type="application/json")
    assert "zagnieżdżone" in error_of(response, 400)["message"]


def test_json_nested_100000_deep_is_400_on_comments(api_as, make_user):
    programme, _ = build_programme(make_user)
    url = f"/api/v1/consultations/programmes/{programme.pk}/comments/"
    client = api_as(make_user(Role.COUNCIL_STAFF))
    error_of(client.generic("POST", url, DEEP, content_type="application/json"), 400)
    # Parsed without trouble, but deeper than any form of the API (MAX_DEPTH).
    too_deep: list = []
    for _ in range(MAX_DEPTH + 1):
        too_deep = [too_deep]
    body = {"justification": "x", "kind": "change", "anchor": too_deep}
    error_of(client.post(url, body, format="json"), 400)
    assert not Comment.objects.exists()


def test_an_oversized_json_body_is_413_in_the_error_shape(api, make_user, settings):
    box = voting_edition(make_user())
    body = '{"x": "' + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = api.generic("POST", box.cast_url, body, content_type="application/json")
    assert error_of(response, 413)["code"] == "too_large"


def test_an_oversized_form_is_413_in_the_error_shape(api_as, make_user, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    box = voting_edition(make_user())
    url = f"/api/v1/budget/editions/{box.edition.pk}/paper-ballots/"
    body = "&".join(f"f{n}=1" for n in range(50))
    client = api_as(make_user(Role.COUNCIL_STAFF))
    response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
    assert error_of(response, 413)["code"] == "too_large"


# --- anonymous writes: refused before the body is read, over the whole URLconf ------------

# The writes anyone may send: casting a ballot (identification is in the body) and getting
# a token (the credentials are).
OPEN_WRITES = {"CastBallot", "TokenView"}
WRITES = ("post", "put", "patch", "delete")


def api_writes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and route.startswith("api/v1/"):
                view = getattr(pattern.callback, "cls", None)
                for method in WRITES:
                    if view is not None and hasattr(view, method):
                        yield route, view.__name__, method

    return sorted(set(walk(get_resolver().url_patterns)))


def concrete(route: str) -> str:
    """A URL for a route: every id 1, a regex group a year, every other segment a word."""

    route = re.sub(r"\(\?P<\w+>[^)]*\)", "2027", route).replace("^", "").replace("$", "")
    route = re.sub(r"<id:\w+>", "1", route)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "x", route)


def test_the_urlconf_has_the_api_writes_the_test_walks():
    views = {view for _, view, _ in api_writes()}
    assert len(api_writes()) > 30 and views >= OPEN_WRITES


@pytest.mark.parametrize("body", ["{}", "{", DEEP, '{"title": "\\u0000"}'])
def test_anonymous_writes_are_refused_before_the_body_is_read(api, body):
    answers = {}
    for route, view, method in api_writes():
        if view in OPEN_WRITES:
            continue
        response = api.generic(method.upper(), concrete(route), body, "application/json")
        answers[f"{method.upper()} {route}"] = response.status_code
    wrong = {key: status for key, status in answers.items() if status not in (401, 403)}
    assert not wrong, wrong


# --- the rate limiter fails open on a cache outage only -----------------------------------


def test_a_cache_outage_lets_logins_through(api, monkeypatch):
    def outage(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr("workflows.throttle.get_usage", outage)
    response = api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json")
    assert response.status_code == 400  # wrong credentials, checked without a limit


def test_a_limiter_bug_is_not_swallowed(api, monkeypatch):
    def bug(*args, **kwargs):
        raise KeyError("rate")

    monkeypatch.setattr("workflows.throttle.get_usage", bug)
    with pytest.raises(KeyError):
        api.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json")


def test_a_body_naming_the_engines_actor_is_400_not_a_server_error(api_as, make_user):
    programme, _ = build_programme(make_user)
    url = f"/api/v1/workflows/programme/{programme.pk}/transitions/publish_drafts/"
    response = api_as(make_user(Role.COUNCIL_STAFF)).post(url, {"by": 1}, format="json")
    assert error_of(response, 400)["details"]["field"] == "by"


@pytest.mark.parametrize("value", [[None, None], True, 7, "1/2/2026", "20260102"])
def test_a_date_sent_as_another_json_type_is_400(api_as, make_user, value):
    from budget.models import Implementation
    from tests.budget.factories import ProposalFactory, UnitFactory

    built = ProposalFactory(state="in_implementation", author=make_user())
    Implementation.objects.create(proposal=built, unit=UnitFactory())
    response = api_as(make_user(Role.COUNCIL_STAFF)).patch(
        f"/api/v1/budget/implementations/{built.pk}/", {"planned_completion": value}, format="json"
    )
    assert error_of(response, 400)["details"]["field"] == "planned_completion"


def test_list_filters_out_of_their_range_are_400(api, make_user):
    programme, _ = build_programme(make_user)
    assert error_of(api.get("/api/v1/budget/proposals/", {"district": "0"}), 400)
    assert error_of(api.get("/api/v1/budget/proposals/", {"limit": "0"}), 400)["details"] == {
        "field": "limit"
    }
    assert error_of(api.get("/api/v1/budget/implementations/", {"offset": "-1"}), 400)
    url = f"/api/v1/consultations/programmes/{programme.pk}/comments/"
    client = api.__class__()
    client.force_authenticate(make_user(Role.COUNCIL_STAFF))
    assert error_of(client.get(url, {"unanswered": "null"}), 400)
    assert (
        error_of(client.get(url, {"organisation": ""}), 400)["details"]["field"] == "organisation"
    )
    assert client.get(url, {"unanswered": "true", "limit": "200"}).status_code == 200
