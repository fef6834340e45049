"""A district council consults its priorities for next year: a resident comments in the
browser, and the district page shows the council's meetings and consultations."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bodies.consultations import consultation_create
from bodies.models import Body, BodyKind, Membership
from consultations.meetings import services as meetings
from districts.models import District
from workflows.accounts.models import User
from workflows.services import advance

pytestmark = pytest.mark.e2e

PASSWORD = "pass-1234-test"


@pytest.fixture
def council(live_url):
    district = District.objects.order_by("number").first()
    body = Body.objects.create(
        kind=BodyKind.DISTRICT_COUNCIL,
        name=f"Rada Dzielnicy {district}",
        legal_basis=f"Statut Dzielnicy {district}",
        term_start=date(2024, 1, 1),
        district=district,
    )
    chair = User.objects.create_user("rada-chair", password=PASSWORD, display_name="Przewodnicząca")
    Membership.objects.create(body=body, person=chair, role="chair", term_start=date(2024, 1, 1))
    consultation = consultation_create(
        by=chair,
        body=body,
        title="Priorytety dzielnicy na rok 2027",
        text="1. Zieleń przy szkołach.\n2. Bezpieczne przejścia dla pieszych.",
        closes_at=timezone.now() + timedelta(days=14),
    )
    advance(consultation, "open", by=chair)
    start = timezone.now() - timedelta(days=1)
    meetings.create_meeting(
        body=body,
        by=chair,
        title="Sesja rady dzielnicy",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Siedziba rady",
        agenda=[{"title": "Priorytety na rok 2027"}],
    )
    return {"body": body, "consultation": consultation, "district": district}


def test_a_resident_comments_on_the_district_s_priorities(
    live_url, login, page, council, axe_check
):
    resident = User.objects.create_user("mieszkanka", password=PASSWORD, display_name="Ola")
    login(page, resident)
    page.goto(f"{live_url}/dzielnice/{council['district'].pk}/")
    expect(page.locator("main")).to_contain_text("Sesja rady dzielnicy")
    assert axe_check(page) == []
    page.get_by_role("link", name="Priorytety dzielnicy na rok 2027").click()
    expect(page.locator("h1")).to_have_text("Priorytety dzielnicy na rok 2027")
    page.fill("#id_text", "Proszę o doświetlenie przejścia przy szkole.")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator(".govuk-error-summary, [role=alert]").first).to_contain_text(
        "potwierdź, że mieszkasz"
    )
    page.check("#id_resident")
    page.get_by_role("button", name="Wyślij uwagę").click()
    expect(page.locator("ol.comments")).to_contain_text("doświetlenie przejścia")
    assert axe_check(page) == []
