"""Public comments on the draft programme and the coordinating team's answers."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

RESIDENT_LABEL = _("mieszkaniec")


class CommentKind(models.TextChoices):
    CHANGE = "change", _("zmiana zapisu")
    ADDITION = "addition", _("dodanie zapisu")
    DELETION = "deletion", _("usunięcie zapisu")
    GENERAL = "general", _("uwaga ogólna")


class Target(models.TextChoices):
    PROGRAMME = "programme", _("program")
    CHAPTER = "chapter", _("rozdział")
    PARAGRAPH = "paragraph", _("akapit")
    ACTION = "action", _("działanie")


class Comment(models.Model):
    programme = models.ForeignKey(
        "consultations.Programme", on_delete=models.CASCADE, related_name="comments"
    )
    chapter = models.ForeignKey(
        "consultations.Chapter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    # The published version read by the author, and the anchor of the block commented on.
    version = models.ForeignKey(
        "consultations.ChapterVersion", null=True, blank=True, on_delete=models.PROTECT
    )
    anchor = models.CharField(max_length=40, blank=True)
    target = models.CharField(_("czego dotyczy"), max_length=20, choices=Target.choices)
    # The commented text as the author saw it: the report stays true after later edits.
    quoted_text = models.TextField(_("komentowany zapis"), blank=True)
    kind = models.CharField(_("rodzaj uwagi"), max_length=20, choices=CommentKind.choices)
    proposed_wording = models.TextField(_("proponowane brzmienie"), blank=True)
    justification = models.TextField(_("uzasadnienie"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programme_comments"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programme_comments",
        verbose_name=_("w imieniu organizacji"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "created_at", "id"]
        indexes = [models.Index(fields=["programme", "created_at"])]
        verbose_name = _("uwaga")
        verbose_name_plural = _("uwagi")

    def __str__(self) -> str:
        return f"Uwaga {self.pk} ({self.author_label})"

    @property
    def author_label(self) -> str:
        return self.organisation.name if self.organisation_id else str(RESIDENT_LABEL)

    @property
    def author_krs(self) -> str:
        """The KRS number of the organisation commenting (some entities have none)."""

        return (self.organisation.krs or "") if self.organisation_id else ""

    @property
    def answer_or_none(self):
        try:
            return self.answer
        except ObjectDoesNotExist:
            return None


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("uwzględniona")
    PARTLY = "partly", _("uwzględniona częściowo")
    REJECTED = "rejected", _("nieuwzględniona")
    NOT_APPLICABLE = "not_applicable", _("nie dotyczy")


class Answer(models.Model):
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="answer")
    decision = models.CharField(_("rozstrzygnięcie"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("uzasadnienie odpowiedzi"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("odpowiedź na uwagę")
        verbose_name_plural = _("odpowiedzi na uwagi")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} (uwaga {self.comment_id})"
