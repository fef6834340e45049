"""Casting ballots: identification, the vote rules, one ballot per voter, the frozen box."""

import pytest

from budget.models import Ballot, BallotChoice, VotingCode
from workflows.models import AuditEntry

from .factories import schedule
from .pesel import adult, aged

pytestmark = pytest.mark.django_db


def cast_url(edition):
    return f"/api/v1/budget/editions/{edition.pk}/ballots/"


def who(pesel=None, **extra):
    return {
        "method": "pesel",
        "pesel": pesel or adult(),
        "first_name": "Jan",
        "last_name": "Kowalski",
        "residence_declared": True,
        **extra,
    }


def picks(pool, *projects, points=None):
    choices = [{"proposal": p.pk} for p in projects]
    if points:
        for choice, value in zip(choices, points, strict=True):
            choice["points"] = value
    return {"pool": pool.pk, "choices": choices}


def cast(api, edition, *pools, identification=None):
    return api.post(
        cast_url(edition),
        {"identification": identification or who(), "pools": list(pools)},
        format="json",
    )


def test_a_valid_ballot_gets_a_receipt_and_stores_only_a_hash(api, voting):
    edition, city, district, cp, dp = voting
    response = cast(api, edition, picks(city, cp[0], cp[1]), picks(district, dp[0]))
    assert response.status_code == 201
    ballot = Ballot.objects.get()
    assert ballot.receipt == response.json()["receipt"]
    assert len(ballot.voter_key) == 64 and adult() not in ballot.voter_key
    assert ballot.age_band == "35-49"
    assert sorted(BallotChoice.objects.values_list("proposal_id", flat=True)) == sorted(
        [cp[0].pk, cp[1].pk, dp[0].pk]
    )


def test_second_ballot_of_the_same_voter_is_409_and_changes_nothing(api, voting):
    edition, city, _, cp, _ = voting
    assert cast(api, edition, picks(city, cp[0])).status_code == 201
    response = cast(api, edition, picks(city, cp[1]))
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "Oddano już głos w tej edycji."
    assert list(BallotChoice.objects.values_list("proposal_id", flat=True)) == [cp[0].pk]


@pytest.mark.parametrize(
    "bad",
    [
        "8504121234",  # too short
        "850412123456",  # too long
        "85041212A44",  # not digits
        "85041212345",  # wrong checksum
        "85133112347",  # month 13: impossible date
        "85023012346",  # 30 February
    ],
)
def test_malformed_pesel_is_400_without_echo(api, voting, bad):
    edition, city, _, cp, _ = voting
    response = cast(api, edition, picks(city, cp[0]), identification=who(bad))
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Nieprawidłowy numer PESEL."
    assert bad not in response.content.decode()
    assert not Ballot.objects.exists()


def test_impossible_date_cases_really_have_valid_checksums():
    # The two "impossible date" cases above must fail on the date, not on the checksum.
    from stdnum.pl.pesel import calc_check_digit

    assert calc_check_digit("8513311234") == "7"
    assert calc_check_digit("8502301234") == "6"


def test_too_young_is_403_with_the_minimum_age(api, voting):
    edition, city, _, cp, _ = voting
    response = cast(api, edition, picks(city, cp[0]), identification=who(aged(15)))
    assert response.status_code == 403
    assert "16 lat" in response.json()["error"]["message"]
    assert response.json()["error"]["details"]["minimum_age"] == 16


def test_under_the_guardian_age_needs_the_declaration(api, voting):
    edition, city, _, cp, _ = voting
    young = aged(16, serial=4321)
    response = cast(api, edition, picks(city, cp[0]), identification=who(young))
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "guardian_declared"
    parent = {"first_name": "Anna", "last_name": "Kowalska", "pesel": adult(4322)}
    consent = who(young, guardian_declared=True, guardian=parent)
    ok = cast(api, edition, picks(city, cp[0]), identification=consent)
    assert ok.status_code == 201


def test_residence_must_be_declared(api, voting):
    edition, city, _, cp, _ = voting
    response = cast(api, edition, picks(city, cp[0]), identification=who(residence_declared=False))
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "residence_declared"


def test_outside_the_voting_window_is_409_with_the_window(api, voting):
    edition, city, _, cp, _ = voting
    schedule(edition, "results")  # voting window passed, scheduler has not closed it yet
    response = cast(api, edition, picks(city, cp[0]))
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "outside_window" and "tylko w terminie" in error["message"]
    assert error["details"]["closes_at"]


