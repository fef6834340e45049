"""Quorum and majority arithmetic (bodies.voting), worked by hand."""

import pytest

from bodies.voting import Count, quorum, refusal


@pytest.mark.parametrize(
    ("members", "percent", "needed"),
    [(15, 50, 8), (14, 50, 7), (10, 50, 5), (9, 50, 5), (21, 33, 7), (3, 100, 3), (1, 50, 1)],
)
def test_quorum_is_the_share_of_the_members_rounded_up(members, percent, needed):
    assert quorum(members, percent) == needed


def count(members=10, present=6, f=4, a=1, x=1):
    return Count(members, present, f, a, x)


def test_without_quorum_the_vote_does_not_carry_whatever_the_votes():
    reason = refusal(count(present=4, f=4, a=0, x=0), quorum_percent=50, majority="simple")
    assert "kworum" in reason and "4 z 10" in reason and "5" in reason


def test_at_exactly_the_quorum_the_vote_counts():
    assert refusal(count(present=5, f=3, a=2, x=0), quorum_percent=50, majority="simple") is None


@pytest.mark.parametrize(
    ("f", "a", "x", "majority", "carries"),
    [
        (3, 2, 1, "simple", True),  # more for than against
        (2, 2, 2, "simple", False),  # a tie does not carry
        (3, 2, 1, "absolute", False),  # 3 of 6 cast is not more than half
        (4, 1, 1, "absolute", True),
        (5, 0, 1, "statutory", False),  # 5 of 10 members is not more than half
        (6, 0, 0, "statutory", True),
    ],
)
def test_majorities(f, a, x, majority, carries):
    tally = count(present=f + a + x, f=f, a=a, x=x)
    reason = refusal(tally, quorum_percent=50, majority=majority)
    assert (reason is None) is carries
    if not carries:
        assert f"{f} za, {a} przeciw, {x}" in reason
