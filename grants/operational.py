"""Operational programmes (the Gdańsk way of running the cooperation programme): the city
groups the programme's tasks into operational programmes, each with a coordinator and a
programme team; competitions belong to one, and each gets its own yearly report."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OperationalProgramme(models.Model):
    programme = models.ForeignKey(
        "consultations.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operational_programmes",
        verbose_name=_("program współpracy"),
    )
    name = models.CharField(_("nazwa"), max_length=300, unique=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_programmes",
        verbose_name=_("koordynator"),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="programme_teams",
        verbose_name=_("zespół programu"),
    )
    # The programme's tasks it groups; small grants and local initiatives in these areas
    # count in its report (competitions belong to it by name).
    task_areas = models.ManyToManyField(
        "consultations.TaskArea",
        blank=True,
        related_name="operational_programmes",
        verbose_name=_("obszary zadań publicznych"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("program operacyjny")
        verbose_name_plural = _("programy operacyjne")

    def __str__(self) -> str:
        return self.name
