"""The engine's own data: the audit chain, deadlines and the live event log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    """One row per audited action: a state change (`action` is the transition's name) or an
    action that changes no state (an assessment, a refused duplicate ballot, an override);
    append-only and hash-chained.

    `hash` covers this row's content and `prev_hash`, so an edited row breaks its own hash
    and a deleted row breaks the link of the next one (`verify_audit` checks both).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=64)
    action = models.CharField(max_length=100)
    from_state = models.CharField(max_length=64, blank=True)
    to_state = models.CharField(max_length=64, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    by_label = models.CharField(max_length=150)
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id", "id"])]
        verbose_name = _("wpis dziennika zmian")
        verbose_name_plural = _("dziennik zmian")

    def __str__(self) -> str:
        return f"{self.kind}#{self.object_id} {self.action} {self.from_state}→{self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")


class AuditHead(models.Model):
    """The single row that serialises appends and remembers the last hash (catches truncation)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"audit head ({self.count} entries)"


class Deadline(models.Model):
    """A transition due at a moment, with its legal basis: the schedule is data."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(max_length=100)
    due_at = models.DateTimeField(db_index=True)
    legal_basis = models.CharField(_("podstawa prawna"), max_length=300, blank=True)
    fired_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "transition"],
                name="one_deadline_per_transition",
            )
        ]
        verbose_name = _("termin")
        verbose_name_plural = _("terminy")

    def __str__(self) -> str:
        return f"{self.transition} @ {self.due_at:%Y-%m-%d %H:%M}"


class StreamCursor(models.Model):
    """The last sequence number handed out on a live stream (row-locked when incremented)."""

    stream = models.CharField(max_length=100, primary_key=True)
    last_seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.stream}@{self.last_seq}"


class LiveEvent(models.Model):
    """A published event, kept so that a reconnecting client can replay what it missed."""

    stream = models.CharField(max_length=100)
    seq = models.PositiveBigIntegerField()
    type = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stream", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "seq"], name="one_event_per_stream_seq")
        ]

    def __str__(self) -> str:
        return f"{self.stream}#{self.seq} {self.type}"
