"""Every event gives each of its recipients exactly one notice and one e-mail, through a real
SMTP server, however often the worker runs.

`SCENARIOS` triggers each event through its public entry (a transition over the API, or the
recurring watch job) and returns who must be told; `ELSEWHERE` names the test that checks
the same for the events whose scenario lives next to related behaviour. Together they cover
`EVENTS`, so a new event cannot come without such a test.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from consultations.meetings.selectors import invitees
from grants.agreements import TaskReport
from grants.models import Competition
from notifications.events import EVENTS
from notifications.models import Follow, Notification
from tests.budget.conftest import voting  # noqa: F401
from tests.consultations.factories import force_state
from tests.grants.agreement_fixtures import (
    API,
    offer,  # noqa: F401
    report_body,
    signed,
    take,
)
from tests.grants.conftest import org  # noqa: F401
from tests.grants.factories import CompetitionFactory, OfferFactory
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db

ELSEWHERE = {
    "comment_answered": "test_consultation_events.py::test_answering_a_comment_tells_its_author",
    "proposal_verified": "test_budget_events.py::test_each_proposal_event_mails_each_author_once",
    "proposal_rejected": "test_budget_events.py::test_each_proposal_event_mails_each_author_once",
    "appeal_decided": "test_budget_events.py::test_each_proposal_event_mails_each_author_once",
    "proposal_needs_correction": (
        "test_budget_events.py::test_correction_notice_carries_the_correction_deadline"
    ),
    "proposal_admitted": (
        "test_budget_events.py::test_admission_by_the_units_verifier_tells_the_author"
    ),
    "voting_opened": (
        "test_budget_events.py::test_voting_opens_and_closes_for_followers_of_the_edition"
    ),
    "voting_closed": (
        "test_budget_events.py::test_voting_opens_and_closes_for_followers_of_the_edition"
    ),
    "followed_changed": "test_budget_events.py::test_followers_hear_of_a_change_in_their_language",
    "meeting_planned": (
        "test_consultation_events.py::test_planning_a_meeting_tells_the_team_and_the_invited"
    ),
    "minutes_published": "test_consultation_events.py::test_minutes_published_tell_the_team",
    "deadline_missed": (
        "test_time_events.py::test_staff_hear_of_a_deadline_that_fired_without_effect"
    ),
    "queue_waiting": "test_time_events.py::test_staff_hear_of_a_long_queue_once_a_day",
}


def mailed(*users):
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return list(users)


def watch_job(work, at=None):
    """The recurring jobs started, and the worker run once the watch's slot has come."""

    with time_machine.travel(at or timezone.now()):
        call_command("schedule_recurring")
        with time_machine.travel(timezone.now() + timedelta(minutes=6)):
            work()


def results_published(get):
    api_as, staff, work = get("api_as"), get("staff"), get("work")
    edition, *_ = get("voting")
    [author] = mailed(get("author"))
    follower = get("follower")
    Follow.objects.create(user=follower, subject=edition)
    assert take(api_as(staff), "edition", edition, "close_voting").status_code == 200
    counted = api_as(staff).post(f"/api/v1/budget/editions/{edition.pk}/results/count/")
    assert counted.status_code == 201, counted.json()
    work()  # the closing's notices come first; only the results are counted below
    assert take(api_as(staff), "edition", edition, "publish_results").status_code == 200
    return [author, follower]


def meeting_soon(get):
    meeting = get("meeting")
    people = mailed(*invitees(meeting))
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + timedelta(minutes=40)
    )
    get("work")()  # the planning's notices
    watch_job(get("work"))
    return people


def deadline_at_risk(get):
    staff = mailed(get("make_user")(Role.COUNCIL_STAFF, username="urzednik"))
    force_state(get("programme"), "drafting", year_from=timezone.localdate().year)
    watch_job(get("work"))
    return staff


def grant_offer_due(get):
    orgs = get("org")
    competition = CompetitionFactory(offers_deadline=timezone.now() + timedelta(days=2))
    Competition.objects.filter(pk=competition.pk).update(state="published")
    OfferFactory(competition=competition, organisation=orgs["a"])
    rep = mailed(orgs["a"].rep)
    watch_job(get("work"))
    return rep


def _signed(get):
    orgs = get("org")
    mailed(orgs["a"].rep)
    return signed(get("api_as"), get("staff"), orgs, get("offer")), orgs["a"].rep


def grant_return_due(get):
    _, rep = _signed(get)  # the task ends 30 June 2028: return by 15 July
    watch_job(get("work"), at=date(2028, 7, 10))
    return [rep]


def grant_report_due(get):
    _, rep = _signed(get)  # the report is due 30 July 2028
    watch_job(get("work"), at=date(2028, 7, 25))
    return [rep]


def _submitted_report(get):
    agreement, rep = _signed(get)
    made = get("api_as")(rep).post(
        f"{API}{agreement.pk}/reports/", report_body(agreement), format="json"
    )
    report = TaskReport.objects.get(pk=made.json()["id"])
    assert take(get("api_as")(rep), "task_report", report, "submit").status_code == 200
    return report, rep


def grant_report_returned(get):
    report, rep = _submitted_report(get)
    staff = get("api_as")(get("staff"))
    assert take(staff, "task_report", report, "send_back", reason="Brak list.").status_code == 200
    return [rep]


def grant_report_accepted(get):
    report, rep = _submitted_report(get)
    assert take(get("api_as")(get("staff")), "task_report", report, "accept").status_code == 200
    return [rep]


def grant_change_decided(get):
    agreement, rep = _signed(get)
    asked = get("api_as")(rep).post(
        f"{API}{agreement.pk}/changes/",
        {"justification": "Choroba trenera.", "new_ends_on": "2028-09-30"},
        format="json",
    )
    assert asked.status_code == 201, asked.json()
    change = agreement.changes.get()
    refused = take(get("api_as")(get("staff")), "agreement_change", change, "refuse", reason="Nie.")
    assert refused.status_code == 200
    return [rep]


SCENARIOS = {
    f.__name__: f
    for f in [
        results_published,
        meeting_soon,
        deadline_at_risk,
        grant_offer_due,
        grant_report_due,
        grant_return_due,
        grant_report_returned,
        grant_report_accepted,
        grant_change_decided,
    ]
}


def test_every_event_has_a_test_of_its_notice_and_mail():
    assert not set(SCENARIOS) & set(ELSEWHERE)
    assert set(SCENARIOS) | set(ELSEWHERE) == set(EVENTS)


@pytest.mark.parametrize("event", sorted(SCENARIOS))
def test_the_event_gives_each_recipient_one_notice_and_one_mail(request, smtp, work, event):
    recipients = SCENARIOS[event](request.getfixturevalue)
    work()
    work()  # a second run of the worker tells nobody again
    told = Notification.objects.filter(event=event)
    assert sorted(told.values_list("recipient__username", flat=True)) == sorted(
        u.username for u in recipients
    )
    assert all(n.emailed_at for n in told)
    subject = f"Wspólnota: {EVENTS[event].label}"
    for person in recipients:
        assert [m["Subject"] for m in smtp.to(person.email)].count(subject) == 1, person
