"""The `.pb` reader and writer: round trips, encodings, quoting and every error's line number."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from budget.tally import PbFormatError, Voter, VoteType, parse_pb, read_pb, tally
from budget.tally.model import VoterColumns
from budget.tally.pb_write import format_number, format_pb

from .conftest import pb_files, require_data
from .strategies import elections, examples

GOOD = """META
key;value
description;"Test; with a semicolon"
budget;100.50
vote_type;cumulative
max_sum_points;3
max_length;2
PROJECTS
project_id;cost;name;category
A1;50;"Park ""Zielony"", etap 2";greenery
B2;40.25;Library;culture
VOTES
voter_id;vote;points;age
1;A1,B2;2,1;30
2;B2;3;41
"""


def test_reads_meta_projects_votes_and_quoted_fields():
    election = parse_pb(GOOD)
    assert election.budget == Fraction("100.50")
    assert election.vote_type is VoteType.CUMULATIVE
    assert election.meta["description"] == "Test; with a semicolon"
    assert election.projects["A1"].name == 'Park "Zielony", etap 2'
    assert election.projects["B2"].cost == Fraction("40.25")
    assert election.projects["A1"].extra == {"category": "greenery"}
    assert election.voters[0].projects == ("A1", "B2")
    assert election.voters[0].points == (2, 1)
    assert election.voters[1].extra == {"age": "41"}


@pytest.mark.parametrize(
    "data",
    [GOOD.encode(), ("\ufeff" + GOOD).encode(), GOOD.replace("\n", "\r\n").encode()],
    ids=["utf8", "utf8-bom", "crlf"],
)
def test_encodings_and_line_endings_give_the_same_election(data):
    assert parse_pb(data) == parse_pb(GOOD)


def test_round_trip_keeps_election_and_meta():
    election = parse_pb(GOOD)
    again = parse_pb(format_pb(election))
    assert again == election
    assert list(again.meta.items()) == list(election.meta.items())


@examples(150)
@given(elections())
def test_round_trip_of_random_elections(election):
    again = parse_pb(format_pb(election))
    assert again.projects == election.projects
    assert again.voters == [
        v if v.projects or v.points else type(v)(v.id, (), None) for v in election.voters
    ]
    assert again.budget == election.budget
    assert again.vote_type is election.vote_type


@pytest.mark.parametrize("name", pb_files())
def test_round_trip_of_sample_files(name):
    election = read_pb(require_data(name))
    assert parse_pb(format_pb(election)) == election


@pytest.mark.parametrize("name", pb_files())
def test_votes_read_by_column_equal_votes_read_row_by_row(name):
    """A quoted header cell sends VOTES to the row-by-row csv reader: the same election."""
    text = require_data(name).read_text(encoding="utf-8")
    quoted = text.replace("\nvoter_id;", '\n"voter_id";', 1)
    assert quoted != text
    assert parse_pb(quoted) == parse_pb(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [(Fraction(5), "5"), (Fraction("2572946.76"), "2572946.76"), (Fraction(1, 8), "0.125")],
)
def test_money_is_written_exactly(value, text):
    assert format_number(value) == text


def broken(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            GOOD.replace("VOTES\nvoter_id;vote;points;age\n1;A1,B2;2,1;30\n2;B2;3;41\n", ""),
            12,
            "missing section VOTES",
        ),
        (
            GOOD.replace("PROJECTS\n", "").replace("project_id;cost;name;category\n", ""),
            10,
            "VOTES found where PROJECTS",
        ),
        (broken("2;B2;3;41", "2;C3;3;41"), 15, "unknown project id 'C3'"),
        (broken("B2;40.25;", "B2;-40;"), 11, "negative cost"),
        (broken("2;B2;3;41", "1;B2;3;41"), 15, "duplicate voter id '1'"),
        (broken("max_length;2", "max_length;1"), 14, "more than max_length=1"),
        (broken("2;B2;3;41", "2;B2;4;41"), 15, "more than max_sum_points=3"),
        (broken("1;A1,B2;2,1;30", "1;A1,B2;2;30"), 14, "1 points for 2 projects"),
        (broken("1;A1,B2;2,1;30", "1;A1,A1;2,1;30"), 14, "twice in one vote"),
        (broken("B2;40.25;", "A1;40.25;"), 11, "duplicate project id"),
        (broken("B2;40.25;", "B2;lots;"), 11, "not a number"),
        (broken("budget;100.50\n", ""), 1, "no 'budget'"),
        (broken("vote_type;cumulative", "vote_type;quadratic"), 5, "unknown vote_type"),
        (broken("2;B2;3;41", "2;B2;3"), 15, "expected 4 fields"),
        (broken("voter_id;vote;", "voter;vote;"), 13, "missing column 'voter_id'"),
    ],
)
def test_malformed_file_names_the_line(text, line, words):
    with pytest.raises(PbFormatError) as error:
        parse_pb(text)
    assert error.value.line == line
    assert words in str(error.value)
    assert str(error.value).startswith(f"line {line}: ")


def test_invalid_utf8_names_the_line():
    with pytest.raises(PbFormatError, match="line 3: the file is not valid UTF-8"):
        parse_pb(GOOD.encode().replace(b"description", b"descr\xffiption"))


def test_vote_over_max_sum_cost_names_the_line():
    text = broken("max_length;2", "max_length;2\nmax_sum_cost;60")
    expected = r"line 15: vote costs 90\.25 in total, more than max_sum_cost=60"
    with pytest.raises(PbFormatError, match=expected):
        parse_pb(text)


APPROVAL = """META
key;value
budget;100
PROJECTS
project_id;cost
A;60
B;50
C;40
VOTES
voter_id;vote;age;sex
1;A,B;30;K
2;B;41;M
3;C,B;25;K
"""


def test_voters_of_a_file_are_made_only_when_read_and_read_like_a_list():
    election = parse_pb(APPROVAL)
    voters = election.voters
    assert isinstance(voters, VoterColumns)
    # Counting needs no Voter objects: a city's file has tens of thousands of them.
    result = tally(election, "greedy")
    assert voters._voters is None
    as_list = election.replace(voters=list(voters))
    assert voters._voters is not None
    assert tally(as_list, "greedy").as_json() == result.as_json()
    assert result.projects["B"].votes == 3
    assert len(voters) == 3 and voters[-1] == Voter(
        "3", ("C", "B"), None, {"age": "25", "sex": "K"}
    )
    assert voters == as_list.voters and as_list.voters == voters and voters != ("not", "voters")
    assert election == as_list


def test_spaced_and_blank_votes_read_as_the_same_ballots():
    spaced = APPROVAL.replace("1;A,B;", "1; A , B;").replace("3;C,B;", "3;\tC,B ;")
    blank = APPROVAL.replace("2;B;41", "2;;41")
    assert [v.projects for v in parse_pb(spaced).voters] == [("A", "B"), ("B",), ("C", "B")]
    assert parse_pb(spaced).voters == parse_pb(APPROVAL).voters
    assert [v.projects for v in parse_pb(blank).voters] == [("A", "B"), (), ("C", "B")]
    assert tally(parse_pb(blank), "greedy").projects["B"].votes == 2
