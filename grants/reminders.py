"""Reminders before the grants' deadlines, sent by the scheduler's watch (every five minutes)
through the notifications app, each once (the notice's key names the occurrence), rendered
in the reader's language: the offer deadline to organisations with a draft offer, the final
report's due date and the unused grant's return date to the organisation."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from notifications.dispatch import notify
from workflows.timeutil import city_tz, end_of_day

from .agreements import Agreement, AgreementState, ReportState, TaskReport
from .models import Offer, OfferState

OFFER_NOTICE = timedelta(days=3)
REPORT_NOTICE_DAYS = 7
RETURN_NOTICE_DAYS = 7


def _representatives(organisation):
    return [u for u in organisation.representatives.all() if u.is_active]


def offers_due(now) -> int:
    drafts = Offer.objects.filter(
        state=OfferState.DRAFT,
        competition__state="published",
        competition__offers_deadline__gt=now,
        competition__offers_deadline__lte=now + OFFER_NOTICE,
    ).select_related("competition", "organisation")
    made = 0
    for offer in drafts.prefetch_related("organisation__representatives"):
        competition = offer.competition
        made += notify(
            _representatives(offer.organisation),
            "grant_offer_due",
            f"grant_offer_due:{offer.pk}",
            offer,
            {"title": offer.title, "due": competition.offers_deadline.isoformat()},
            reverse("grants:offer", args=[offer.pk]),
        )
    return made


def _agreements_due(field: str, days: int, now, states):
    today = timezone.localdate(now, city_tz())
    return (
        Agreement.objects.filter(
            state__in=states,
            **{f"{field}__gte": today, f"{field}__lte": today + timedelta(days=days)},
        )
        .select_related("organisation")
        .prefetch_related("organisation__representatives")
    )


def reports_due(now) -> int:
    running = [AgreementState.SIGNED, AgreementState.REPORT_RETURNED]
    made = 0
    handed_in = TaskReport.objects.filter(
        final=True, state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED]
    ).values("agreement")
    due = _agreements_due("report_due", REPORT_NOTICE_DAYS, now, running)
    for agreement in due.exclude(pk__in=handed_in):
        made += notify(
            _representatives(agreement.organisation),
            "grant_report_due",
            f"grant_report_due:{agreement.pk}",
            agreement,
            {"number": agreement.number, "due": end_of_day(agreement.report_due).isoformat()},
            reverse("grants:agreement", args=[agreement.pk]),
        )
    return made


def returns_due(now) -> int:
    """Art. 251: the unused grant is returned within 15 days of the end of the task, before
    the report is accepted, so every agreement not yet settled is reminded."""

    open_ = [
        AgreementState.SIGNED,
        AgreementState.REPORT_SUBMITTED,
        AgreementState.REPORT_RETURNED,
        AgreementState.REPORT_ACCEPTED,
    ]
    made = 0
    for agreement in _agreements_due("return_due", RETURN_NOTICE_DAYS, now, open_):
        made += notify(
            _representatives(agreement.organisation),
            "grant_return_due",
            f"grant_return_due:{agreement.pk}",
            agreement,
            {"number": agreement.number, "due": end_of_day(agreement.return_due).isoformat()},
            reverse("grants:agreement", args=[agreement.pk]),
        )
    return made


def run(now=None) -> int:
    now = now or timezone.now()
    return offers_due(now) + reports_due(now) + returns_due(now)
