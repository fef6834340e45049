"""Recurring work on the task worker: deadlines every minute, staff warnings every five,
the digest daily at 07:00 city time.

Each job runs in slots on a fixed grid. A run claims its slot (unique row) and enqueues
the next slot before it works, so the chain survives a failing job; two chains (started
twice) meet on the same next slot and one of them stops there.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from io import StringIO

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from workflows.timeutil import city_tz, local_datetime

from . import watch
from .models import RecurringRun
from .tasks import enqueue_digests

DIGEST_AT = time(7, 0)


def run_deadlines() -> None:
    # The same command cron would run: `run_deadlines` stays the one way deadlines fire.
    call_command("run_deadlines", stdout=StringIO())


@dataclass(frozen=True)
class Job:
    run: object
    every: timedelta | None = None  # None: daily at DIGEST_AT

    def next_slot(self, after: datetime) -> datetime:
        if self.every is None:
            day = timezone.localdate(after, city_tz())
            slot = local_datetime(day, DIGEST_AT)
            return slot if slot > after else local_datetime(day + timedelta(days=1), DIGEST_AT)
        step = self.every.total_seconds()
        return datetime.fromtimestamp((after.timestamp() // step + 1) * step, tz=after.tzinfo)


JOBS = {
    "deadlines": Job(run_deadlines, timedelta(minutes=1)),
    "watch": Job(lambda: watch.run(), timedelta(minutes=5)),
    "digest": Job(enqueue_digests),
}


def schedule(job: str, after: datetime | None = None) -> datetime:
    slot = JOBS[job].next_slot(max(after or timezone.now(), timezone.now()))
    tick.using(run_after=slot).enqueue(job, slot.isoformat())
    return slot


def start_all() -> dict[str, datetime]:
    """Start (or restart) every chain; harmless when they already run."""

    return {job: schedule(job) for job in JOBS}


@task
def tick(job: str, slot: str) -> str:
    if job not in JOBS:
        return "unknown job"
    at = datetime.fromisoformat(slot)
    try:
        with transaction.atomic():
            RecurringRun.objects.create(job=job, slot=at)
            schedule(job, after=at)
    except IntegrityError:
        return "duplicate"
    JOBS[job].run()
    return "ran"
