"""Chapters drafted by sector teams, their versions and the blocks of text they hold."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_anchor() -> str:
    return "p-" + secrets.token_hex(4)


class Chapter(models.Model):
    """One sector team's chapter of the programme (SWOT, goals, actions)."""

    programme = models.ForeignKey(
        "consultations.Programme", on_delete=models.CASCADE, related_name="chapters"
    )
    sector_team = models.ForeignKey(
        "consultations.SectorTeam", on_delete=models.PROTECT, related_name="chapters"
    )
    title = models.CharField(_("tytuł"), max_length=300)
    position = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    class Meta:
        ordering = ["programme", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "sector_team"], name="one_chapter_per_team"
            )
        ]
        verbose_name = _("rozdział")
        verbose_name_plural = _("rozdziały")

    def __str__(self) -> str:
        return self.title


class ChapterVersion(models.Model):
    """A version of a chapter's text. Once published it never changes (a new one is made)."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numer wersji"))
    note = models.CharField(_("opis zmian"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("opublikowano"), null=True, blank=True)

    class Meta:
        ordering = ["chapter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["chapter", "number"], name="one_version_number")
        ]
        verbose_name = _("wersja rozdziału")
        verbose_name_plural = _("wersje rozdziałów")

    def __str__(self) -> str:
        return f"{self.chapter} — wersja {self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class BlockKind(models.TextChoices):
    TEXT = "text", _("akapit")
    STRENGTH = "strength", _("mocna strona")
    WEAKNESS = "weakness", _("słaba strona")
    OPPORTUNITY = "opportunity", _("szansa")
    THREAT = "threat", _("zagrożenie")
    GOAL = "goal", _("cel")
    ACTION = "action", _("działanie")


SWOT_KINDS = [BlockKind.STRENGTH, BlockKind.WEAKNESS, BlockKind.OPPORTUNITY, BlockKind.THREAT]


class Block(models.Model):
    """A paragraph, SWOT item, goal or action of one version.

    `anchor` is the block's identity across versions: a new version copies it, so a comment
    anchored to a block still points at it after other blocks were added, moved or edited.
    """

    version = models.ForeignKey(ChapterVersion, on_delete=models.CASCADE, related_name="blocks")
    anchor = models.CharField(max_length=40, default=new_anchor)
    kind = models.CharField(_("rodzaj"), max_length=20, choices=BlockKind.choices)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("treść"))
    responsible_unit = models.CharField(_("jednostka odpowiedzialna"), max_length=300, blank=True)
    indicator = models.CharField(_("wskaźnik"), max_length=500, blank=True)
    budget_estimate = models.DecimalField(
        _("szacowany koszt (zł)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    task_areas = models.ManyToManyField(
        "consultations.TaskArea", blank=True, verbose_name=_("obszary zadań publicznych")
    )
    strategy_goals = models.ManyToManyField(
        "consultations.StrategyGoal", blank=True, verbose_name=_("cele strategii miasta")
    )
    # Where the text came from when an accepted suggestion put it here (kept by anchor
    # into later versions): the meeting's decision and minutes behind the wording.
    suggestion = models.ForeignKey(
        "meetings.ChapterSuggestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="blocks",
        verbose_name=_("przyjęta propozycja"),
    )

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="one_anchor_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.anchor}: {self.text[:60]}"
