"""Deadlines as data: set them, check them at every write, fire them idempotently."""

import logging
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import OutsideWindow, WorkflowError
from .models import Deadline
from .services import SYSTEM, advance
from .timeutil import format_local

log = logging.getLogger(__name__)


def set_deadline(obj: Model, transition: str, due_at: datetime, legal_basis: str = "") -> Deadline:
    deadline, _created = Deadline.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        transition=transition,
        defaults={"due_at": due_at, "legal_basis": legal_basis, "fired_at": None, "outcome": ""},
    )
    return deadline


def ensure_before(obj: Model, transition: str, action: str) -> None:
    """Refuse a write once the deadline that ends it has passed, whether or not it fired.

    Correctness never depends on the scheduler: a late comment or vote is refused here.
    """

    deadline = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        transition=transition,
    ).first()
    if deadline is not None and deadline.due_at <= timezone.now():
        raise OutsideWindow(
            _("%(action)s: termin minął %(when)s.")
            % {"action": action, "when": format_local(deadline.due_at)},
            closed_at=deadline.due_at.isoformat(),
        )


def ensure_within(opens_at: datetime | None, closes_at: datetime | None, action: str) -> None:
    """Refuse a write outside its window [opens_at, closes_at)."""

    now = timezone.now()
    if (opens_at and now < opens_at) or (closes_at and now >= closes_at):
        window = f"{format_local(opens_at) if opens_at else '…'} – "
        window += format_local(closes_at) if closes_at else "…"
        raise OutsideWindow(
            _("%(action)s jest możliwe tylko w terminie %(window)s.")
            % {"action": action, "window": window},
            opens_at=opens_at.isoformat() if opens_at else None,
            closes_at=closes_at.isoformat() if closes_at else None,
        )


def fire_due(now: datetime | None = None) -> list[Deadline]:
    """Fire every due deadline once. Safe to run twice or from two processes at once:
    each deadline is claimed under a row lock (others skip it) and marked fired in the
    same transaction as its transition."""

    now = now or timezone.now()
    fired = []
    while True:
        with transaction.atomic():
            deadline = (
                Deadline.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(fired_at__isnull=True, due_at__lte=now)
                .order_by("due_at", "id")
                .first()
            )
            if deadline is None:
                return fired
            deadline.outcome = _fire(deadline)
            deadline.fired_at = now
            deadline.save(update_fields=["fired_at", "outcome"])
            fired.append(deadline)


def _fire(deadline: Deadline) -> str:
    obj = deadline.subject
    if obj is None:
        return "skipped: object no longer exists"
    try:
        with transaction.atomic():
            advance(obj, deadline.transition, by=SYSTEM, reason=f"Termin: {deadline.legal_basis}")
    except WorkflowError as exc:
        # Already moved on by hand, or a condition not met: recorded, not retried forever.
        log.info("deadline %s not fired: %s", deadline.pk, exc.message)
        return f"skipped: {exc.message}"
    return "fired"
