"""The rulebook through the pages a person uses: a points (cumulative) ballot, the Polish
plural of the limits, and "void both" through the paper-ballot entry page."""

import pytest

from budget.models import Ballot, BallotChoice, PoolRule

from .pesel import adult
from .test_rulebook import (  # noqa: F401 - city_of and void_both are fixtures
    _second_district,
    assert_both_void,
    city_of,
    paper,
    void_both,
)
from .test_voting import cast, picks, who

pytestmark = pytest.mark.django_db

VOTER = {
    "first_name": "Jan",
    "last_name": "Kowalski",
    "residence_declared": "on",
}


def vote_url(edition):
    return f"/budzet/{edition.year}/glosuj/"


def paper_url(edition):
    return f"/budzet/{edition.year}/karty-papierowe/"


def test_gdansk_points_ballot_on_the_page_spreads_five_points_over_districts(
    client,
    city_of,  # noqa: F811
    author,
):
    edition, pools = city_of("gdansk")
    (city, cp), (_district, dp) = pools["city"], pools["district"]
    _other, op = _second_district(edition, author)
    page = client.get(vote_url(edition)).content.decode()
    # "several": every district's pool is on the one card, sharing five points.
    assert page.count('data-rule="cumulative" data-limit="5" data-shared="1"') == 2
    assert "Rozdziel najwyżej 5 punktów na całej karcie." in page
    assert f'name="points-{op[0].pk}" min="0" max="5"' in page
    assert "Wybierz najwyżej 1 projekt." in page

    over = {f"points-{dp[0].pk}": "4", f"points-{op[0].pk}": "2", "krok": "potwierdz"}
    refused = client.post(vote_url(edition), over)
    assert refused.status_code == 400
    assert "najwyżej 5 punktów (przydzielono 6)" in refused.content.decode()
    # The refused page keeps the points typed.
    assert f'name="points-{dp[0].pk}" min="0" max="5" value="4"' in refused.content.decode()

    choice = {
        f"pool-{city.pk}": [cp[0].pk],
        f"points-{dp[0].pk}": "3",
        f"points-{op[0].pk}": " 2 ",
    }
    confirm = client.post(vote_url(edition), {**choice, "krok": "potwierdz"})
    assert confirm.status_code == 200
    assert "Sprawdź swój wybór" in confirm.content.decode()
    done = client.post(
        vote_url(edition), {**choice, **VOTER, "pesel": adult(6161), "krok": "oddaj"}
    )
    assert done.status_code == 200, done.content.decode()
    points = dict(BallotChoice.objects.values_list("proposal_id", "points"))
    assert points == {cp[0].pk: 1, dp[0].pk: 3, op[0].pk: 2}


def test_the_ballot_page_states_each_limit_in_its_polish_plural(client, city_of):  # noqa: F811
    edition, pools = city_of("warszawa_2022_2025")
    PoolRule.objects.filter(edition=edition, pool_kind="district").update(max_choices=2)
    PoolRule.objects.filter(edition=edition, pool_kind="citywide").update(max_choices=1)
    edition.save()  # a new updated_at: no cached snapshot of the old rules
    district = pools["district"][0]
    page = client.get(vote_url(edition), {"dzielnica": district.pk}).content.decode()
    assert "Wybierz najwyżej 2 projekty." in page
    assert "Wybierz najwyżej 1 projekt." in page
    assert "wyb." not in page
    # Refused over the limit, the message counts in the same plural.
    form = {f"pool-{district.pk}": [p.pk for p in pools["district"][1][:3]]}
    form.update(dzielnica=district.pk, krok="potwierdz")
    refused = client.post(vote_url(edition), form)
    assert refused.status_code == 400
    assert "najwyżej 2 projekty (wybrano 3)" in refused.content.decode()


def test_krakow_ballot_page_ranks_3_projekty(client, city_of):  # noqa: F811
    edition, pools = city_of("krakow")
    district = pools["district"][0]
    page = client.get(vote_url(edition), {"dzielnica": district.pk}).content.decode()
    assert page.count("Uszereguj najwyżej 3 projekty (punkty 3-2-1).") == 2


def test_online_then_paper_on_the_entry_page_voids_both(
    api,
    client,
    staff,
    void_both,  # noqa: F811
):
    edition, city, _, cp, _ = void_both
    voter = adult(7171)
    assert cast(api, edition, picks(city, cp[0]), identification=who(voter)).status_code == 201
    client.force_login(staff)
    page = client.get(paper_url(edition)).content.decode()
    assert "oba zostają w urnie z adnotacją" in page
    form = {"paper_number": "K-7", **VOTER, "pesel": voter, f"pool-{city.pk}": [cp[1].pk]}
    response = client.post(paper_url(edition), form)
    assert response.status_code == 409
    assert "oba głosy są nieważne" in response.content.decode()
    assert voter not in response.content.decode()
    assert_both_void(edition)


def test_paper_on_the_entry_page_then_online_voids_both(
    api,
    client,
    staff,
    void_both,  # noqa: F811
):
    edition, city, _, cp, _ = void_both
    voter = adult(7272)
    client.force_login(staff)
    form = {"paper_number": "K-8", **VOTER, "pesel": voter, f"pool-{city.pk}": [cp[1].pk]}
    entered = client.post(paper_url(edition), form)
    assert entered.status_code == 200
    assert "Wprowadzono kartę K-8." in entered.content.decode()
    late = cast(api, edition, picks(city, cp[0]), identification=who(voter))
    assert late.status_code == 409
    assert_both_void(edition)
    assert Ballot.objects.filter(paper_number="K-8").exists()


def test_paper_after_paper_api_is_refused_under_void_both(api_as, staff, void_both):  # noqa: F811
    # Two paper cards of one person are no cross-channel duplicate: the second is refused.
    edition, city, _, cp, _ = void_both
    assert paper(api_as, staff, edition, city, cp[0], adult(7373)).status_code == 201
    again = paper(api_as, staff, edition, city, cp[1], adult(7373), number="K-2")
    assert again.status_code == 409
    assert Ballot.objects.get().invalidated_at is None
