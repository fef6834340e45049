"""Background work run by `manage.py db_worker` (django.tasks + django-tasks-db).

Every task is safe to run twice: notices are unique per occurrence and recipient, and an
e-mail is sent under the notice's row lock and marked sent in the same transaction.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from workflows.models import AuditEntry

from . import dispatch, mail
from .models import Mode, Notification

log = logging.getLogger(__name__)

# What a mail server or the network throws when a delivery should be tried again later.
RETRYABLE = (smtplib.SMTPException, OSError)


@task
def fan_out(entry_id: int) -> int:
    entry = AuditEntry.objects.filter(pk=entry_id).first()
    return dispatch.fan_out_entry(entry) if entry else 0


def _retry_later(retry, notice_or_user_id, attempts: int) -> None:
    delay = timedelta(seconds=settings.NOTIFY_RETRY_SECONDS * attempts * attempts)
    retry.using(run_after=timezone.now() + delay).enqueue(notice_or_user_id)


@task
def send_notice_mail(notice_id: int) -> str:
    with transaction.atomic():
        notice = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None or notice.emailed_at or notice.mail_mode != Mode.IMMEDIATELY:
            return "skipped"
        notice.mail_attempts += 1
        try:
            mail.notice_message(notice).send()
        except RETRYABLE as exc:
            notice.mail_error = str(exc)[:300]
            notice.save(update_fields=["mail_attempts", "mail_error"])
            if notice.mail_attempts < settings.NOTIFY_MAX_ATTEMPTS:
                _retry_later(send_notice_mail, notice_id, notice.mail_attempts)
                return "retry"
            log.error("notice %s: giving up after %s attempts", notice_id, notice.mail_attempts)
            return "failed"
        notice.emailed_at = timezone.now()
        notice.mail_error = ""
        notice.save(update_fields=["mail_attempts", "mail_error", "emailed_at"])
    return "sent"


@task
def send_digest(user_id: int) -> str:
    """One e-mail with every notice the user asked to get in the daily digest."""

    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(recipient_id=user_id, mail_mode=Mode.DIGEST, emailed_at__isnull=True)
            .order_by("created_at", "id")
        )
        if not pending:
            return "skipped"
        attempts = max(n.mail_attempts for n in pending) + 1
        try:
            mail.digest_message(pending[0].recipient, pending).send()
        except RETRYABLE as exc:
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                mail_attempts=attempts, mail_error=str(exc)[:300]
            )
            if attempts < settings.NOTIFY_MAX_ATTEMPTS:
                _retry_later(send_digest, user_id, attempts)
                return "retry"
            return "failed"
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            mail_attempts=attempts, mail_error="", emailed_at=timezone.now()
        )
    return "sent"


def enqueue_digests() -> int:
    users = (
        Notification.objects.filter(mail_mode=Mode.DIGEST, emailed_at__isnull=True)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    count = 0
    for user_id in users:
        send_digest.enqueue(user_id)
        count += 1
    return count
