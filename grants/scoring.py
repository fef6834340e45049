"""The commission's arithmetic, pure: no database, so it is checked against worked examples.

Each member's score of an offer is the weighted sum of their points as a share of each
criterion's maximum, on a scale of 0–100 (the weights add up to 100). The offer's combined
score is the mean of its members' scores, rounded half up to 0.01.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rule:
    weight: int
    max_points: int


def member_score(points: Mapping[int, int], criteria: Mapping[int, Rule]) -> Decimal:
    """One member's 0–100 score from {criterion id: points} covering every criterion."""

    return sum(
        (Decimal(points[pk]) / rule.max_points * rule.weight for pk, rule in criteria.items()),
        Decimal(0),
    )


def combined_score(
    sheets: Iterable[Mapping[int, int]], criteria: Mapping[int, Rule]
) -> Decimal | None:
    """The mean of the members' scores (None when nobody scored), rounded to 0.01."""

    scores = [member_score(sheet, criteria) for sheet in sheets]
    if not scores:
        return None
    return (sum(scores, Decimal(0)) / len(scores)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    total: Decimal
    from_grant: Decimal
    from_own: Decimal  # the financial own contribution
    from_personal: Decimal = Decimal(0)  # the personal one (work valued in złoty)

    def _percent(self, part: Decimal) -> Decimal:
        if not self.total:
            return Decimal(0)
        return (part * 100 / self.total).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def own(self) -> Decimal:
        return self.from_own + self.from_personal

    @property
    def own_percent(self) -> Decimal:
        return self._percent(self.own)

    @property
    def financial_percent(self) -> Decimal:
        return self._percent(self.from_own)

    @property
    def personal_percent(self) -> Decimal:
        return self._percent(self.from_personal)


def line_total(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    return (quantity * unit_cost).quantize(CENT, rounding=ROUND_HALF_UP)


def line_sources(line) -> Decimal:
    """What a line's sources add up to: the grant, the financial and the personal share."""

    return line.from_grant + line.from_own + getattr(line, "from_personal", Decimal(0))


def totals(lines: Iterable) -> Totals:
    """The cost estimate's sums over lines with quantity, unit_cost, from_grant, from_own
    and (optionally) from_personal."""

    lines = list(lines)
    return Totals(
        total=sum((line_total(x.quantity, x.unit_cost) for x in lines), Decimal(0)),
        from_grant=sum((x.from_grant for x in lines), Decimal(0)),
        from_own=sum((x.from_own for x in lines), Decimal(0)),
        from_personal=sum((getattr(x, "from_personal", Decimal(0)) for x in lines), Decimal(0)),
    )
