"""From an audited action to notices: who is told, once, and how.

The engine calls `action_taken` inside the action's transaction; it only enqueues a task
(a row in the same transaction), so the request pays one insert and nothing is announced
unless the action commits. The worker then runs `fan_out`, which writes the notices (one
per recipient and occurrence, enforced by a unique key) and enqueues their e-mails.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q

from workflows import live
from workflows.models import AuditEntry

from .events import Rule
from .models import Follow, Mode, Notification, Preference
from .tables import budget as budget_table
from .tables import consultations as consultations_table
from .tables import grants as grants_table

TABLES = [budget_table, consultations_table, grants_table]
RULES: dict[tuple[str, str], Rule] = {k: v for t in TABLES for k, v in t.RULES.items()}
FOLLOWED = {k: v for t in TABLES for k, v in t.FOLLOWED.items()}
FOLLOWERS_GET_RULE = set().union(*(t.FOLLOWERS_GET_RULE for t in TABLES))
LINKS = {k: v for t in TABLES for k, v in t.LINKS.items()}


# The events of `notices.<user id>` and the keys each carries (tests check every one).
EVENT_KEYS = {
    "notice": {"id", "event", "unread"},  # a new notice
    "read": {"unread"},  # notices marked read
}


def stream_of(user_id: int) -> str:
    return f"notices.{user_id}"


def concerns_anyone(entry: AuditEntry) -> bool:
    changed = entry.from_state != entry.to_state
    return (entry.kind, entry.action) in RULES or (changed and entry.kind in FOLLOWED)


def action_taken(obj, entry: AuditEntry) -> None:
    if concerns_anyone(entry):
        from .tasks import fan_out

        fan_out.enqueue(entry.pk)


def followers_of(objects: Iterable) -> list:
    pairs = {(ContentType.objects.get_for_model(type(o)).pk, o.pk) for o in objects if o}
    if not pairs:
        return []
    match = Q()
    for ct, pk in pairs:
        match |= Q(content_type_id=ct, object_id=pk)
    user_ids = Follow.objects.filter(match).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids))


def fan_out_entry(entry: AuditEntry) -> int:
    """The notices of one audited action; running it twice adds nothing."""

    obj = entry.subject
    if obj is None:
        return 0
    rule = RULES.get((entry.kind, entry.action))
    key = f"audit:{entry.pk}"
    link = LINKS.get(entry.kind, lambda o: "")(obj)
    direct = {u.pk: u for u in (rule.to(obj, entry) if rule else []) if u.pk != entry.by_id}
    made = (
        notify(direct.values(), rule.event, key, obj, rule.params(obj, entry), link) if rule else 0
    )
    touched = FOLLOWED.get(entry.kind, lambda o: [])(obj)
    followers = [u for u in followers_of(touched) if u.pk not in direct and u.pk != entry.by_id]
    if rule and entry.kind in FOLLOWERS_GET_RULE:
        return made + notify(followers, rule.event, key, obj, rule.params(obj, entry), link)
    if entry.from_state != entry.to_state:
        params = {"title": str(obj), "kind": entry.kind, "state": entry.to_state}
        return made + notify(followers, "followed_changed", key, obj, params, link)
    return made


@transaction.atomic
def notify(users: Iterable, event: str, key: str, obj, params: dict, url: str = "") -> int:
    """One notice per user for the occurrence `key`; e-mail as each user chose.

    Returns how many notices are new. A user already told (same key) is skipped by the
    unique constraint, so a retried fan-out never tells anyone twice."""

    users = [u for u in users if u is not None]
    if not users:
        return 0
    chosen = dict(
        Preference.objects.filter(user__in=users, event=event).values_list("user_id", "mode")
    )
    ct = ContentType.objects.get_for_model(type(obj)) if obj is not None else None
    existing = set(
        Notification.objects.filter(key=key, recipient__in=users).values_list(
            "recipient_id", flat=True
        )
    )
    fresh = [u for u in users if u.pk not in existing]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=u,
                event=event,
                key=key,
                content_type=ct,
                object_id=obj.pk if obj is not None else None,
                params=params,
                url=url,
                mail_mode=chosen.get(u.pk, Mode.IMMEDIATELY) if u.email else Mode.NEVER,
            )
            for u in fresh
        ],
        ignore_conflicts=True,
    )
    _after_notices(key, [u.pk for u in fresh])
    return len(fresh)


def _after_notices(key: str, user_ids: list[int]) -> None:
    from .tasks import send_notice_mail

    made = Notification.objects.filter(key=key, recipient_id__in=user_ids)
    for pk in made.filter(mail_mode=Mode.IMMEDIATELY, emailed_at__isnull=True).values_list(
        "pk", flat=True
    ):
        send_notice_mail.enqueue(pk)
    unread = dict(
        Notification.objects.filter(recipient_id__in=user_ids, read_at__isnull=True)
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values_list("recipient_id", "n")
    )
    for notice in made.only("pk", "recipient_id", "event"):
        live.publish(
            stream_of(notice.recipient_id),
            "notice",
            {"id": notice.pk, "event": notice.event, "unread": unread.get(notice.recipient_id, 0)},
        )
