"""Every write of the notifications app: one function per action, each one transaction."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows import live
from workflows.errors import InvalidInput, NotFound, NotPermitted
from workflows.parsing import parse_id

from . import targets
from .dispatch import stream_of
from .events import EVENTS
from .mail import ALL_EVENTS, read_unsubscribe_token
from .models import Follow, Mode, Notification, Preference, Subscriber


def _target(user, target: str, pk) -> object:
    model = targets.model_of(target)
    obj_id = parse_id(pk)
    obj = model.objects.filter(pk=obj_id).first() if model and obj_id else None
    if obj is None or not targets.can_view(user, obj):
        raise NotFound(_("Nie ma takiego obiektu do obserwowania."))
    if not user.has_perm("notifications.follow", obj):
        raise NotPermitted(_("Zaloguj się, aby obserwować."))
    return obj


@transaction.atomic
def follow(*, user, target: str, pk) -> Follow:
    obj = _target(user, target, pk)
    found, _created = Follow.objects.get_or_create(
        user=user, content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    )
    return found


@transaction.atomic
def unfollow(*, user, target: str, pk) -> int:
    obj = _target(user, target, pk)
    deleted, _details = Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).delete()
    return deleted


@transaction.atomic
def mark_read(*, user, notice_id=None) -> int:
    """Mark one notice (or, without an id, every notice) of `user` as read."""

    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notice_id is not None:
        pk = parse_id(notice_id)
        notice = Notification.objects.filter(pk=pk).first() if pk else None
        if not user.has_perm("notifications.read_notice", notice):
            raise NotFound(_("Nie ma takiego powiadomienia."))
        unread = unread.filter(pk=pk)
    marked = unread.update(read_at=timezone.now())
    if marked:
        left = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        live.publish(stream_of(user.pk), "read", {"unread": left})
    return marked


def _mode(value, event: str) -> str:
    if value not in Mode.values:
        raise InvalidInput(
            _("Nieznany sposób powiadamiania o „%(event)s”.") % {"event": EVENTS[event].label},
            field=event,
        )
    return value


@transaction.atomic
def set_preferences(*, user, modes: dict, language: str | None = None) -> None:
    """Save how `user` wants each event by e-mail ({event: mode}) and the mail language."""

    unknown = sorted(set(modes) - set(EVENTS))
    if unknown:
        raise InvalidInput(
            _("Nieznane zdarzenie: %(name)s.") % {"name": unknown[0]}, field=unknown[0]
        )
    for event, value in modes.items():
        Preference.objects.update_or_create(
            user=user, event=event, defaults={"mode": _mode(value, event)}
        )
    if language is not None:
        if language not in dict(settings.LANGUAGES):
            raise InvalidInput(_("Nieznany język."), field="language")
        Subscriber.objects.update_or_create(user=user, defaults={"language": language})


@transaction.atomic
def unsubscribe(*, token: str) -> tuple:
    """Stop e-mails of one event (or all) for the person the signed token names."""

    found = read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=found[0]).first() if found else None
    if user is None:
        raise NotFound(_("Ten link do wypisania się jest nieprawidłowy."))
    events = list(EVENTS) if found[1] == ALL_EVENTS else [found[1]]
    for event in events:
        Preference.objects.update_or_create(user=user, event=event, defaults={"mode": Mode.NEVER})
    # Notices waiting for a digest or a retry are not sent any more either.
    Notification.objects.filter(recipient=user, event__in=events, emailed_at__isnull=True).update(
        mail_mode=Mode.NEVER
    )
    return user, events
