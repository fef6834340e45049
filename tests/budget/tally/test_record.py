"""The count's records: what they kept of dataclasses (equality, hashing, repr, replace)."""

from fractions import Fraction

from budget.tally import Election, Project, Voter, VoteType


def test_records_compare_by_value_and_hash_without_their_extra_columns():
    a = Voter("1", ("A", "B"), None, {"age": "30"})
    assert a == Voter("1", ("A", "B"), None, {"age": "30"})
    assert a != Voter("1", ("A", "B"), None, {"age": "31"})
    assert a != Voter("2", ("A", "B"))
    assert a != ("1", ("A", "B"), None, {"age": "30"})  # another type is never equal
    assert hash(a) == hash(Voter("1", ("A", "B"), None, {"age": "99"}))
    plain, with_extra = Project("A", Fraction(5)), Project("A", Fraction(5), extra={"x": "1"})
    assert hash(plain) == hash(with_extra) and plain != with_extra
    assert {plain, Project("A", Fraction(5))} == {plain}


def test_each_record_gets_its_own_extra_dict_and_replace_gives_a_changed_copy():
    a, b = Voter("1", ("A",)), Voter("2", ("B",))
    a.extra["age"] = "30"
    assert b.extra == {}
    c = a.replace(points=(3,))
    assert (c.id, c.projects, c.points, c.extra) == ("1", ("A",), (3,), {"age": "30"})
    assert a.points is None


def test_a_mutable_record_is_not_hashable_and_shows_its_fields():
    election = Election({}, [], Fraction(10), VoteType.APPROVAL)
    assert election.meta == {}
    try:
        hash(election)
    except TypeError:
        pass
    else:
        raise AssertionError("an election is mutable: it must not be hashable")
    assert repr(Voter("1", ("A",))) == "Voter(extra={}, id='1', points=None, projects=('A',))"
