"""The demo: one competition taking offers, one with its results, through the engine."""

import io
from decimal import Decimal

import pytest

from grants import demo
from grants.agreements import Agreement
from grants.models import (
    Competition,
    CompetitionState,
    CooperationReport,
    LocalInitiative,
    Offer,
    SmallGrant,
)
from tests.consultations.factories import TaskAreaFactory
from workflows.accounts import demo as accounts_demo
from workflows.models import AuditEntry, Deadline

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_and_a_decided_competition_and_is_idempotent(client):
    accounts_demo.load(io.StringIO())
    TaskAreaFactory(number=1, name="pomoc społeczna")
    TaskAreaFactory(number=16, name="ekologia")
    demo.load(io.StringIO())
    rows = (Competition.objects.count(), Offer.objects.count(), AuditEntry.objects.count())
    demo.load(io.StringIO())
    assert (Competition.objects.count(), Offer.objects.count()) == rows[:2]
    assert LocalInitiative.objects.count() == 2
    assert AuditEntry.objects.count() == rows[2]

    taking = Competition.objects.get(title=demo.OPEN)
    assert taking.state == CompetitionState.PUBLISHED
    assert Deadline.objects.filter(object_id=str(taking.pk), fired_at__isnull=True).exists()
    decided = Competition.objects.get(title=demo.DECIDED)
    assert decided.state == CompetitionState.RESULTS_PUBLISHED
    # Hand-worked: 9/10×50 + 4/5×30 + 5/5×20 = 89; 6/10×50 + 3/5×30 + 3/5×20 = 60.
    assert sorted(decided.offers.values_list("score", "granted")) == [
        (Decimal("60.00"), None),
        (Decimal("89.00"), Decimal("25000.00")),
    ]
    small = SmallGrant.objects.get(title=demo.SMALL)
    assert (small.state, SmallGrant.objects.count()) == ("published", 1)
    page = client.get(f"/konkursy/{decided.pk}/").content.decode()
    assert "Wyniki konkursu" in page and "próg 70 pkt" in page
    agreed = LocalInitiative.objects.get(title=demo.INITIATIVE)
    assert (agreed.state, agreed.score) == ("agreement_signed", Decimal("84.00"))
    assert LocalInitiative.objects.get(title=demo.INITIATIVE_NEW).state == "submitted"
    assert small.comments.get().sender.startswith("Rada Osiedla")
    report = CooperationReport.objects.get()
    assert report.figures["local_initiatives"]["agreements"] == 1
    assert (report.year, report.state) == (demo.REPORT_YEAR, "draft")
    assert report.figures["competitions"]["totals"]["amount"] == "25000.00"
    assert "jedna oferta poniżej progu" in report.commentary["competitions"]
    assert taking.operational_programme.name == "Aktywni seniorzy"
    assert decided.operational_programme.coordinator.username == "urzednik"
    # Agreements in every stage (grants/agreement_demo.py), the 2026 tasks' register.
    stages = sorted(Agreement.objects.values_list("state", flat=True))
    assert stages == sorted(
        [
            "drafted",
            "signed",
            "report_submitted",
            "report_returned",
            "report_accepted",
            "settled",
            "terminated",
        ]
    )
    accepted = Agreement.objects.get(state="report_accepted")
    assert (accepted.used, accepted.to_return) == (Decimal("19500.00"), Decimal("500.00"))
    assert Agreement.objects.get(state="report_submitted").reports.get().late
    assert Agreement.objects.get(state="signed").annexes.count() == 1
    register = client.get("/api/v1/grants/agreement-register/2026.json").json()
    assert {r["record"] for r in register} == {"agreement", "annex", "final_report"}
    assert client.get("/umowy/").status_code == 200
