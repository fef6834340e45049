"""Each city's ballot rules per pool kind: presets, the staff page, the ballot API and page."""

import pytest

from budget.models import Ballot, BallotChoice, Edition, PoolRule
from budget.services.rulebook import rulebook_apply_preset
from workflows.models import AuditEntry

from .factories import DistrictFactory, PoolFactory, ProposalFactory
from .pesel import adult, aged
from .test_voting import cast, picks, who

pytestmark = pytest.mark.django_db


def rules_url(edition):
    return f"/budzet/edycje/{edition.pk}/zasady/"


def on_ballot(pool, author, n):
    return [ProposalFactory(pool=pool, author=author, state="on_ballot") for _ in range(n)]


@pytest.fixture
def city_of(edition_in, author, staff):
    """An edition under a city's preset, in voting, with enough projects in every pool."""

    def build(preset: str, *, thematic: bool = False):
        edition, city, district = edition_in("appeals", "voting")
        rulebook_apply_preset(edition_id=edition.pk, by=staff, preset=preset)
        pools = {"city": (city, on_ballot(city, author, 12))}
        pools["district"] = (district, on_ballot(district, author, 16))
        if thematic:
            green = PoolFactory(edition=edition, kind="thematic", name="Zielony budżet")
            pools["green"] = (green, on_ballot(green, author, 4))
        Edition.objects.filter(pk=edition.pk).update(state="voting")
        return Edition.objects.get(pk=edition.pk), pools

    return build


def test_warsaw_takes_15_district_and_10_citywide_projects(api, city_of):
    edition, pools = city_of("warszawa_2022_2025")
    (city, cp), (district, dp) = pools["city"], pools["district"]
    response = cast(api, edition, picks(city, *cp[:10]), picks(district, *dp[:15]))
    assert response.status_code == 201
    assert BallotChoice.objects.count() == 25


def test_warsaw_refuses_an_11th_citywide_project_naming_the_rule(api, city_of):
    edition, pools = city_of("warszawa_2022_2025")
    (city, cp), (district, dp) = pools["city"], pools["district"]
    response = cast(api, edition, picks(city, *cp[:11]), picks(district, *dp[:2]))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"] == (
        "W puli ogólnomiejskiej możesz wybrać najwyżej 10 projektów (wybrano 11)."
    )
    assert error["details"]["rule"] == "max_choices"
    assert not Ballot.objects.exists()


def test_warsaw_refuses_a_16th_district_project(api, city_of):
    edition, pools = city_of("warszawa_2022_2025")
    district, dp = pools["district"]
    response = cast(api, edition, picks(district, *dp[:16]))
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(
        "W puli dzielnicowej możesz wybrać najwyżej 15 projektów"
    )


def test_krakow_ranks_three_per_pool_with_3_2_1_points(api, city_of):
    edition, pools = city_of("krakow")
    (city, cp), (district, dp) = pools["city"], pools["district"]
    response = cast(api, edition, picks(city, *cp[:3]), picks(district, dp[2], dp[0]))
    assert response.status_code == 201
    points = dict(BallotChoice.objects.values_list("proposal_id", "points"))
    assert [points[p.pk] for p in cp[:3]] == [3, 2, 1]
    assert [points[dp[2].pk], points[dp[0].pk]] == [3, 2]


def test_krakow_refuses_a_fourth_ranked_project(api, city_of):
    edition, pools = city_of("krakow")
    district, dp = pools["district"]
    response = cast(api, edition, picks(district, *dp[:4]))
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(
        "W puli dzielnicowej możesz wybrać najwyżej 3 projekt"
    )


def _second_district(edition, author):
    other = PoolFactory(
        edition=edition, kind="district", district=DistrictFactory(), name="Dzielnica druga"
    )
    return other, on_ballot(other, author, 3)


def test_gdansk_spreads_five_district_points_over_districts_with_one_citywide_vote(
    api, city_of, author
):
    edition, pools = city_of("gdansk", thematic=True)
    (city, cp), (district, dp), (green, gp) = pools["city"], pools["district"], pools["green"]
    other, op = _second_district(edition, author)
    response = cast(
        api,
        edition,
        picks(city, cp[0]),
        picks(district, dp[0], dp[1], points=[2, 1]),
        picks(other, op[0], points=[2]),
        picks(green, gp[0]),
    )
    assert response.status_code == 201, response.json()
    assert BallotChoice.objects.filter(pool__kind="district").count() == 3


