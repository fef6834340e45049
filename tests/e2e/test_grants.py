"""Grants in the browser over the demo city: the 31 May report generated, commented,
approved, submitted to the council and published; a competition announced by staff, an
offer submitted by an organisation, the commission's score and the grant awarded."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from grants.models import Competition, CooperationReport, Offer
from tests.e2e.conftest import describe_violations
from tests.e2e.test_accessibility import sign_in
from workflows.deadlines import set_deadline

pytestmark = pytest.mark.e2e


def press(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_the_31_may_report_is_written_and_published(demo_city, live_url, page, new_page, axe_check):
    sign_in(page, live_url, "urzednik")
    page.goto(f"{live_url}/konkursy/")
    page.get_by_role("link", name="Sprawozdania z realizacji programu współpracy").click()
    page.get_by_label("Rok realizacji programu").fill("2027")
    press(page, "Wygeneruj sprawozdanie z danych")
    expect(page.get_by_role("heading", level=1)).to_contain_text("za 2027 r.")
    expect(page.locator("#sekcja-competitions")).to_contain_text("25\xa0000,00\xa0zł")
    violations = axe_check(page)
    assert not violations, describe_violations(violations)
    expect(page.locator("main")).to_contain_text("Napisz ocenę realizacji programu")
    expect(page.get_by_role("button", name="Zatwierdź sprawozdanie")).to_have_count(0)
    page.locator("#id_summary-text").fill("Program zrealizowano; dotacje w 84% planu.")
    press(page, "Zapisz komentarz: Ocena realizacji programu")
    press(page, "Zatwierdź sprawozdanie")
    expect(page.locator("main dl")).to_contain_text("gotowe do przedłożenia")
    press(page, "Przedłóż Radzie Miasta")
    press(page, "Opublikuj sprawozdanie")
    report = CooperationReport.objects.get(year=2027)
    assert (report.state, report.submitted_on) == ("published", timezone.localdate())

    public = new_page()
    public.goto(f"{live_url}/sprawozdania-z-programu/")
    public.get_by_role("link", name="2027").click()
    expect(public.locator("#sekcja-summary")).to_contain_text("dotacje w 84% planu")
    expect(public.get_by_role("button", name="Zatwierdź sprawozdanie")).to_have_count(0)
    pdf = public.request.get(f"{live_url}/sprawozdania-z-programu/2027.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    data = public.request.get(f"{live_url}/sprawozdania-z-programu/2027.json").json()
    assert data["state"] == "published" and data["figures"]["local_initiatives"]["agreements"]


def announce(page, live_url) -> Competition:
    page.goto(f"{live_url}/konkursy/")
    page.get_by_role("link", name="Nowe ogłoszenie konkursu").click()
    page.get_by_label("Obszar zadań publicznych").select_option(index=3)
    page.get_by_label("Zadanie publiczne").fill("Wakacje w mieście dla dzieci w 2027 roku")
    page.get_by_label("Forma realizacji").select_option("supporting")
    page.get_by_label("Wysokość środków (zł)").fill("50000")
    page.get_by_label("Zasady przyznawania dotacji").fill("Dotacja do 90% kosztów.")
    page.get_by_label("Realizacja od").fill("2027-07-01")
    page.get_by_label("Realizacja do").fill("2027-08-31")
    deadline = timezone.localtime() + timedelta(days=25)
    page.get_by_label("Termin składania ofert").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Minimalna dotacja (zł)").fill("5000")
    page.get_by_label("Maksymalna dotacja (zł)").fill("30000")
    page.get_by_label("Wymagany wkład własny (% kosztów)").fill("10")
    for n, (name, weight, points) in enumerate([("Jakość", 70, 10), ("Koszty", 30, 5)]):
        page.locator(f"#id_criteria-{n}-name").fill(name)
        page.locator(f"#id_criteria-{n}-weight").fill(str(weight))
        page.locator(f"#id_criteria-{n}-max_points").fill(str(points))
    press(page, "Zapisz projekt ogłoszenia")
    press(page, "Ogłoś konkurs")
    competition = Competition.objects.get(title="Wakacje w mieście dla dzieci w 2027 roku")
    assert competition.state == "published"
    return competition


def submit_offer(page, live_url, competition) -> Offer:
    page.goto(f"{live_url}/konkursy/{competition.pk}/")
    page.get_by_role("link", name="Przygotuj ofertę").click()
    page.get_by_label("Organizacja").select_option(index=1)  # the one "organizacja" represents
    page.get_by_label("Tytuł zadania").fill("Półkolonie na Podgórzu")
    page.get_by_label("Opis zadania").fill("Dwa turnusy zajęć dla 60 dzieci.")
    page.locator("#id_starts_on").fill(competition.carried_out_from.isoformat())
    page.locator("#id_ends_on").fill(competition.carried_out_to.isoformat())
    row = {"name": "Opiekunowie", "quantity": "10", "unit_cost": "2000"}
    row |= {"from_grant": "18000", "from_own": "2000"}
    for field, value in row.items():
        page.locator(f"#id_costs-0-{field}").fill(value)
    press(page, "Zapisz i złóż ofertę")
    expect(page.locator("main")).to_contain_text("złożona")
    return Offer.objects.get(competition=competition)


def take(page, live_url, kind: str, pk: int, button: str, **fields) -> None:
    page.goto(f"{live_url}/proces/{kind}/{pk}/")
    form = page.locator("form.transition-form", has=page.get_by_role("button", name=button))
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state()


def test_a_competition_from_announcement_to_grant(demo_city, live_url, page, new_page):
    sign_in(page, live_url, "urzednik")
    competition = announce(page, live_url)
    organisation = new_page()
    sign_in(organisation, live_url, "organizacja")
    offer = submit_offer(organisation, live_url, competition)
    assert offer.state == "submitted"
    assert offer.organisation.representatives.filter(username="organizacja").exists()

    # The call for offers ran its 25 days (the history written as data, as the demo does).
    past = timezone.now() - timedelta(minutes=5)
    Competition.objects.filter(pk=competition.pk).update(offers_deadline=past)
    set_deadline(competition, "close_offers", past)
    page.goto(f"{live_url}/konkursy/{competition.pk}/")
    page.get_by_label("Login osoby powoływanej do komisji").fill("mieszkaniec2")
    press(page, "Powołaj do komisji")
    expect(page.locator("main")).to_contain_text("bez oświadczenia o bezstronności")
    press(page, "Zamknij nabór ofert")
    take(page, live_url, "offer", offer.pk, "Uznaj za poprawną formalnie")

    commission = new_page()
    sign_in(commission, live_url, "mieszkaniec2")
    commission.goto(f"{live_url}/konkursy/{competition.pk}/ocena/")
    press(commission, "Podpisuję oświadczenie")
    commission.get_by_label(re.compile(r"^Jakość")).fill("8")
    commission.get_by_label(re.compile(r"^Koszty")).fill("4")
    press(commission, "Zapisz ocenę")
    expect(commission.locator("main")).to_contain_text("Zapisano ocenę oferty")

    page.goto(f"{live_url}/konkursy/{competition.pk}/")
    press(page, "Zatwierdź ocenę komisji")
    offer.refresh_from_db()
    # Hand-worked: 8/10 × 70 + 4/5 × 30 = 80.
    assert (offer.state, offer.score) == ("scored", Decimal("80.00"))
    take(page, live_url, "offer", offer.pk, "Przyznaj dotację", amount="15000")
    page.goto(f"{live_url}/konkursy/{competition.pk}/")
    press(page, "Ogłoś wyniki konkursu")
    offer.refresh_from_db()
    assert (offer.state, offer.granted) == ("granted", Decimal("15000.00"))
    organisation.goto(f"{live_url}/konkursy/{competition.pk}/")
    expect(organisation.locator("main table")).to_contain_text("15\xa0000,00\xa0zł")
