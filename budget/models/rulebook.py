"""An edition's ballot rules per pool kind (the council's resolution on the civic budget).

An edition without a row for a pool kind uses its own `vote_rule`, `max_choices`,
`ordinal_points` and `max_points` for pools of that kind.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .editions import PoolKind, VoteRule


class PoolRule(models.Model):
    edition = models.ForeignKey(
        "budget.Edition", on_delete=models.CASCADE, related_name="pool_rules"
    )
    pool_kind = models.CharField(_("rodzaj puli"), max_length=20, choices=PoolKind)
    vote_rule = models.CharField(_("sposób głosowania"), max_length=20, choices=VoteRule)
    max_choices = models.PositiveSmallIntegerField(_("k: najwięcej projektów w puli"), default=5)
    ordinal_points = models.JSONField(_("punkty za kolejne miejsca"), default=list, blank=True)
    max_points = models.PositiveSmallIntegerField(_("P: punkty do rozdzielenia"), default=10)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "pool_kind"], name="one_rule_per_pool_kind")
        ]
        verbose_name = _("zasada głosowania w puli")
        verbose_name_plural = _("zasady głosowania w pulach")

    def __str__(self) -> str:
        return f"{self.get_pool_kind_display()}: {self.get_vote_rule_display()}"

    def clean(self):
        check_rule(self)

    @property
    def choices_limit(self) -> int:
        if self.vote_rule == VoteRule.ORDINAL:
            return len(self.ordinal_points)
        return self.max_choices


def check_rule(rule) -> None:
    """A rule (a PoolRule or an Edition's defaults) that a ballot can follow."""

    if rule.vote_rule == VoteRule.ORDINAL:
        points = rule.ordinal_points
        if (
            not isinstance(points, list)
            or not points
            or any(isinstance(p, bool) or not isinstance(p, int) or p <= 0 for p in points)
            or points != sorted(points, reverse=True)
        ):
            raise ValidationError(_("Podaj malejące punkty za kolejne miejsca, np. [3, 2, 1]."))
    elif rule.vote_rule == VoteRule.APPROVAL and rule.max_choices < 1:
        raise ValidationError(_("k: co najmniej 1 projekt w puli."))
    elif rule.vote_rule == VoteRule.CUMULATIVE and rule.max_points < 1:
        raise ValidationError(_("P: co najmniej 1 punkt do rozdzielenia."))
