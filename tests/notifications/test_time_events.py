"""What time brings: the recurring jobs, staff warnings and meetings about to start."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from notifications.models import Notification, RecurringRun
from notifications.recurring import JOBS, tick
from tests.budget.factories import ProposalFactory
from tests.consultations.factories import force_state
from workflows.accounts.models import Role
from workflows.deadlines import set_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_member(make_user):
    return make_user(Role.COUNCIL_STAFF, username="urzednik", email="urzad@example.org")


def events_of(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("event", flat=True))


def run_job(work, job: str, minutes: int = 6):
    """Start the chains, then let the worker run once the job's next slot has come."""

    call_command("schedule_recurring")
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
        work()


def test_the_deadline_job_fires_due_deadlines_every_minute(work, author, submission):
    _, city, _ = submission
    due = timezone.now() - timedelta(minutes=1)
    proposal = ProposalFactory(
        pool=city, author=author, state="needs_correction", correction_due=due
    )
    set_deadline(proposal, "reject_uncorrected", due)
    run_job(work, "deadlines", minutes=2)
    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    assert RecurringRun.objects.filter(job="deadlines").count() == 1
    # The chain goes on: the next minute's run waits in the queue.
    waiting = DBTaskResult.objects.filter(task_path="notifications.recurring.tick", status="READY")
    assert {r.args_kwargs["args"][0] for r in waiting} == set(JOBS)


def test_a_slot_runs_once_however_often_it_is_enqueued(work):
    slot = JOBS["deadlines"].next_slot(timezone.now()).isoformat()
    assert tick.call("deadlines", slot) == "ran"
    assert tick.call("deadlines", slot) == "duplicate"
    call_command("schedule_recurring")
    call_command("schedule_recurring")  # two starts converge on the same next slots
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        work()
    assert RecurringRun.objects.filter(job="deadlines").count() == 2


def test_staff_hear_of_a_deadline_that_fired_without_effect(
    work, smtp, staff_member, author, submission
):
    _, city, _ = submission
    due = timezone.now() - timedelta(minutes=1)
    # Already resubmitted: the deadline fires but cannot reject it.
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    set_deadline(proposal, "reject_uncorrected", due)
    call_command("run_deadlines")
    run_job(work, "watch")
    assert events_of(staff_member) == ["deadline_missed"]
    assert len(smtp.to("urzad@example.org")) == 1


def test_staff_hear_of_a_long_queue_once_a_day(work, smtp, staff_member, author, submission):
    _, city, _ = submission
    ProposalFactory(
        pool=city,
        author=author,
        state="submitted",
        submitted_at=timezone.now() - timedelta(days=30),
    )
    run_job(work, "watch")
    run_job(work, "watch", minutes=12)
    assert events_of(staff_member) == ["queue_waiting"]
    assert "1 projektów" in smtp.to("urzad@example.org")[0].get_content()
    assert events_of(author) == []  # residents are not told of staff matters


def test_staff_hear_of_a_programme_at_risk(work, smtp, staff_member, programme):
    force_state(programme, "drafting", year_from=timezone.localdate().year)
    run_job(work, "watch")
    assert events_of(staff_member) == ["deadline_at_risk"]


def test_meeting_about_to_start_tells_its_people_once(work, smtp, meeting, member):
    meeting.starts_at = timezone.now() + timedelta(minutes=40)
    meeting.save()
    run_job(work, "watch")
    run_job(work, "watch", minutes=12)
    assert events_of(member) == ["meeting_planned", "meeting_soon"]
