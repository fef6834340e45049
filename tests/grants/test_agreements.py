"""After the decision, through the API: the agreement (updated estimate after a lower grant,
tranches, signing), transfers, change requests and annexes, the art. 18 reports (returned,
corrected, late), the settlement and its arithmetic on a hand-worked fixture."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from grants import report_figures
from grants.agreements import Agreement, Annex, TaskReport, settlement
from tests.grants.agreement_fixtures import (
    API,
    UPDATED,
    draft,
    granted_offer,
    offer,
    report_body,
    signed,
    take,
)
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
__all__ = ["offer"]  # the fixture


def test_settlement_arithmetic_hand_worked():
    # 10 000 + 8 000 transferred, 16 000.00 + 1 399.50 spent: 17 399.50 used, 600.50 back.
    assert settlement(Decimal("18000.00"), Decimal("17399.50")) == (
        Decimal("17399.50"),
        Decimal("600.50"),
    )
    # Spent more than transferred (the second tranche never came): nothing to return.
    assert settlement(Decimal("10000.00"), Decimal("17399.50")) == (
        Decimal("10000.00"),
        Decimal("0.00"),
    )


def test_the_whole_way_after_a_lower_grant(api_as, staff, org, offer):
    staff_api, rep = api_as(staff), api_as(org["a"].rep)
    made = draft(
        staff_api,
        offer,
        starts_on="2027-09-01",
        ends_on="2028-06-30",
        tranches=[{"year": 2027, "amount": "10000"}, {"year": 2028, "amount": "8000"}],
    )
    assert made.status_code == 201, made.json()
    body = made.json()
    agreement = Agreement.objects.get(pk=body["id"])
    # Defaults: report 30 days after the end (art. 18), return 15 days after (art. 251).
    assert (body["report_due"], body["return_due"]) == ("2028-07-30", "2028-07-15")
    assert body["amount"] == "18000.00" and len(body["cost_lines"]) == 2

    # The estimate still asks for 20 000 zł: signing is refused with the reason.
    refused = take(staff_api, "grant_agreement", agreement, "sign", signed_on="2027-08-20")
    assert refused.status_code == 409
    assert "zaktualizuj kosztorys" in refused.json()["error"]["message"]
    # An unbalanced line is refused at once; the organisation's balanced one is kept.
    wrong = [{**UPDATED[0], "from_grant": "16000.00"}, UPDATED[1]]
    assert (
        rep.put(f"{API}{agreement.pk}/estimate/", {"cost_lines": wrong}, format="json").status_code
        == 400
    )
    # The organisation cannot sign it itself.
    assert (
        take(rep, "grant_agreement", agreement, "sign", signed_on="2027-08-20").status_code == 403
    )
    updated = rep.put(
        f"{API}{agreement.pk}/estimate/",
        {"cost_lines": UPDATED, "schedule": "wrzesień 2027 – czerwiec 2028"},
        format="json",
    )
    assert updated.status_code == 200, updated.json()
    signed = take(staff_api, "grant_agreement", agreement, "sign", signed_on="2027-08-20")
    assert signed.status_code == 200, signed.json()

    tranches = {t.year: t.pk for t in agreement.tranches.all()}
    for year in (2027, 2028):
        sent = staff_api.post(
            f"{API}{agreement.pk}/transfers/",
            {"tranche": tranches[year], "transferred_on": f"{year}-09-01"},
            format="json",
        )
        assert sent.status_code == 200, sent.json()
    again = staff_api.post(
        f"{API}{agreement.pk}/transfers/", {"tranche": tranches[2027]}, format="json"
    )
    assert again.status_code == 409

    # The final report: written, submitted, sent back with a reason, corrected, accepted.
    written = rep.post(f"{API}{agreement.pk}/reports/", report_body(agreement), format="json")
    assert written.status_code == 201, written.json()
    report = TaskReport.objects.get(pk=written.json()["id"])
    assert take(staff_api, "task_report", report, "submit").status_code == 403
    assert take(rep, "task_report", report, "submit").status_code == 200
    agreement.refresh_from_db()
    assert agreement.state == "report_submitted"
    assert take(staff_api, "task_report", report, "send_back").status_code == 400  # no reason
    back = take(staff_api, "task_report", report, "send_back", reason="Brak listy obecności.")
    assert back.status_code == 200
    agreement.refresh_from_db()
    assert agreement.state == "report_returned"
    fixed = rep.put(
        f"/api/v1/grants/task-reports/{report.pk}/",
        report_body(agreement, achieved="40 zajęć; listy obecności w załączeniu."),
        format="json",
    )
    assert fixed.status_code == 200, fixed.json()
    assert take(rep, "task_report", report, "submit").status_code == 200
    assert take(staff_api, "task_report", report, "accept").status_code == 200
    agreement.refresh_from_db()
    assert agreement.state == "report_accepted"
    assert (agreement.used, agreement.to_return) == (Decimal("17399.50"), Decimal("600.50"))

    # Settled only once the unused 600.50 zł is back.
    early = take(staff_api, "grant_agreement", agreement, "settle")
    assert early.status_code == 409 and "600.50" in early.json()["error"]["message"]
    assert (
        rep.post(f"{API}{agreement.pk}/returns/", {"amount": "600.50"}, format="json").status_code
        == 403
    )
    paid = staff_api.post(
        f"{API}{agreement.pk}/returns/",
        {"amount": "600,50", "returned_on": "2028-07-10"},
        format="json",
    )
    assert paid.status_code == 200, paid.json()
    assert take(staff_api, "grant_agreement", agreement, "settle").status_code == 200
    agreement.refresh_from_db()
    assert agreement.state == "settled" and not agreement.return_late
    actions = list(
        AuditEntry.objects.filter(kind="grant_agreement").values_list("action", flat=True)
    )
    assert actions.count("tranche_transferred") == 2 and "return_recorded" in actions
    assert {"report_in", "report_back", "report_accepted", "settle"} <= set(actions)
    # The 31 May report counts it in the year its task starts.
    assert report_figures.agreements(2027) == {
        "agreements": 1,
        "amount": "18000.00",
        "terminated": 0,
        "settled": 1,
        "used": "17399.50",
        "returned": "600.50",
    }


def test_tranches_must_add_up_to_the_grant(api_as, staff, org, offer):
    staff_api = api_as(staff)
    made = draft(
        staff_api,
        offer,
        tranches=[{"year": 2027, "amount": "10000"}, {"year": 2028, "amount": "7000"}],
    )
    agreement = Agreement.objects.get(pk=made.json()["id"])
    api_as(org["a"].rep).put(
        f"{API}{agreement.pk}/estimate/", {"cost_lines": UPDATED}, format="json"
    )
    refused = take(staff_api, "grant_agreement", agreement, "sign", signed_on="2027-02-20")
    assert refused.status_code == 409
    message = refused.json()["error"]["message"]
    assert "17000.00" in message and "18000.00" in message
    assert "2027–2027" in message  # 2028 lies outside a task carried out in 2027
    fixed = staff_api.put(
        f"{API}{agreement.pk}/tranches/",
        {"tranches": [{"year": 2027, "amount": "18000"}]},
        format="json",
    )
    assert fixed.status_code == 200, fixed.json()
    assert (
        take(staff_api, "grant_agreement", agreement, "sign", signed_on="2027-02-20").status_code
        == 200
    )
    late = staff_api.put(
        f"{API}{agreement.pk}/tranches/",
        {"tranches": [{"year": 2027, "amount": "1"}]},
        format="json",
    )
    assert late.status_code == 409


def test_who_drafts_and_when(api_as, staff, org, offer, resident):
    assert draft(api_as(resident), offer).status_code == 403
    assert draft(api_as(org["a"].rep), offer).status_code == 403
    not_granted = granted_offer(org["b"])
    type(not_granted).objects.filter(pk=not_granted.pk).update(state="not_granted")
    assert draft(api_as(staff), not_granted, number="X/1").status_code == 409
    assert draft(api_as(staff), offer).status_code == 201
    assert draft(api_as(staff), offer, number="DS/2/2027").status_code == 409  # one per offer
    other = granted_offer(org["b"])
    assert draft(api_as(staff), other).status_code == 400  # the number is taken


def test_a_draft_is_the_city_and_the_organisations(api, api_as, staff, org, offer, resident):
    made = draft(api_as(staff), offer).json()
    assert api.get(f"{API}{made['id']}/").status_code == 404
    assert api_as(org["b"].rep).get(f"{API}{made['id']}/").status_code == 404
    assert api_as(org["a"].rep).get(f"{API}{made['id']}/").status_code == 200
    # Another organisation's representative may not touch the estimate.
    wrong = api_as(org["b"].rep).put(
        f"{API}{made['id']}/estimate/", {"cost_lines": UPDATED}, format="json"
    )
    assert wrong.status_code == 403
    assert [a["id"] for a in api.get(API).json()] == []
    assert [a["id"] for a in api_as(org["a"].rep).get(API).json()] == [made["id"]]


def test_reports_and_changes_wait_for_the_signature(api_as, staff, org, offer):
    made = draft(api_as(staff), offer).json()
    agreement = Agreement.objects.get(pk=made["id"])
    rep = api_as(org["a"].rep)
    assert (
        rep.post(f"{API}{agreement.pk}/reports/", report_body(agreement), format="json").status_code
        == 409
    )
    change = {"justification": "Później.", "new_ends_on": "2027-12-31"}
    assert rep.post(f"{API}{agreement.pk}/changes/", change, format="json").status_code == 409


def test_a_change_refused_then_one_annexed(api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    rep, staff_api = api_as(org["a"].rep), api_as(staff)
    url = f"{API}{agreement.pk}/changes/"
    assert rep.post(url, {"justification": "Nic."}, format="json").status_code == 400
    unbalanced = [{**UPDATED[0], "from_grant": "15000.00", "from_own": "3000.00"}, UPDATED[1]]
    assert (
        rep.post(url, {"justification": "x", "cost_lines": unbalanced}, format="json").status_code
        == 400
    )
    first = rep.post(
        url, {"justification": "Choroba trenera.", "new_ends_on": "2028-09-30"}, format="json"
    )
    assert first.status_code == 201, first.json()
    assert (
        rep.post(url, {"justification": "Druga.", "new_schedule": "x"}, format="json").status_code
        == 409
    )
    change = agreement.changes.get()
    assert take(rep, "agreement_change", change, "approve").status_code == 403
    assert take(staff_api, "agreement_change", change, "refuse").status_code == 400
    refused = take(
        staff_api,
        "agreement_change",
        change,
        "refuse",
        reason="Zadanie musi się skończyć w czerwcu.",
    )
    assert refused.status_code == 200
    assert take(staff_api, "agreement_change", change, "approve").status_code == 409

    # A shift of 2 000 zł from the trainer to the room, with a new end of the task.
    shifted = [
        {**UPDATED[0], "unit_cost": "1600.00", "from_grant": "14200.00", "from_own": "1800.00"},
        {**UPDATED[1], "unit_cost": "1100.00", "from_grant": "3800.00", "from_own": "600.00"},
    ]
    second = rep.post(
        url,
        {"justification": "Większa sala.", "new_ends_on": "2028-07-31", "cost_lines": shifted},
        format="json",
    )
    assert second.status_code == 201, second.json()
    approved = take(
        staff_api, "agreement_change", agreement.changes.get(state="requested"), "approve"
    )
    assert approved.status_code == 200, approved.json()
    agreement.refresh_from_db()
    annex = Annex.objects.get()
    assert (annex.number, annex.agreement_id) == (1, agreement.pk)
    assert agreement.ends_on == date(2028, 7, 31)
    room = agreement.cost_lines.get(name="Wynajem sali")
    assert (room.unit_cost, room.from_grant) == (Decimal("1100.00"), Decimal("3800.00"))
    detail = api_as(staff).get(f"{API}{agreement.pk}/").json()
    assert [a["number"] for a in detail["annexes"]] == [1]
    assert [c["state"] for c in detail["changes"]] == ["approved", "refused"]  # newest first


def test_overspending_a_line_beyond_the_allowed_shift_needs_an_annex(api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    rep = api_as(org["a"].rep)
    # The room's 1 800 zł may grow by 10% (1 980 zł) without an annex; 1 980.01 may not.
    body = report_body(agreement, trainer="15000.00", room="1980.01")
    report = TaskReport.objects.get(
        pk=rep.post(f"{API}{agreement.pk}/reports/", body, format="json").json()["id"]
    )
    refused = take(rep, "task_report", report, "submit")
    assert refused.status_code == 409 and "wymaga aneksu" in refused.json()["error"]["message"]
    body = report_body(agreement, trainer="15000.00", room="1980.00")
    assert (
        rep.put(f"/api/v1/grants/task-reports/{report.pk}/", body, format="json").status_code == 200
    )
    assert take(rep, "task_report", report, "submit").status_code == 200


def test_a_late_report_is_accepted_and_flagged(api, api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    rep = api_as(org["a"].rep)
    partial = rep.post(
        f"{API}{agreement.pk}/reports/", report_body(agreement, final=False), format="json"
    ).json()
    final = rep.post(f"{API}{agreement.pk}/reports/", report_body(agreement), format="json").json()
    assert (
        rep.post(f"{API}{agreement.pk}/reports/", report_body(agreement), format="json").status_code
        == 409
    )
    on_time = TaskReport.objects.get(pk=partial["id"])
    late = TaskReport.objects.get(pk=final["id"])
    assert take(rep, "task_report", on_time, "submit").status_code == 200
    with time_machine.travel(date(2028, 7, 31)):  # the day after 30 July
        submitted = take(rep, "task_report", late, "submit")
        assert submitted.status_code == 200, submitted.json()
        assert take(api_as(staff), "task_report", late, "accept").status_code == 200
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert (late.late, late.state, on_time.late) == (True, "accepted", False)
    agreement.refresh_from_db()
    assert agreement.state == "report_accepted"  # the partial report did not move it
    flagged = api_as(staff).get(API, {"late": "true"}).json()
    assert [a["id"] for a in flagged] == [agreement.pk]
    assert api.get(API, {"lately": "1"}).status_code == 400


def test_the_list_takes_the_same_queries_for_many(
    api, api_as, staff, org, django_assert_max_num_queries
):
    for n in range(6):
        offer = granted_offer(org["a"])
        made = draft(api_as(staff), offer, number=f"L/{n}")
        assert made.status_code == 201
    client = api_as(staff)
    with django_assert_max_num_queries(8):
        rows = client.get(API).json()
    assert len(rows) == 6


def test_the_open_data_register(api, api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    rep = api_as(org["a"].rep)
    report = rep.post(f"{API}{agreement.pk}/reports/", report_body(agreement), format="json").json()
    take(rep, "task_report", TaskReport.objects.get(pk=report["id"]), "submit")
    rows = api.get("/api/v1/grants/agreement-register/2027.json").json()
    ids = [r["id"] for r in rows]
    assert ids == [f"agreement-{agreement.pk}", f"report-{report['id']}"]
    assert rows[0]["number"] == "DS/1/2027" and rows[0]["amount"] == "18000.00"
    assert rows[1]["used"] == "17399.50" and rows[1]["record"] == "final_report"
    csv = api.get("/api/v1/grants/agreement-register/2027.csv")
    assert csv.status_code == 200 and csv.content.decode().splitlines()[0].startswith("id,record,")
    assert api.get("/api/v1/grants/agreement-register/2026.json").json() == []
    # Drafts are not in it.
    other = granted_offer(org["b"])
    draft(api_as(staff), other, number="D/9")
    assert len(api.get("/api/v1/grants/agreement-register/2027.json").json()) == 2


def test_termination_needs_a_reason(api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    staff_api = api_as(staff)
    assert take(staff_api, "grant_agreement", agreement, "terminate").status_code == 400
    assert (
        take(
            api_as(org["a"].rep), "grant_agreement", agreement, "terminate", reason="x"
        ).status_code
        == 403
    )
    done = take(
        staff_api,
        "grant_agreement",
        agreement,
        "terminate",
        reason="Zadanie nie zostało rozpoczęte.",
    )
    assert done.status_code == 200
    assert (
        staff_api.post(
            f"{API}{agreement.pk}/transfers/",
            {"tranche": agreement.tranches.first().pk},
            format="json",
        ).status_code
        == 409
    )


def test_a_return_after_its_date_is_flagged(api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    api_as(staff).post(
        f"{API}{agreement.pk}/returns/",
        {"amount": "100", "returned_on": "2028-07-16"},
        format="json",
    )
    agreement.refresh_from_db()
    assert agreement.return_late and agreement.returned == Decimal("100.00")


def test_a_stranger_gets_nothing_of_a_report_in_progress(api, api_as, staff, org, offer):
    agreement = signed(api_as, staff, org, offer)
    report = (
        api_as(org["a"].rep)
        .post(f"{API}{agreement.pk}/reports/", report_body(agreement), format="json")
        .json()
    )
    assert api.get(f"/api/v1/grants/task-reports/{report['id']}/").status_code == 404
    assert (
        api_as(org["a"].rep).get(f"/api/v1/grants/task-reports/{report['id']}/").status_code == 200
    )
