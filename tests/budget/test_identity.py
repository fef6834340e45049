"""One resident, one ballot: whatever the spelling of the PESEL, and whichever way they vote."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget import identity
from budget.models import Ballot, Edition, VotingCode
from workflows.models import AuditEntry

from .pesel import adult, pesel_for
from .test_voting import cast, picks, who

pytestmark = pytest.mark.django_db

# One number, five ways a person (or a form, or a copy from a PDF) writes it.
SPELLINGS = [
    "85031745715",
    "85031-745715",
    "8503 1745715",
    "85031\u2013745715",  # en dash
    "  8503\u20141745715\u00a0",  # em dash, surrounding spaces (one of them non-breaking)
]


def codes_url(edition):
    return f"/api/v1/budget/editions/{edition.pk}/codes/"


def paper(api_as, staff, edition, number, identification, pools):
    body = {"paper_number": number, "identification": identification, "pools": pools}
    url = f"/api/v1/budget/editions/{edition.pk}/paper-ballots/"
    return api_as(staff).post(url, body, format="json")


def issue_codes(api_as, staff, edition, pesels):
    response = api_as(staff).post(
        codes_url(edition), {"pesels": pesels, "label": "Listy"}, format="json"
    )
    assert response.status_code == 200, response.content
    return [line.split(",")[2] for line in response.content.decode().splitlines()[1:]]


def test_every_spelling_of_one_pesel_is_one_voter_online(api, voting):
    edition, city, _, cp, _ = voting
    statuses = [
        cast(api, edition, picks(city, cp[0]), identification=who(s)).status_code for s in SPELLINGS
    ]
    assert statuses == [201, 409, 409, 409, 409]
    assert Ballot.objects.count() == 1


def test_every_spelling_of_one_pesel_is_one_voter_on_paper(api_as, staff, voting):
    edition, city, _, cp, _ = voting
    statuses = [
        paper(api_as, staff, edition, f"K-{n}", who(s), [picks(city, cp[0])]).status_code
        for n, s in enumerate(SPELLINGS)
    ]
    assert statuses == [201, 409, 409, 409, 409]
    assert Ballot.objects.count() == 1
    assert AuditEntry.objects.filter(action="duplicate_refused").count() == 4


SEPARATORS = [" ", "-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\u00a0"]


@st.composite
def spellings(draw, number: str):
    """`number` with separators between digits, spaces around, full-width digits."""

    out = []
    for digit in number:
        if draw(st.booleans()):
            digit = chr(ord(digit) - ord("0") + ord("\uff10"))  # full-width
        out.append(digit + draw(st.text(st.sampled_from(SEPARATORS), max_size=2)))
    pad = st.text(st.sampled_from([" ", "\t", "\u00a0"]), max_size=3)
    return draw(pad) + "".join(out) + draw(pad)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), born=st.dates(date(1930, 1, 1), date(2000, 12, 31)))
def test_any_spelling_that_validates_maps_to_one_key(data, born):
    edition = Edition(minimum_age=0, guardian_under=13, identification=["pesel"], voter_salt="s")
    number = pesel_for(born, data.draw(st.integers(0, 9999)))
    spelling = data.draw(spellings(number))
    ident = {"pesel": spelling, "first_name": "A", "last_name": "B", "residence_declared": True}
    try:
        voter = identity.identify(edition, ident)
    except identity.InvalidInput:
        return  # a spelling refused as a whole is no second voter
    assert voter.key == identity.person_key(edition, number)
    assert voter.key == identity.identify(edition, {**ident, "pesel": number}).key


def test_a_pesel_born_in_1850_or_in_the_future_is_refused_with_a_reason(api, voting):
    edition, city, _, cp, _ = voting
    for born in (date(1850, 6, 1), date(2150, 6, 1)):
        number = pesel_for(born)
        response = cast(api, edition, picks(city, cp[0]), identification=who(number))
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["details"]["field"] == "pesel" and "żyjącego" in error["message"]
        assert number not in response.content.decode()
    assert not Ballot.objects.exists()


def test_code_and_pesel_of_one_resident_are_one_voter(api, api_as, staff, voting):
    edition, city, _, cp, _ = voting
    codes = issue_codes(api_as, staff, edition, [adult(1), "85031-745715", adult(3)])
    assert len(codes) == 3 and not VotingCode.objects.filter(person_key=None).exists()
    # The second resident votes with the letter's code, then tries their PESEL.
    by_code = cast(
        api, edition, picks(city, cp[0]), identification={"method": "code", "code": codes[1]}
    )
    assert by_code.status_code == 201
    again = cast(api, edition, picks(city, cp[1]), identification=who("85031745715"))
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "Oddano już głos w tej edycji."
    # The first votes with the PESEL, then tries the code: refused, and the code stays unused.
    assert cast(api, edition, picks(city, cp[0]), identification=who(adult(1))).status_code == 201
    code = {"method": "code", "code": codes[0].lower().replace("-", " ")}
    assert cast(api, edition, picks(city, cp[1]), identification=code).status_code == 409
    assert VotingCode.objects.filter(used_at__isnull=False).count() == 1
    assert Ballot.objects.count() == 2
    assert set(Ballot.objects.values_list("method", flat=True)) == {"code", "pesel"}


def test_code_then_paper_ballot_with_the_pesel_is_refused(api, api_as, staff, voting):
    edition, city, _, cp, _ = voting
    [code] = issue_codes(api_as, staff, edition, [adult(7)])
    ident = {"method": "code", "code": code}
    assert cast(api, edition, picks(city, cp[0]), identification=ident).status_code == 201
    response = paper(api_as, staff, edition, "K-1", who(adult(7)), [picks(city, cp[1])])
    assert response.status_code == 409
    refused = AuditEntry.objects.get(action="duplicate_refused")
    assert refused.payload["channel"] == "paper" and refused.payload["counted_channel"] == "online"


def test_codes_for_a_list_name_the_bad_and_repeated_lines(api_as, staff, resident, voting):
    edition, *_ = voting
    body = {"pesels": [adult(1), "12345", "8503 1745715", "85031745715"], "label": "x"}
    assert api_as(resident).post(codes_url(edition), body, format="json").status_code == 403
    response = api_as(staff).post(codes_url(edition), body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"]["field"] == "pesels" and error["details"]["lines"] == [2, 4]
    assert "85031745715" not in response.content.decode()
    assert not VotingCode.objects.exists()


def test_a_resident_gets_one_code_per_edition(api_as, staff, voting):
    edition, *_ = voting
    issue_codes(api_as, staff, edition, [adult(1), adult(2)])
    body = {"pesels": [adult(3), f" {adult(2)} "], "label": "druga partia"}
    response = api_as(staff).post(codes_url(edition), body, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["details"]["lines"] == [2]
    assert VotingCode.objects.count() == 2


def test_unbound_codes_are_refused_where_pesel_is_accepted_too(api_as, staff, voting):
    edition, *_ = voting
    assert edition.identification == ["pesel", "code"]
    response = api_as(staff).post(codes_url(edition), {"count": 5, "label": "x"}, format="json")
    assert response.status_code == 409
    assert "imiennie" in response.json()["error"]["message"]
    assert not VotingCode.objects.exists()


def test_an_edition_with_unbound_codes_cannot_open_voting_with_pesel(
    api_as, staff, edition_in, author
):
    from budget.models import CodeBatch

    from .factories import ProposalFactory

    edition, city, _ = edition_in("appeals", "voting")
    ProposalFactory(pool=city, author=author, state="accepted")
    edition.identification = ["code"]
    edition.save()
    api_as(staff).post(codes_url(edition), {"count": 2, "label": "x"}, format="json")
    assert CodeBatch.objects.count() == 1
    edition.identification = ["pesel", "code"]  # changed afterwards (e.g. in the admin)
    edition.save()
    url = f"/api/v1/workflows/edition/{edition.pk}/transitions/open_voting/"
    response = api_as(staff).post(url, {}, format="json")
    assert response.status_code == 409
    assert "albo PESEL, albo kody" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("rule", "points", "field_rule"),
    [
        ("approval", -5, "approval_points"),
        ("approval", 7, "approval_points"),
        ("approval", "1", "approval_points"),
        ("cumulative", -5, "points_positive"),
        ("cumulative", 0, "points_positive"),
        ("cumulative", 11, "points_positive"),
        ("cumulative", True, "points_positive"),
        ("ordinal", 1, "ordinal"),
    ],
)
def test_points_out_of_range_are_400_naming_the_field(api, voting, rule, points, field_rule):
    edition, city, _, cp, _ = voting
    edition.vote_rule, edition.ordinal_points, edition.max_points = rule, [3, 2, 1], 10
    edition.save()
    response = cast(api, edition, picks(city, cp[0], points=[points]))
    assert response.status_code == 400
    details = response.json()["error"]["details"]
    assert (details["field"], details["rule"]) == ("points", field_rule)
    assert not Ballot.objects.exists()


def test_points_within_the_rule_are_accepted(api, voting):
    edition, city, _, cp, _ = voting
    assert cast(api, edition, picks(city, cp[0], cp[1], points=[1, 1])).status_code == 201


@settings(max_examples=200, deadline=None)
@given(
    code=st.text(st.sampled_from(identity.CODE_ALPHABET), min_size=12, max_size=12),
    data=st.data(),
)
def test_any_spelling_of_a_code_maps_to_one_hash(code, data):
    edition = Edition(identification=["code"], voter_salt="s")
    out = []
    for ch in code:
        if data.draw(st.booleans()):
            ch = ch.lower()
        if data.draw(st.booleans()):
            ch = chr(ord(ch) + 0xFEE0)  # full-width form
        out.append(ch + data.draw(st.text(st.sampled_from(SEPARATORS), max_size=2)))
    voter = identity.identify(edition, {"method": "code", "code": "".join(out)})
    assert voter.key == identity.code_hash(edition, code)
