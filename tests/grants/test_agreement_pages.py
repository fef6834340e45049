"""Agreements from the pages: staff draft one for a granted offer, the organisation updates
its estimate, staff sign it and record a transfer, the organisation asks for a change and
reports, staff decide, record the return and close the settlement."""

from decimal import Decimal

import pytest

from grants.agreements import Agreement, ChangeRequest, TaskReport
from tests.grants.agreement_fixtures import UPDATED, granted_offer, offer

pytestmark = pytest.mark.django_db
__all__ = ["offer"]
LIST = "/umowy/"


def formset(prefix: str, rows: list[dict], extra: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(rows) + extra, f"{prefix}-INITIAL_FORMS": 0}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def take(client, kind, obj, name, **fields):
    return client.post(f"/proces/{kind}/{obj.pk}/{name}/", fields, follow=True)


def drafted(client, staff, offer) -> Agreement:
    client.force_login(staff)
    listed = client.get(LIST).content.decode()
    assert "Przygotuj umowę" in listed and offer.title in listed
    response = client.post(
        f"/konkursy/oferty/{offer.pk}/umowa/",
        {"number": "DS/7/2027", **formset("tranches", [], extra=3)},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Agreement.objects.get()


def test_from_the_draft_to_the_settlement(client, staff, org, offer):
    agreement = drafted(client, staff, offer)
    page = client.get(f"{LIST}{agreement.pk}/").content.decode()
    assert "zaktualizuj kosztorys" in page  # granted 18 000 of 20 000 requested

    rep = org["a"].rep
    client.force_login(rep)
    assert client.get(f"{LIST}{agreement.pk}/kosztorys/").status_code == 200
    saved = client.post(
        f"{LIST}{agreement.pk}/kosztorys/",
        {"schedule": "marzec–grudzień 2027", **formset("costs", UPDATED)},
    )
    assert saved.status_code == 302, saved.content.decode()[-2000:]

    client.force_login(staff)
    assert "Zawrzyj umowę" in client.get(f"{LIST}{agreement.pk}/").content.decode()
    take(client, "grant_agreement", agreement, "sign", signed_on="2027-02-20")
    agreement.refresh_from_db()
    assert agreement.state == "signed"
    tranche = agreement.tranches.get()
    client.post(
        f"{LIST}{agreement.pk}/przelew/", {"tranche": tranche.pk, "transferred_on": "2027-03-01"}
    )
    tranche.refresh_from_db()
    assert str(tranche.transferred_on) == "2027-03-01"

    client.force_login(rep)
    asked = client.post(
        f"{LIST}{agreement.pk}/zmiana/",
        {
            "justification": "Zajęcia potrwają do końca roku.",
            "new_ends_on": "2027-12-31",
            **formset("costs", []),
        },
    )
    assert asked.status_code == 302, asked.content.decode()[-2000:]
    change = ChangeRequest.objects.get()
    client.force_login(staff)
    assert "Przyjmij zmianę (aneks)" in client.get(f"{LIST}{agreement.pk}/").content.decode()
    take(client, "agreement_change", change, "approve")
    agreement.refresh_from_db()
    assert str(agreement.ends_on) == "2027-12-31" and agreement.annexes.count() == 1

    client.force_login(rep)
    lines = {x.name: x.pk for x in agreement.cost_lines.all()}
    written = client.post(
        f"{LIST}{agreement.pk}/sprawozdanie/",
        {
            "final": "on",
            "achieved": "Zajęcia odbyły się.",
            "beneficiaries": "80",
            f"grant_{lines['Wynagrodzenie trenera']}": "16200.00",
            f"own_{lines['Wynagrodzenie trenera']}": "1800.00",
            f"grant_{lines['Wynajem sali']}": "1500.00",
            f"own_{lines['Wynajem sali']}": "600.00",
        },
    )
    assert written.status_code == 302, written.content.decode()[-2000:]
    report = TaskReport.objects.get()
    assert "Złóż sprawozdanie" in client.get(f"{LIST}sprawozdania/{report.pk}/").content.decode()
    take(client, "task_report", report, "submit")
    client.force_login(staff)
    page = take(client, "task_report", report, "accept").content.decode()
    agreement.refresh_from_db()
    assert agreement.state == "report_accepted"
    assert (agreement.used, agreement.to_return) == (Decimal("17700.00"), Decimal("300.00"))
    client.post(f"{LIST}{agreement.pk}/zwrot/", {"amount": "300.00", "returned_on": "2028-01-10"})
    take(client, "grant_agreement", agreement, "settle")
    agreement.refresh_from_db()
    assert agreement.state == "settled"
    page = client.get(f"{LIST}{agreement.pk}/").content.decode()
    assert "Rozliczenie zamknięto" in page


def test_who_sees_and_who_writes(client, staff, resident, org, offer):
    agreement = drafted(client, staff, offer)
    client.logout()
    assert client.get(f"{LIST}{agreement.pk}/").status_code == 404
    client.force_login(resident)
    assert client.get(f"{LIST}{agreement.pk}/kosztorys/").status_code == 404
    client.force_login(org["b"].rep)
    assert client.get(f"{LIST}{agreement.pk}/").status_code == 404
    client.force_login(org["a"].rep)
    assert client.get(f"{LIST}{agreement.pk}/").status_code == 200
    assert client.post(f"{LIST}{agreement.pk}/zwrot/", {"amount": "1"}).status_code == 403
    assert client.get(f"/konkursy/oferty/{offer.pk}/umowa/").status_code == 403
    # A change request on an agreement not yet signed is refused with the reason.
    page = client.post(
        f"{LIST}{agreement.pk}/zmiana/",
        {"justification": "x", "new_ends_on": "2027-12-31", **formset("costs", [])},
    ).content.decode()
    assert "w czasie realizacji zadania" in page


def test_the_list_filters_and_takes_the_same_queries(
    client, staff, org, django_assert_max_num_queries
):
    for n in range(5):
        agreement_offer = granted_offer(org["a"] if n % 2 else org["b"])
        client.force_login(staff)
        client.post(
            f"/konkursy/oferty/{agreement_offer.pk}/umowa/",
            {"number": f"P/{n}", **formset("tranches", [])},
        )
    assert Agreement.objects.count() == 5
    client.force_login(org["a"].rep)
    with django_assert_max_num_queries(14):
        page = client.get(LIST).content.decode()
    assert page.count("P/1") >= 1 and "P/0" not in page  # another's drafts stay hidden
    client.force_login(staff)
    with django_assert_max_num_queries(14):
        page = client.get(LIST, {"state": "drafted", "organisation": "Fundacja A"}).content.decode()
    assert "P/1" in page and "P/0" not in page
