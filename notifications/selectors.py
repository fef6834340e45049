"""Reads of the notifications app."""

from django.contrib.contenttypes.models import ContentType

from workflows.permissions import has_perm

from .events import EVENTS, render
from .mail import language_of
from .models import Follow, Mode, Notification, Preference


def unread_count(user) -> int:
    if not (user and user.is_authenticated):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notices_of(user, *, unread: bool | None = None):
    """A person's notices, newest first; `unread` True/False keeps only those (un)read."""

    rows = Notification.objects.filter(recipient=user).only(
        "pk", "event", "params", "url", "created_at", "read_at"
    )
    if unread is not None:
        rows = rows.filter(read_at__isnull=unread)
    return rows


def as_item(notice: Notification) -> dict:
    """A notice as people read it: its sentence in the active language."""

    return {
        "id": notice.pk,
        "event": notice.event,
        "text": render(notice.event, notice.params),
        "url": notice.url,
        "created_at": notice.created_at,
        "read": notice.read_at is not None,
    }


def notices(user, limit: int = 100) -> list[dict]:
    """The latest notices, each with its sentence in the active language (one query)."""

    return [as_item(n) for n in notices_of(user)[:limit]]


def follows_of(user):
    return Follow.objects.filter(user=user).select_related("content_type").order_by("-created_at")


def settings_of(user) -> dict:
    chosen = dict(Preference.objects.filter(user=user).values_list("event", "mode"))
    staff = has_perm(user, "notifications.follow_staff_events")
    rows = [
        {"code": e.code, "label": e.label, "mode": chosen.get(e.code, Mode.IMMEDIATELY)}
        for e in EVENTS.values()
        if staff or not e.staff
    ]
    return {"events": rows, "language": language_of(user), "modes": Mode.choices}


def follow_key(obj) -> tuple[int, int]:
    return ContentType.objects.get_for_model(type(obj)).pk, obj.pk


def followed_keys(user) -> set[tuple[int, int]]:
    return set(Follow.objects.filter(user=user).values_list("content_type_id", "object_id"))
