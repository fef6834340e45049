import pytest
from django.utils import translation

from workflows.errors import InvalidInput
from workflows.parsing import MAX_ID, MAX_INT, parse_id, parse_int, require_id, require_int


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12", 12),
        (12, 12),
        ("007", 7),
        (str(MAX_ID), MAX_ID),
        (MAX_ID, MAX_ID),
        ("1", 1),
    ],
)
def test_an_id_in_range_is_parsed(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "²",  # isdigit() but not int()
        "١٢",  # Arabic-Indic digits: int() reads 12
        " 12",
        "12 ",
        "1_2",
        "+1",
        "-1",
        -1,
        "0",
        0,
        "",
        str(MAX_ID + 1),
        MAX_ID + 1,
        str(10**30),
        10**30,
        True,
        False,
        12.0,
        None,
        [12],
    ],
)
def test_anything_else_is_not_an_id(value):
    assert parse_id(value) is None


def test_a_number_may_be_zero_and_is_bounded_by_its_column():
    assert parse_int("0") == 0
    assert parse_int(str(MAX_INT), high=MAX_INT) == MAX_INT
    assert parse_int(MAX_INT + 1, high=MAX_INT) is None
    assert parse_int("-1") is None
    assert parse_int("²") is None


def test_a_long_string_is_refused_without_parsing_it():
    assert parse_int("9" * 5000) is None  # int() would raise: Python limits digits it parses


def test_a_required_number_may_have_spaces_around_it():
    assert require_int(" 12 ", "votes_for") == 12
    assert require_id("7", "meeting") == 7


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: require_int("-1", "votes_for"), "„votes_for”: podaj nieujemną liczbę"),
        (lambda: require_int(None, "votes_for"), "„votes_for”: podaj nieujemną liczbę"),
        (lambda: require_id("0", "meeting"), "„meeting”: podaj dodatnią liczbę"),
        (lambda: require_id("", "meeting"), "„meeting”: podaj dodatnią liczbę"),
        (lambda: require_int("12", "year", low=2000, high=2100), "„year”: .* od 2000 do 2100"),
    ],
)
def test_a_bad_required_number_is_a_400_naming_the_field(call, message):
    with translation.override("pl"), pytest.raises(InvalidInput, match=message) as refused:
        call()
    assert f"„{refused.value.details['field']}”" in refused.value.message


def test_an_optional_number_may_be_missing_or_empty():
    assert require_id(None, "chapter", optional=True) is None
    assert require_id("", "chapter", optional=True) is None
    with pytest.raises(InvalidInput):
        require_id("x", "chapter", optional=True)