def test_closed_box_is_frozen(api, api_as, staff, voting):
    edition, city, _, cp, _ = voting
    assert cast(api, edition, picks(city, cp[0])).status_code == 201
    assert (
        api_as(staff)
        .post(
            f"/api/v1/workflows/edition/{edition.pk}/transitions/close_voting/", {}, format="json"
        )
        .status_code
        == 200
    )
    response = cast(api, edition, picks(city, cp[1]), identification=who(adult(5555)))
    assert response.status_code == 409 and "zamrożona" in response.json()["error"]["message"]
    ballot = Ballot.objects.get()
    invalidate = api_as(staff).post(
        f"/api/v1/budget/ballots/{ballot.pk}/invalidate/", {"reason": "test"}, format="json"
    )
    assert invalidate.status_code == 409
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    ("rule", "build"),
    [
        ("max_choices", lambda city, d, cp, dp: [picks(city, *cp)]),  # 4 > k = 3
        ("project_in_pool", lambda city, d, cp, dp: [picks(city, dp[0])]),
        (
            "on_ballot",
            lambda city, d, cp, dp: [{"pool": city.pk, "choices": [{"proposal": 99999}]}],
        ),
        ("pool_of_edition", lambda city, d, cp, dp: [{"pool": 99999, "choices": []}]),
        ("project_once", lambda city, d, cp, dp: [picks(city, cp[0], cp[0])]),
        ("not_empty", lambda city, d, cp, dp: []),
    ],
)
def test_ballot_breaking_a_rule_is_400_naming_it_and_nothing_is_stored(api, voting, rule, build):
    edition, city, district, cp, dp = voting
    response = cast(api, edition, *build(city, district, cp, dp))
    assert response.status_code == 400
    assert response.json()["error"]["details"]["rule"] == rule
    assert not Ballot.objects.exists() and not BallotChoice.objects.exists()


def test_one_district_pool_only(api, voting, edition_in):
    from .factories import DistrictFactory, PoolFactory, ProposalFactory

    edition, _city, district, cp, dp = voting
    other = PoolFactory(
        edition=edition,
        district=DistrictFactory(city=edition.city, number=7),
        name="Pula VII",
        amount=900000,
        max_project_cost=200000,
        population=40000,
    )
    project = ProposalFactory(pool=other, author=cp[0].author, state="on_ballot")
    edition.save()
    response = cast(api, edition, picks(district, dp[0]), picks(other, project))
    assert response.status_code == 400
    assert response.json()["error"]["details"]["rule"] == "one_district_pool"


def test_cumulative_points_over_the_limit_are_refused(api, voting):
    edition, city, _, cp, _ = voting
    edition.vote_rule, edition.max_points = "cumulative", 10
    edition.save()
    response = cast(api, edition, picks(city, cp[0], cp[1], points=[6, 5]))
    assert response.status_code == 400
    assert response.json()["error"]["details"]["rule"] == "max_points"
    assert "10 punktów" in response.json()["error"]["message"]
    assert cast(api, edition, picks(city, cp[0], cp[1], points=[6, 4])).status_code == 201
    assert sorted(BallotChoice.objects.values_list("points", flat=True)) == [4, 6]


def test_ordinal_ballot_stores_ranks_and_points(api, voting):
    edition, city, _, cp, _ = voting
    edition.vote_rule = "ordinal"
    edition.save()
    assert cast(api, edition, picks(city, *cp)).json()["error"]["details"]["rule"] == "max_choices"
    assert cast(api, edition, picks(city, cp[2], cp[0])).status_code == 201
    stored = list(
        BallotChoice.objects.order_by("rank").values_list("proposal_id", "rank", "points")
    )
    assert stored == [(cp[2].pk, 1, 3), (cp[0].pk, 2, 2)]


def test_voting_codes_are_single_use_and_stored_hashed(api, api_as, staff, resident, voting):
    edition, city, _, cp, _ = voting
    edition.identification = ["code"]  # unbound codes: only where PESEL is not accepted
    edition.save()
    url = f"/api/v1/budget/editions/{edition.pk}/codes/"
    assert api_as(resident).post(url, {"count": 2, "label": "x"}, format="json").status_code == 403
    response = api_as(staff).post(url, {"count": 3, "label": "Listy — Dzielnica IV"}, format="json")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    codes = [line.split(",")[2] for line in response.content.decode().splitlines()[1:]]
    assert len(codes) == 3
    assert not VotingCode.objects.filter(code_hash__in=codes).exists()
    ident = {"method": "code", "code": codes[0]}
    first = cast(api, edition, picks(city, cp[0]), identification=ident)
    assert first.status_code == 201, first.json()
    again = cast(api, edition, picks(city, cp[1]), identification=ident)
    assert again.status_code == 409
    assert VotingCode.objects.filter(used_at__isnull=False).count() == 1
    unknown = cast(
        api,
        edition,
        picks(city, cp[1]),
        identification={"method": "code", "code": "ABCD-EFGH-JKMN"},
    )
    assert unknown.status_code == 400


def test_paper_ballots_by_staff_with_number_and_duplicate_rule(
    api, api_as, staff, resident, voting
):
    edition, city, _, cp, _ = voting
    url = f"/api/v1/budget/editions/{edition.pk}/paper-ballots/"
    body = {
        "paper_number": "K-000123",
        "identification": who(adult(1111)),
        "pools": [picks(city, cp[0])],
    }
    assert api_as(resident).post(url, body, format="json").status_code == 403
    assert api_as(staff).post(url, body, format="json").status_code == 201
    paper = Ballot.objects.get()
    assert (paper.channel, paper.paper_number, paper.entered_by) == ("paper", "K-000123", staff)
    # the same voter online afterwards: the earlier (paper) ballot counts
    online = cast(api, edition, picks(city, cp[1]), identification=who(adult(1111)))
    assert online.status_code == 409
    refused = AuditEntry.objects.get(action="duplicate_refused")
    assert refused.object_id == str(paper.pk) and refused.payload["channel"] == "online"
    # the same paper number twice
    again = dict(body, identification=who(adult(2222)))
    assert api_as(staff).post(url, again, format="json").status_code == 409
    assert Ballot.objects.count() == 1


