"""Integer ids in URLs are bounded: an id no database column can hold is a 404 from the URL
resolver, before any view or query runs (2**63 on SQLite was a 500)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter

from workflows.accounts.models import Role
from workflows.converters import IdConverter
from workflows.parsing import MAX_ID

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes(patterns=None, prefix=""):
    """Every endpoint's route (`path()` syntax) with the converters of its parameters."""

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        converters = dict(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            for inner, inner_converters in routes(entry.url_patterns, route):
                yield inner, converters | inner_converters
        elif isinstance(entry, URLPattern):
            yield route, converters


ID_ROUTES = sorted(
    route
    for route, converters in routes()
    if any(isinstance(c, IdConverter) for c in converters.values())
)


def fill(route: str, value) -> str:
    def one(match):
        return str(value) if match["converter"] == "id" else "meeting"

    return "/" + PARAMETER.sub(one, route)


def test_every_integer_parameter_is_a_bounded_id():
    unbounded = [
        route
        for route, converters in routes()
        if any(type(c) is IntConverter for c in converters.values())
    ]
    assert not unbounded, f"use <id:...> instead of <int:...>: {unbounded}"
    assert len(ID_ROUTES) > 50


@pytest.mark.parametrize("route", ID_ROUTES)
def test_a_valid_id_resolves(route):
    for value in (1, MAX_ID):
        match = resolve(fill(route, value))
        ids = [v for v in match.kwargs.values() if isinstance(v, int)]
        assert match.route == route and ids and all(v == value for v in ids), match


@pytest.mark.django_db
@pytest.mark.parametrize("value", [MAX_ID + 1, 10**30])
def test_an_id_out_of_range_is_404_for_anonymous_and_administrator(client, make_user, value):
    admin = make_user(Role.ADMINISTRATOR, *Role)
    for signed_in in (False, True):
        if signed_in:
            client.force_login(admin)
        wrong = {}
        for route in ID_ROUTES:
            url = fill(route, value)
            status = client.get(url).status_code
            if status != 404:
                wrong[url] = status
        assert not wrong, f"signed in: {signed_in}: {wrong}"
