"""Reference data the programme links to: public-benefit task areas and strategy goals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskArea(models.Model):
    """A public-benefit task area (sfera zadań publicznych, art. 4 of the 2003 Act) as the
    Kraków programme numbers them (1–16)."""

    number = models.PositiveSmallIntegerField(_("numer"), unique=True)
    name = models.CharField(_("nazwa"), max_length=300)

    class Meta:
        ordering = ["number"]
        verbose_name = _("obszar zadań publicznych")
        verbose_name_plural = _("obszary zadań publicznych")

    def __str__(self) -> str:
        return f"{self.number}) {self.name}"


class StrategyGoal(models.Model):
    """An operational goal of the city's development strategy (e.g. "V.2 Silny sektor…")."""

    code = models.CharField(_("kod"), max_length=20, unique=True)
    title = models.CharField(_("nazwa"), max_length=300)
    description = models.TextField(_("opis"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("cel strategii miasta")
        verbose_name_plural = _("cele strategii miasta")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
