"""A grant agreement in the browser over the demo city: the organisation updates its cost
estimate to the lower grant, staff sign the agreement, the organisation writes and submits
its final report, staff accept it and the settlement's figures appear."""

import pytest
from playwright.sync_api import expect

from grants.agreements import Agreement
from tests.e2e.conftest import describe_violations
from tests.e2e.test_accessibility import sign_in

pytestmark = pytest.mark.e2e


def press(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_an_agreement_is_recorded_and_its_report_accepted(
    demo_city, live_url, page, new_page, axe_check
):
    agreement = Agreement.objects.get(number="WS-DS/1/2027")  # 25 000 of 30 000 zł requested
    url = f"{live_url}/umowy/{agreement.pk}/"
    organisation = new_page()
    sign_in(organisation, live_url, "organizacja")
    organisation.goto(url)
    expect(organisation.locator("main")).to_contain_text("zaktualizuj kosztorys")
    organisation.get_by_role("link", name="Zaktualizuj kosztorys i harmonogram").click()
    organisation.locator("#id_costs-0-unit_cost").fill("300.00")
    organisation.locator("#id_costs-0-from_grant").fill("25000.00")
    press(organisation, "Zapisz kosztorys")
    expect(organisation.locator("main")).to_contain_text("Zapisano zaktualizowany kosztorys")

    sign_in(page, live_url, "urzednik")
    page.goto(url)
    page.get_by_label("Data zawarcia").fill("2027-02-20")
    press(page, "Zawrzyj umowę")
    expect(page.locator("main dl").first).to_contain_text("umowa zawarta")
    page.get_by_label("Data przekazania").fill("2027-03-01")
    press(page, "Zapisz przekazanie")
    expect(page.locator("main")).to_contain_text("Zapisano przekazanie transzy")
    violations = axe_check(page)
    assert not violations, describe_violations(violations)

    line = agreement.cost_lines.get()
    organisation.goto(url)
    organisation.get_by_role("link", name="Napisz sprawozdanie").click()
    organisation.get_by_label("Opis wykonania zadania").fill("Zielone lekcje w 12 szkołach.")
    organisation.get_by_label("Liczba odbiorców zadania").fill("340")
    organisation.locator(f"#id_grant_{line.pk}").fill("24000.00")
    organisation.locator(f"#id_own_{line.pk}").fill("5000.00")
    press(organisation, "Zapisz sprawozdanie")
    press(organisation, "Złóż sprawozdanie")
    expect(organisation.locator("main dl")).to_contain_text("złożone")

    report = agreement.reports.get()
    page.goto(f"{live_url}/umowy/sprawozdania/{report.pk}/")
    press(page, "Przyjmij sprawozdanie")
    page.goto(url)
    main = page.locator("main")
    expect(main).to_contain_text("sprawozdanie przyjęte, rozliczenie dotacji")
    agreement.refresh_from_db()
    assert agreement.state == "report_accepted"
    assert (str(agreement.used), str(agreement.to_return)) == ("24000.00", "1000.00")
    expect(main).to_contain_text("1\xa0000,00\xa0zł")
