import pytest

from workflows.parsing import MAX_ID, MAX_INT, parse_id, parse_int


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
