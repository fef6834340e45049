"""Cooperation programme consultation: sector teams (more models are added by the app)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SectorTeam(models.Model):
    """A sector team (zespół sektorowy/branżowy) drafting one chapter of the programme."""

    name = models.CharField(_("nazwa"), max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("opis"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="sector_teams",
        blank=True,
        verbose_name=_("członkowie"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_teams",
        verbose_name=_("moderator"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("zespół sektorowy")
        verbose_name_plural = _("zespoły sektorowe")

    def __str__(self) -> str:
        return self.name

    def is_moderator(self, user) -> bool:
        return bool(user and user.is_authenticated and self.moderator_id == user.pk)

    def is_member(self, user) -> bool:
        if not user or not user.is_authenticated:
            return False
        return self.is_moderator(user) or self.members.filter(pk=user.pk).exists()


class CoordinatingTeam(models.Model):
    """The coordinating team (zespół koordynujący) of one programme's consultation round:
    it collects the comments, answers each of them and prepares the final text."""

    programme = models.OneToOneField(
        "consultations.Programme",
        on_delete=models.CASCADE,
        related_name="coordinating_team",
        verbose_name=_("program"),
    )
    name = models.CharField(_("nazwa"), max_length=200, default=_("Zespół Koordynujący"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordinating_teams",
        blank=True,
        verbose_name=_("członkowie"),
    )

    class Meta:
        verbose_name = _("zespół koordynujący")
        verbose_name_plural = _("zespoły koordynujące")

    def __str__(self) -> str:
        return f"{self.name} ({self.programme})"
