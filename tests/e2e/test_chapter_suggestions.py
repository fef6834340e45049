"""A sector team's writer decides the suggestions of yesterday's meeting on the chapter's
draft page, in the browser over the demo city: one accepted into the draft (the text appears
among the blocks), one rejected with a reason; the page has no serious axe violations."""

import pytest
from playwright.sync_api import expect

from consultations.meetings.models import ChapterSuggestion
from consultations.models import Programme
from tests.e2e.conftest import describe_violations
from tests.e2e.test_consultation_flow import sign_in

pytestmark = pytest.mark.e2e


def test_writer_accepts_one_suggestion_and_rejects_another(demo_city, live_url, page, axe_check):
    chapter = Programme.objects.get(state="drafting").chapters.order_by("position", "pk")[0]
    goal, action = ChapterSuggestion.objects.filter(team=chapter.sector_team).order_by("pk")
    sign_in(page, live_url, "moderator")
    page.goto(f"{live_url}/konsultacje/rozdzialy/{chapter.pk}/szkic/")
    expect(
        page.get_by_role("heading", name="Propozycja zespołu ze spotkania").first
    ).to_be_visible()
    violations = axe_check(page)
    assert not violations, describe_violations(violations)

    offered = page.locator(f"aside[aria-labelledby='propozycja-{goal.pk}']")
    expect(offered.get_by_role("link", name="Protokół spotkania")).to_be_visible()
    offered.get_by_role("button", name="Przyjmij do szkicu").click()
    expect(page.locator(".messages")).to_contain_text("Przyjęto propozycję")
    texts = page.locator("textarea[name$='-text']")
    expect(texts.filter(has_text=goal.text)).to_have_count(1)

    rejected = page.locator(f"aside[aria-labelledby='propozycja-{action.pk}']")
    rejected.get_by_role("button", name="Odrzuć propozycję").click()
    expect(page.locator(".messages")).to_contain_text("Podaj uzasadnienie")
    rejected = page.locator(f"aside[aria-labelledby='propozycja-{action.pk}']")
    rejected.get_by_label("Powód odrzucenia").fill("Działanie jest już w programie na ten rok.")
    rejected.get_by_role("button", name="Odrzuć propozycję").click()
    expect(page.locator(".messages")).to_contain_text("Odrzucono propozycję")
    expect(page.locator("aside.suggestion")).to_have_count(0)
    action.refresh_from_db()
    assert (action.state, action.reason) == (
        "rejected",
        "Działanie jest już w programie na ten rok.",
    )
