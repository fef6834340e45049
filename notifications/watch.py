"""Notices that come from the passing of time, not from an action: run by the scheduler."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from budget.models import Proposal
from consultations import schedule
from consultations.meetings.models import Meeting
from consultations.models import Programme
from consultations.models.programme import State
from grants import reminders
from workflows.accounts.models import Role
from workflows.models import Deadline
from workflows.timeutil import end_of_day

from .dispatch import LINKS, notify
from .tables.consultations import meeting_params, meeting_people

SOON = timedelta(hours=1)


def staff():
    return list(
        get_user_model().objects.filter(groups__name=Role.COUNCIL_STAFF.value, is_active=True)
    )


def meetings_soon(now) -> int:
    made = 0
    starting = Meeting.objects.filter(state="planned", starts_at__gt=now, starts_at__lte=now + SOON)
    for meeting in starting.select_related("moderator", "team"):
        params = meeting_params(meeting, None)
        made += notify(
            meeting_people(meeting, None),
            "meeting_soon",
            f"meeting_soon:{meeting.pk}",
            meeting,
            params,
            LINKS["meeting"](meeting),
        )
    return made


def deadlines_missed(now) -> int:
    made = 0
    missed = Deadline.objects.filter(
        fired_at__gte=now - timedelta(days=1), outcome__startswith="skipped"
    ).select_related("content_type")
    for deadline in missed:
        subject = deadline.subject
        params = {
            "transition": deadline.transition,
            "title": str(subject) if subject else deadline.object_id,
            "due": deadline.due_at.isoformat(),
            "outcome": deadline.outcome,
        }
        made += notify(staff(), "deadline_missed", f"deadline:{deadline.pk}", subject, params)
    return made


def programmes_at_risk(now) -> int:
    made = 0
    day = timezone.localdate(now)
    live = Programme.objects.exclude(state__in=[State.DRAFT, State.ADOPTED])
    for programme in live.prefetch_related("milestones"):
        plan = schedule.build(programme)
        if not plan.at_risk:
            continue
        params = {"title": programme.title, "due": end_of_day(plan.deadline).isoformat()}
        key = f"at_risk:{programme.pk}:{day.isoformat()}"  # at most once a day
        made += notify(
            staff(), "deadline_at_risk", key, programme, params, LINKS["programme"](programme)
        )
    return made


def queue_waiting(now) -> int:
    days = settings.NOTIFY_QUEUE_DAYS
    waiting = Proposal.objects.filter(
        state="submitted", submitted_at__lt=now - timedelta(days=days)
    )
    count = waiting.count()
    if not count:
        return 0
    key = f"queue:{timezone.localdate(now).isoformat()}"
    return notify(staff(), "queue_waiting", key, None, {"count": count, "days": days})


def run(now=None) -> int:
    now = now or timezone.now()
    return (
        meetings_soon(now)
        + deadlines_missed(now)
        + programmes_at_risk(now)
        + queue_waiting(now)
        + reminders.run(now)  # the grants' deadlines: offers, reports, returns
    )