def test_invalidation_only_by_staff_with_a_reason_and_audited(api, api_as, staff, verifier, voting):
    edition, city, _, cp, _ = voting
    cast(api, edition, picks(city, cp[0]))
    ballot = Ballot.objects.get()
    url = f"/api/v1/budget/ballots/{ballot.pk}/invalidate/"
    assert api_as(verifier).post(url, {"reason": "x"}, format="json").status_code == 403
    assert api_as(staff).post(url, {"reason": ""}, format="json").status_code == 400
    assert (
        api_as(staff)
        .post(url, {"reason": "Głos oddany za osobę zmarłą."}, format="json")
        .status_code
        == 200
    )
    assert api_as(staff).post(url, {"reason": "x"}, format="json").status_code == 409
    log = AuditEntry.objects.get(action="invalidate")
    assert log.reason == "Głos oddany za osobę zmarłą." and log.by == staff
    assert api.get(f"/api/v1/budget/editions/{edition.pk}/turnout/").json()["total"] == 0


def test_export_is_refused_while_voting_and_anonymised_after(api, api_as, staff, voting):
    edition, city, district, cp, dp = voting
    cast(api, edition, picks(city, cp[0], cp[1]), picks(district, dp[2]))
    url = f"/api/v1/budget/editions/{edition.pk}/export/"
    assert api.get(url).status_code == 409
    api_as(staff).post(
        f"/api/v1/workflows/edition/{edition.pk}/transitions/close_voting/", {}, format="json"
    )
    response = api.get(url)
    assert response.status_code == 200
    data = response.json()
    text = response.content.decode()
    ballot = Ballot.objects.get()
    assert ballot.voter_key not in text and ballot.receipt not in text
    rows = {row["pool"]: row for row in data["ballots"]}
    assert [c["project"] for c in rows[city.pk]["choices"]] == sorted([cp[0].pk, cp[1].pk])
    assert rows[district.pk]["choices"] == [{"project": dp[2].pk, "points": 1, "rank": None}]
    assert set(rows[city.pk]) == {"ballot", "pool", "channel", "age_band", "choices"}


def test_export_builds_a_tally_election(api, api_as, staff, voting):
    from budget.export import anonymised_ballots, election_for_pool

    edition, city, _, cp, _ = voting
    cast(api, edition, picks(city, cp[0], cp[1]))
    api_as(staff).post(
        f"/api/v1/workflows/edition/{edition.pk}/transitions/close_voting/", {}, format="json"
    )
    edition.refresh_from_db()
    election = election_for_pool(anonymised_ballots(edition), city.pk)
    assert len(election.projects) == 4 and len(election.voters) == 1
    assert set(election.voters[0].projects) == {str(cp[0].pk), str(cp[1].pk)}


def test_votes_per_project_are_never_exposed_while_voting(api, voting):
    edition, city, _, cp, _ = voting
    cast(api, edition, picks(city, cp[0]))
    for url in (
        f"/api/v1/budget/editions/{edition.pk}/ballot/",
        f"/api/v1/budget/proposals/{cp[0].pk}/",
        f"/api/v1/budget/proposals/?edition={edition.pk}",
        f"/api/v1/budget/editions/{edition.pk}/turnout/",
    ):
        text = api.get(url).content.decode()
        assert '"votes"' not in text and '"points"' not in text and '"score"' not in text
    turnout = api.get(f"/api/v1/budget/editions/{edition.pk}/turnout/").json()
    assert turnout["total"] == 1 and turnout["by_pool"] == {str(city.pk): 1}


def test_tally_rule_choices_follow_the_counting_package():
    from budget.models.editions import TALLY_RULES
    from budget.tally import RULES

    assert tuple(RULES) == TALLY_RULES


def test_ballot_cast_is_one_short_transaction(api, voting, django_assert_max_num_queries):
    edition, city, _, cp, _ = voting
    cast(api, edition, picks(city, cp[0]), identification=who(adult(3001)))  # warms the cache
    # SELECT edition, SAVEPOINT, INSERT ballot, INSERT choices, RELEASE
    with django_assert_max_num_queries(5):
        response = cast(api, edition, picks(city, cp[0], cp[1]), identification=who(adult(3002)))
    assert response.status_code == 201


def test_every_ballot_is_sealed_and_an_edit_breaks_the_seal(api, voting, staff):
    from django.core.management import CommandError, call_command

    edition, city, district, cp, dp = voting
    assert cast(api, edition, picks(city, cp[0]), picks(district, dp[0])).status_code == 201
    call_command("verify_audit")
    Ballot.objects.update(age_band="18-24")
    with pytest.raises(CommandError, match="FAILED"):
        call_command("verify_audit")
