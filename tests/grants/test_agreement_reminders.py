"""Reminders before the grants' deadlines, from the scheduler's watch: each sent once, to the
organisation's representatives, and only while something is still owed."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from grants import reminders
from grants.agreements import TaskReport
from grants.models import Competition
from notifications import watch
from notifications.events import render
from notifications.models import Notification
from tests.grants.agreement_fixtures import offer, report_body, signed, take
from tests.grants.factories import CompetitionFactory, OfferFactory

pytestmark = pytest.mark.django_db
__all__ = ["offer"]


def notices(event):
    return list(
        Notification.objects.filter(event=event).values_list("recipient__username", flat=True)
    )


def test_a_draft_offer_is_reminded_once_before_the_deadline(org):
    competition = CompetitionFactory(offers_deadline=timezone.now() + timedelta(days=2))
    Competition.objects.filter(pk=competition.pk).update(state="published")
    draft = OfferFactory(competition=competition, organisation=org["a"])
    submitted = OfferFactory(competition=competition, organisation=org["b"])
    type(submitted).objects.filter(pk=submitted.pk).update(state="submitted")
    far = CompetitionFactory(offers_deadline=timezone.now() + timedelta(days=20))
    Competition.objects.filter(pk=far.pk).update(state="published")
    OfferFactory(competition=far, organisation=org["b"])

    assert watch.run() == 1
    assert watch.run() == 0  # the same occurrence is never told twice
    assert notices("grant_offer_due") == ["rep-a"]
    notice = Notification.objects.get()
    assert draft.title in render(notice.event, notice.params)


def test_report_and_return_reminders_once_each(api_as, staff, org, offer):
    agreement = signed(
        api_as, staff, org, offer
    )  # ends 30 June 2028: return 15 July, report 30 July
    with time_machine.travel(date(2028, 7, 10)):
        assert reminders.run() == 1  # the return, due in 5 days; the report is 20 days off
        assert reminders.run() == 0
    with time_machine.travel(date(2028, 7, 25)):
        assert reminders.run() == 1  # the report; the return's day has passed
        assert reminders.run() == 0
    assert notices("grant_return_due") == ["rep-a"] and notices("grant_report_due") == ["rep-a"]
    text = render("grant_report_due", Notification.objects.get(event="grant_report_due").params)
    assert agreement.number in text and "30.07.2028" in text


def test_no_report_reminder_once_the_final_report_is_in(api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    rep = api_as(org["a"].rep)
    made = rep.post(
        f"/api/v1/grants/agreements/{agreement.pk}/reports/", report_body(agreement), format="json"
    )
    report = TaskReport.objects.get(pk=made.json()["id"])
    assert take(rep, "task_report", report, "submit").status_code == 200
    with time_machine.travel(date(2028, 7, 25)):
        assert reminders.reports_due(timezone.now()) == 0


def test_the_organisation_hears_of_the_citys_decisions(api_as, staff, org, offer):
    from notifications.dispatch import fan_out_entry
    from workflows.models import AuditEntry

    agreement = signed(api_as, staff, org, offer)
    rep = api_as(org["a"].rep)
    made = rep.post(
        f"/api/v1/grants/agreements/{agreement.pk}/reports/", report_body(agreement), format="json"
    )
    report = TaskReport.objects.get(pk=made.json()["id"])
    take(rep, "task_report", report, "submit")
    take(api_as(staff), "task_report", report, "send_back", reason="Brak list obecności.")
    entry = AuditEntry.objects.get(kind="task_report", action="send_back")
    assert fan_out_entry(entry) == 1
    assert fan_out_entry(entry) == 0
    notice = Notification.objects.get(event="grant_report_returned")
    assert notice.recipient == org["a"].rep
    assert "Brak list obecności." in render(notice.event, notice.params)
    assert notice.url == f"/umowy/sprawozdania/{report.pk}/"
