"""Money and numbers in Polish format, and English when English is chosen."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from workflows.templatetags.formatting import money, number

NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234567.89"), "1 234 567,89 zł"),
        (1234567.891, "1 234 567,89 zł"),
        (0, "0,00 zł"),
        (999, "999,00 zł"),
        (1000, "1 000,00 zł"),
        ("2500000", "2 500 000,00 zł"),
        (Decimal("-1234.5"), "-1 234,50 zł"),
        (Decimal("0.005"), "0,01 zł"),  # half up, not to even
    ],
)
def test_money_in_polish(value, expected):
    with translation.override("pl"):
        assert plain(money(value)) == expected


def test_money_uses_non_breaking_spaces():
    with translation.override("pl"):
        assert money(1234567) == f"1{NBSP}234{NBSP}567,00{NBSP}zł"


def test_money_whole_zloty():
    with translation.override("pl"):
        assert plain(money(Decimal("1500000.40"), 0)) == "1 500 000 zł"


def test_money_in_english():
    with translation.override("en"):
        assert plain(money(Decimal("1234567.89"))) == "PLN 1,234,567.89"


@pytest.mark.parametrize("value", [None, "", "abc", True])
def test_money_of_nothing_is_empty(value):
    assert money(value) == ""


def test_number_groups_thousands():
    with translation.override("pl"):
        assert plain(number(20000)) == "20 000"
        assert plain(number("1234.567", 2)) == "1 234,57"
    with translation.override("en"):
        assert number(20000) == "20,000"


def test_filters_in_a_template():
    template = Template("{% load formatting %}{{ a|money }} / {{ a|money:0 }} / {{ n|number }}")
    with translation.override("pl"):
        text = template.render(Context({"a": Decimal("1234567.89"), "n": 5000}))
    assert plain(text) == "1 234 567,89 zł / 1 234 568 zł / 5 000"
