"""Who may do what with notices and follows (django-rules, one place)."""

import rules

from workflows.accounts.roles import is_council_staff

from . import targets


@rules.predicate
def may_see_target(user, obj) -> bool:
    return obj is not None and targets.can_view(user, obj)


@rules.predicate
def is_recipient(user, notice) -> bool:
    return notice is not None and notice.recipient_id == user.pk


@rules.predicate
def is_owner(user, person_key) -> bool:
    """The person whose notices stream `notices.<id>` is (the key, a string)."""

    return user.is_authenticated and str(user.pk) == str(person_key)


rules.add_perm("notifications.follow", rules.is_authenticated & may_see_target)
rules.add_perm("notifications.read_notice", rules.is_authenticated & is_recipient)
# A person's own live stream of notices only.
rules.add_perm("notifications.view_notices", is_owner)
# Events about the office's own work (e.g. an opinion overdue) are offered to its staff.
rules.add_perm("notifications.follow_staff_events", is_council_staff)
