"""Refused ballots are limited per address, so PESEL numbers cannot be tried in bulk."""

import pytest

from budget.api.editions import REFUSALS_PER_ADDRESS
from budget.models import Ballot

from .pesel import adult
from .test_voting import cast, picks, who

pytestmark = pytest.mark.django_db
LIMIT = int(REFUSALS_PER_ADDRESS.split("/")[0])


def test_too_many_refused_attempts_from_one_address_get_429(api, voting):
    edition, city, _, cp, _ = voting
    for _ in range(LIMIT):
        bad = cast(api, edition, picks(city, cp[0]), identification=who("12345678901"))
        assert bad.status_code == 400
    response = cast(api, edition, picks(city, cp[0]))
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    assert "Zbyt wiele odrzuconych prób" in response.json()["error"]["message"]
    assert not Ballot.objects.exists()


def test_accepted_ballots_from_one_address_are_not_limited(api, voting):
    edition, city, _, cp, _ = voting
    for serial in range(LIMIT + 5):
        voter = who(adult(serial))
        assert cast(api, edition, picks(city, cp[0]), identification=voter).status_code == 201
    assert Ballot.objects.count() == LIMIT + 5


def test_refusals_from_another_address_do_not_count(api, voting):
    edition, city, _, cp, _ = voting
    for _ in range(LIMIT):
        cast(api, edition, picks(city, cp[0]), identification=who("12345678901"))
    api.defaults["REMOTE_ADDR"] = "10.1.2.3"
    assert cast(api, edition, picks(city, cp[0])).status_code == 201


def test_ballots_are_accepted_when_the_rate_limit_cache_is_down(api, voting, settings):
    edition, city, _, cp, _ = voting
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    assert cast(api, edition, picks(city, cp[0])).status_code == 201


def test_changing_the_end_of_an_ipv6_address_does_not_dodge_the_limit(api, voting):
    edition, city, _, cp, _ = voting
    for n in range(LIMIT):
        api.defaults["REMOTE_ADDR"] = f"2001:db8:1:2::{n + 1:x}"
        cast(api, edition, picks(city, cp[0]), identification=who("12345678901"))
    api.defaults["REMOTE_ADDR"] = "2001:db8:1:2:ffff::1"  # the same /64
    assert cast(api, edition, picks(city, cp[0])).status_code == 429
    api.defaults["REMOTE_ADDR"] = "2001:db8:1:3::1"  # another network
    assert cast(api, edition, picks(city, cp[0])).status_code == 201


def test_one_refusal_short_of_the_limit_still_lets_a_ballot_through(api, voting):
    edition, city, _, cp, _ = voting
    for _ in range(LIMIT - 1):
        cast(api, edition, picks(city, cp[0]), identification=who("12345678901"))
    assert cast(api, edition, picks(city, cp[0])).status_code == 201