def test_gdansk_refuses_a_sixth_district_point_across_districts(api, city_of, author):
    edition, pools = city_of("gdansk", thematic=True)
    (district, dp) = pools["district"]
    other, op = _second_district(edition, author)
    response = cast(
        api, edition, picks(district, dp[0], points=[4]), picks(other, op[0], points=[2])
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"]["rule"] == "max_points_ballot"
    assert "najwyżej 5 punktów (przydzielono 6)" in error["message"]


def test_gdansk_takes_one_citywide_project(api, city_of):
    edition, pools = city_of("gdansk")
    (city, cp) = pools["city"]
    response = cast(api, edition, picks(city, cp[0], cp[1]))
    assert response.status_code == 400
    assert response.json()["error"]["details"]["rule"] == "max_choices"


def test_a_thematic_pool_may_stand_next_to_the_citywide_one(city_of):
    edition, _pools = city_of("gdansk", thematic=True)
    assert {p.kind for p in edition.pools.all()} == {"citywide", "district", "thematic"}


def test_staff_apply_a_preset_on_the_rulebook_page_with_an_audit_entry(client, staff, submission):
    edition, _, _ = submission
    client.force_login(staff)
    response = client.post(rules_url(edition), {"preset": "warszawa_2022_2025"})
    assert response.status_code == 302
    rules = dict(PoolRule.objects.filter(edition=edition).values_list("pool_kind", "max_choices"))
    assert rules["district"] == 15 and rules["citywide"] == 10
    edition.refresh_from_db()
    assert edition.duplicate_policy == "void_both"
    entry = AuditEntry.objects.get(action="rulebook_changed")
    assert entry.payload["preset"] == "warszawa_2022_2025"


def test_staff_adjust_the_rulebook_on_its_page(client, staff, submission):
    edition, _, _ = submission
    client.force_login(staff)
    client.post(rules_url(edition), {"preset": "krakow"})
    form = {
        "pool_mode": "several",
        "max_points": "10",
        "duplicate_policy": "first_counts",
        "minimum_age": "0",
        "guardian_under": "16",
        "citywide-vote_rule": "ordinal",
        "citywide-ordinal_points": "5-3-1",
        "district-vote_rule": "approval",
        "district-max_choices": "4",
        "thematic-vote_rule": "cumulative",
        "thematic-max_points": "7",
    }
    assert client.post(rules_url(edition), form).status_code == 302
    rules = {r.pool_kind: r for r in PoolRule.objects.filter(edition=edition)}
    assert rules["citywide"].ordinal_points == [5, 3, 1]
    assert rules["district"].max_choices == 4
    assert rules["thematic"].max_points == 7
    edition.refresh_from_db()
    assert (edition.pool_mode, edition.guardian_under) == ("several", 16)
    page = client.get(rules_url(edition)).content.decode()
    assert 'value="5-3-1"' in page


def test_rising_ordinal_points_are_refused_on_the_page(client, staff, submission):
    edition, _, _ = submission
    client.force_login(staff)
    form = {
        "pool_mode": "several",
        "max_points": "10",
        "duplicate_policy": "first_counts",
        "minimum_age": "0",
        "guardian_under": "13",
        "citywide-vote_rule": "ordinal",
        "citywide-ordinal_points": "1-2-3",
        "district-vote_rule": "approval",
        "district-max_choices": "4",
        "thematic-vote_rule": "approval",
        "thematic-max_choices": "4",
    }
    response = client.post(rules_url(edition), form)
    assert response.status_code == 400
    assert "malejące punkty" in response.content.decode()
    assert not PoolRule.objects.exists()


def test_the_rulebook_is_refused_with_409_once_voting_started(client, staff, voting):
    edition = voting[0]
    client.force_login(staff)
    response = client.post(rules_url(edition), {"preset": "krakow"})
    assert response.status_code == 409
    assert "Głosowanie już się rozpoczęło" in response.content.decode()
    assert not PoolRule.objects.exists()


def test_residents_do_not_see_the_rulebook_page(client, make_user, submission):
    from workflows.accounts.models import Role

    edition = submission[0]
    client.force_login(make_user(Role.RESIDENT))
    assert client.post(rules_url(edition), {"preset": "krakow"}).status_code == 404
    assert not PoolRule.objects.exists()


@pytest.fixture
def void_both(voting):
    edition = voting[0]
    Edition.objects.filter(pk=edition.pk).update(duplicate_policy="void_both")
    return (Edition.objects.get(pk=edition.pk), *voting[1:])


def paper(api_as, staff, edition, pool, project, pesel, number="K-1"):
    return api_as(staff).post(
        f"/api/v1/budget/editions/{edition.pk}/paper-ballots/",
        {"paper_number": number, "identification": who(pesel), "pools": [picks(pool, project)]},
        format="json",
    )


def assert_both_void(edition):
    from budget import turnout

    ballots = list(Ballot.objects.order_by("id"))
    assert {b.channel for b in ballots} == {"paper", "online"}
    assert all(b.voided_as_duplicate and b.invalidated_at for b in ballots)
    assert all("oba głosy są nieważne" in b.invalidation_reason for b in ballots)
    entries = AuditEntry.objects.filter(action="voided_as_duplicate")
    assert sorted(int(e.object_id) for e in entries) == [b.pk for b in ballots]
    counted = turnout.recount(edition.pk)
    assert counted["total"] == 0 and counted["voided_duplicates"] == 2
    assert turnout.snapshot(edition.pk)["voided_duplicates"] == 2


def test_paper_after_online_voids_both_under_void_both(api, api_as, staff, void_both):
    edition, city, _, cp, _ = void_both
    assert (
        cast(api, edition, picks(city, cp[0]), identification=who(adult(1111))).status_code == 201
    )
    response = paper(api_as, staff, edition, city, cp[1], adult(1111))
    assert response.status_code == 409
    assert "oba głosy są nieważne" in response.json()["error"]["message"]
    assert_both_void(edition)


def test_online_after_paper_voids_both_and_a_third_ballot_is_refused(
    api, api_as, client, staff, void_both
):
    edition, city, _, cp, _ = void_both
    assert paper(api_as, staff, edition, city, cp[0], adult(2222)).status_code == 201
    response = cast(api, edition, picks(city, cp[1]), identification=who(adult(2222)))
    assert response.status_code == 409
    assert_both_void(edition)
    third = cast(api, edition, picks(city, cp[2]), identification=who(adult(2222)))
    assert third.status_code == 409
    assert third.json()["error"]["message"] == "Oddano już głos w tej edycji."
    assert Ballot.objects.count() == 2
    page = client.get(f"/budzet/{edition.year}/").content.decode()
    assert "data-turnout-voided>2<" in page


def test_first_recorded_counts_by_default(api, api_as, staff, voting):
    edition, city, _, cp, _ = voting
    assert (
        cast(api, edition, picks(city, cp[0]), identification=who(adult(3333))).status_code == 201
    )
    assert paper(api_as, staff, edition, city, cp[1], adult(3333)).status_code == 409
    ballot = Ballot.objects.get()
    assert ballot.channel == "online" and ballot.invalidated_at is None


def child(**extra):
    # The voting fixture's edition: minimum age 16, a guardian's consent under 18.
    return who(aged(16, serial=4444), guardian_declared=True, **extra)


PARENT = {"first_name": "Anna", "last_name": "Kowalska", "pesel": adult(4445)}
BAD_CHECKSUM = adult(4445)[:-1] + str((int(adult(4445)[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("guardian", "field"),
    [
        (None, "guardian.first_name"),
        ({**PARENT, "last_name": " "}, "guardian.first_name"),
        (
            {**PARENT, "pesel": BAD_CHECKSUM},
            "guardian.pesel",
        ),
        ({**PARENT, "pesel": aged(17, serial=4446)}, "guardian.pesel"),  # a minor
        ({**PARENT, "pesel": aged(16, serial=4444)}, "guardian.pesel"),  # the voter
    ],
)
def test_a_minor_needs_an_identified_adult_guardian(api, voting, guardian, field):
    edition, city, _, cp, _ = voting
    extra = {"guardian": guardian} if guardian else {}
    response = cast(api, edition, picks(city, cp[0]), identification=child(**extra))
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not Ballot.objects.exists()


def test_the_guardian_is_stored_only_as_a_keyed_hash(api, voting):
    from budget import identity

    edition, city, _, cp, _ = voting
    spelled = {**PARENT, "pesel": " ".join(PARENT["pesel"])}  # any spelling, one normal form
    response = cast(api, edition, picks(city, cp[0]), identification=child(guardian=spelled))
    assert response.status_code == 201
    ballot = Ballot.objects.get()
    assert ballot.guardian_key == identity.guardian_key(edition, PARENT["pesel"])
    assert PARENT["pesel"] not in str(Ballot.objects.values().get())


def test_the_guardian_key_is_in_nothing_published_about_the_box(api, api_as, staff, voting):
    from budget.export import anonymised_ballots
    from budget.results.elections import digest
    from budget.seal import box_digest

    edition, city, _, cp, _ = voting
    response = cast(api, edition, picks(city, cp[0]), identification=child(guardian=PARENT))
    assert response.status_code == 201
    key = Ballot.objects.get().guardian_key
    url = f"/api/v1/workflows/edition/{edition.pk}/transitions/close_voting/"
    assert api_as(staff).post(url, {}, format="json").status_code == 200
    edition.refresh_from_db()
    closing = AuditEntry.objects.get(action="close_voting")
    export = anonymised_ballots(edition)
    assert key not in str(closing.payload) and key not in str(export)
    # Neither the box digest chained at closing nor the export's digest is made from it.
    published = (digest(export), box_digest(edition.pk))
    Ballot.objects.update(guardian_key="0" * 64)
    assert (digest(anonymised_ballots(edition)), box_digest(edition.pk)) == published
    assert closing.payload["effect"]["ballot_box"] == published[1]


def test_an_adult_needs_no_guardian(api, voting):
    edition, city, _, cp, _ = voting
    assert cast(api, edition, picks(city, cp[0])).status_code == 201
    assert Ballot.objects.get().guardian_key == ""


def test_warsaw_ballot_page_shows_each_pools_own_limit(client, city_of):
    edition, pools = city_of("warszawa_2022_2025")
    district = pools["district"][0]
    url = f"/budzet/{edition.year}/glosuj/"
    page = client.get(url, {"dzielnica": district.pk}).content.decode()
    assert 'data-rule="approval" data-limit="10"' in page
    assert 'data-rule="approval" data-limit="15"' in page
    assert "Wybierz najwyżej 15 projektów." in page


def test_krakow_ballot_page_refuses_a_fourth_rank_naming_the_rule(client, city_of):
    edition, pools = city_of("krakow")
    district, dp = pools["district"]
    url = f"/budzet/{edition.year}/glosuj/"
    form = {f"rank-{p.pk}": str(n) for n, p in enumerate(dp[:4], start=1)}
    response = client.post(url, {**form, "dzielnica": district.pk, "krok": "potwierdz"})
    assert response.status_code == 400
    assert "W puli dzielnicowej możesz wybrać najwyżej 3" in response.content.decode()
    ok = {f"rank-{p.pk}": str(n) for n, p in enumerate(dp[:3], start=1)}
    confirm = client.post(url, {**ok, "dzielnica": district.pk, "krok": "potwierdz"})
    assert confirm.status_code == 200


def test_a_minor_votes_on_the_page_with_the_guardian_identified(client, voting):
    edition, city, _, cp, _ = voting
    url = f"/budzet/{edition.year}/glosuj/"
    form = {
        f"pool-{city.pk}": [cp[0].pk],
        "krok": "oddaj",
        "pesel": aged(16, serial=4444),
        "first_name": "Ola",
        "last_name": "Kowalska",
        "residence_declared": "on",
        "guardian_declared": "on",
        "guardian_first_name": "Anna",
        "guardian_last_name": "Kowalska",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "rodzica lub opiekuna" in refused.content.decode()
    response = client.post(url, {**form, "guardian_pesel": PARENT["pesel"]})
    assert response.status_code == 200
    assert Ballot.objects.get().guardian_key
    assert PARENT["pesel"] not in response.content.decode()


def test_staff_add_a_thematic_pool_next_to_the_citywide_one(api_as, staff):
    from .factories import EditionFactory

    edition = EditionFactory()
    url = f"/api/v1/budget/editions/{edition.pk}/pools/"
    pool = {"name": "Pula ogólnomiejska", "amount": "5000000", "max_project_cost": "1000000"}
    pool["population"] = 50000
    assert api_as(staff).put(url, pool, format="json").status_code == 200
    green = {**pool, "name": "Zielony budżet", "kind": "thematic"}
    response = api_as(staff).put(url, green, format="json")
    assert response.status_code == 200
    kinds = {p["name"]: p["kind"] for p in response.json()["pools"]}
    assert kinds == {"Pula ogólnomiejska": "citywide", "Zielony budżet": "thematic"}
    lost = api_as(staff).put(url, {**pool, "kind": "district"}, format="json")
    assert lost.status_code == 400 and lost.json()["error"]["details"]["field"] == "kind"


def test_the_edition_page_states_each_pool_kinds_rule(client, city_of):
    edition, _pools = city_of("warszawa_2022_2025")
    page = client.get(f"/budzet/{edition.year}/").content.decode()
    assert "Pula dzielnicowa: aprobujące (do k projektów w puli), najwyżej 15 projektów" in page
    assert "Pula ogólnomiejska: aprobujące (do k projektów w puli), najwyżej 10 projektów" in page
