"""Refused ballots are limited per address, so PESEL numbers cannot be probed in bulk; the
ballots of others at that address still go in."""

import pytest
from django.conf import settings

from budget.models import Ballot

from .pesel import adult
from .test_voting import cast, picks, who

pytestmark = pytest.mark.django_db
LIMIT = settings.BALLOT_REFUSALS_PER_MINUTE


BAD_PESEL = "12345678901"


def refuse(api, edition, city, project, times):
    for _ in range(times):
        bad = cast(api, edition, picks(city, project), identification=who(BAD_PESEL))
        assert bad.status_code == 400


def test_past_the_limit_a_refusal_gets_429_without_its_reason(api, voting):
    edition, city, _, cp, _ = voting
    refuse(api, edition, city, cp[0], LIMIT)
    response = cast(api, edition, picks(city, cp[0]), identification=who(BAD_PESEL))
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    error = response.json()["error"]
    assert "Zbyt wiele odrzuconych prób" in error["message"]
    assert "PESEL" not in error["message"]
    assert not Ballot.objects.exists()


def test_past_the_limit_probing_does_not_tell_who_has_voted(api, voting):
    edition, city, _, cp, _ = voting
    voter = who(adult(7))
    assert cast(api, edition, picks(city, cp[0]), identification=voter).status_code == 201
    refuse(api, edition, city, cp[0], LIMIT)
    again = cast(api, edition, picks(city, cp[0]), identification=voter)
    assert again.status_code == 429  # not 409 "already voted"
    assert Ballot.objects.count() == 1


def test_past_the_limit_a_valid_ballot_from_that_address_is_accepted(api, voting):
    # A polling station, or a mobile network's shared address: one prober must not stop
    # everyone else there from voting.
    edition, city, _, cp, _ = voting
    refuse(api, edition, city, cp[0], LIMIT)
    bad = cast(api, edition, picks(city, cp[0]), identification=who(BAD_PESEL))
    assert bad.status_code == 429
    assert cast(api, edition, picks(city, cp[0])).status_code == 201
    assert Ballot.objects.count() == 1


def test_accepted_ballots_from_one_address_are_not_limited(api, voting):
    edition, city, _, cp, _ = voting
    for serial in range(LIMIT + 5):
        voter = who(adult(serial))
        assert cast(api, edition, picks(city, cp[0]), identification=voter).status_code == 201
    assert Ballot.objects.count() == LIMIT + 5


def test_refusals_from_another_address_do_not_count(api, voting):
    edition, city, _, cp, _ = voting
    refuse(api, edition, city, cp[0], LIMIT)
    api.defaults["REMOTE_ADDR"] = "10.1.2.3"
    refuse(api, edition, city, cp[0], 1)


def test_refusals_keep_their_reasons_when_the_rate_limit_cache_is_down(api, voting, settings):
    edition, city, _, cp, _ = voting
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    refuse(api, edition, city, cp[0], LIMIT + 1)
    assert cast(api, edition, picks(city, cp[0])).status_code == 201


def test_changing_the_end_of_an_ipv6_address_does_not_dodge_the_limit(api, voting):
    edition, city, _, cp, _ = voting
    for n in range(LIMIT):
        api.defaults["REMOTE_ADDR"] = f"2001:db8:1:2::{n + 1:x}"
        refuse(api, edition, city, cp[0], 1)
    api.defaults["REMOTE_ADDR"] = "2001:db8:1:2:ffff::1"  # the same /64
    bad = cast(api, edition, picks(city, cp[0]), identification=who(BAD_PESEL))
    assert bad.status_code == 429
    api.defaults["REMOTE_ADDR"] = "2001:db8:1:3::1"  # another network
    refuse(api, edition, city, cp[0], 1)
