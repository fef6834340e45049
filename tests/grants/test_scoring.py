"""The commission's arithmetic against hand-worked examples."""

from decimal import Decimal
from types import SimpleNamespace

from grants.scoring import Rule, combined_score, member_score, totals

# Criterion 1 "Jakość": 60%, 0–10 points; criterion 2 "Koszty": 40%, 0–5 points.
CRITERIA = {1: Rule(weight=60, max_points=10), 2: Rule(weight=40, max_points=5)}


def test_a_member_score_is_the_weighted_share_of_each_maximum():
    # 8/10 × 60 + 4/5 × 40 = 48 + 32 = 80
    assert member_score({1: 8, 2: 4}, CRITERIA) == Decimal("80")
    assert member_score({1: 10, 2: 5}, CRITERIA) == Decimal("100")
    assert member_score({1: 0, 2: 0}, CRITERIA) == Decimal("0")


def test_the_combined_score_is_the_mean_over_members():
    # 80, 7/10×60 + 3/5×40 = 42 + 24 = 66, 9/10×60 + 2/5×40 = 54 + 16 = 70 → 216 / 3 = 72
    sheets = [{1: 8, 2: 4}, {1: 7, 2: 3}, {1: 9, 2: 2}]
    assert combined_score(sheets, CRITERIA) == Decimal("72.00")


def test_the_combined_score_is_rounded_half_up_to_hundredths():
    # 30 + 8 = 38, 36 + 16 = 52, 60 + 40 = 100 → 190 / 3 = 63.333… → 63.33
    assert combined_score([{1: 5, 2: 1}, {1: 6, 2: 2}, {1: 10, 2: 5}], CRITERIA) == Decimal("63.33")
    # One criterion, 0–3 points: 2/3 × 100 = 66.666… → 66.67
    assert combined_score([{7: 2}], {7: Rule(100, 3)}) == Decimal("66.67")
    # 1/8 × 100 = 12.5 and 0 → 6.25; 1/8 × 100 = 12.5 alone stays 12.50
    assert combined_score([{7: 1}, {7: 0}], {7: Rule(100, 8)}) == Decimal("6.25")


def test_nobody_scored_is_no_score():
    assert combined_score([], CRITERIA) is None


def lines(*rows):
    return [
        SimpleNamespace(
            quantity=Decimal(q), unit_cost=Decimal(u), from_grant=Decimal(g), from_own=Decimal(o)
        )
        for q, u, g, o in rows
    ]


def test_the_cost_estimate_totals_and_own_share():
    # 10 × 2000 = 20 000 (18 000 + 2 000); 2.5 × 333.33 = 833.325 → 833.33 (0 + 833.33)
    sums = totals(lines(("10", "2000", "18000", "2000"), ("2.5", "333.33", "0", "833.33")))
    assert sums.total == Decimal("20833.33")
    assert (sums.from_grant, sums.from_own) == (Decimal("18000"), Decimal("2833.33"))
    # 2833.33 / 20833.33 = 13.5999… % → 13.60
    assert sums.own_percent == Decimal("13.60")
    assert totals([]).own_percent == Decimal("0")
