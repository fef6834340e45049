from workflows.admin_lists import register_lists

from .models import Follow, Notification, Preference, RecurringRun, Subscriber

# What was sent is evidence (read-only); follows and settings are the people's own.
register_lists(
    Notification,
    RecurringRun,
    Follow,
    Preference,
    Subscriber,
    editable=(Follow, Preference, Subscriber),
)
