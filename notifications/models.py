"""Notices to people: what happened, who follows what, how each person wants to be told."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    IMMEDIATELY = "immediately", _("od razu")
    DIGEST = "digest", _("raz dziennie, w zestawieniu")
    NEVER = "never", _("nigdy")


class Subscriber(models.Model):
    """A person's mail settings that are not per event: the language mail is written in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE
    )
    language = models.CharField(
        _("język wiadomości"), max_length=8, choices=settings.LANGUAGES, default="pl"
    )

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"


class Preference(models.Model):
    """How a person wants to be told about one kind of event by e-mail (default: at once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    event = models.CharField(max_length=60)
    mode = models.CharField(_("e-mail"), max_length=12, choices=Mode.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="one_preference_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.event} → {self.mode}"


class Follow(models.Model):
    """A person follows a proposal, programme, chapter, district or edition."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_follow_per_object"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("obserwowany obiekt")
        verbose_name_plural = _("obserwowane obiekty")

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model}#{self.object_id}"


class Notification(models.Model):
    """One notice to one person. `key` names the occurrence (an audit entry, a deadline, a
    day): the unique constraint makes a second delivery of the same event impossible."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(max_length=60)
    key = models.CharField(max_length=120)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True)
    subject = GenericForeignKey("content_type", "object_id")
    # Text parameters; the text itself is rendered in the reader's language when read.
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # E-mail: the mode chosen when the notice was made; sent (alone or in a digest) once.
    mail_mode = models.CharField(max_length=12, choices=Mode.choices)
    emailed_at = models.DateTimeField(null=True, blank=True)
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mail_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="one_notice_per_event_and_recipient"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["mail_mode", "emailed_at"]),
        ]
        verbose_name = _("powiadomienie")
        verbose_name_plural = _("powiadomienia")

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient}"


class RecurringRun(models.Model):
    """One run of a recurring job in its time slot: two workers never run the same slot."""

    job = models.CharField(max_length=40)
    slot = models.DateTimeField()
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]

    def __str__(self) -> str:
        return f"{self.job}@{self.slot:%Y-%m-%d %H:%M}"
