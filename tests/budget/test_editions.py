"""Editions: the schedule as data, pools within the law, and the phase transitions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from budget.models import Edition, Proposal
from workflows.models import AuditEntry, Deadline

from .factories import EditionFactory, ProposalFactory

pytestmark = pytest.mark.django_db

WF = "/api/v1/workflows/edition/{}/transitions/{}/"


def take(client, edition, name):
    return client.post(WF.format(edition.pk, name), {}, format="json")


def windows(start=None):
    start = start or timezone.now() + timedelta(days=1)
    result, moment = {}, start
    for kind in ("submission", "verification", "appeals", "voting", "results"):
        result[kind] = [moment.isoformat(), (moment + timedelta(days=10)).isoformat()]
        moment += timedelta(days=11)
    return result


def test_staff_sets_the_schedule_and_a_closing_deadline(api_as, staff):
    edition = EditionFactory()
    url = f"/api/v1/budget/editions/{edition.pk}/schedule/"
    response = api_as(staff).put(url, {"phases": windows()}, format="json")
    assert response.status_code == 200, response.json()
    assert [p["kind"] for p in response.json()["phases"]] == [
        "submission",
        "verification",
        "appeals",
        "voting",
        "results",
    ]
    assert Deadline.objects.get().transition == "close_voting"


def test_schedule_refuses_overlaps_and_residents(api_as, staff, resident):
    edition = EditionFactory()
    url = f"/api/v1/budget/editions/{edition.pk}/schedule/"
    bad = windows()
    bad["voting"][0] = bad["appeals"][0]  # voting starts before appeals end
    assert api_as(staff).put(url, {"phases": bad}, format="json").status_code == 400
    # Refused before the edition is looked up: a resident configures no edition at all.
    assert api_as(resident).put(url, {"phases": windows()}, format="json").status_code == 403


def test_changing_a_running_schedule_needs_a_reason_and_is_audited(api_as, staff):
    edition = EditionFactory(state="submission")
    url = f"/api/v1/budget/editions/{edition.pk}/schedule/"
    assert api_as(staff).put(url, {"phases": windows()}, format="json").status_code == 409
    response = api_as(staff).put(
        url, {"phases": windows(), "reason": "Uchwała RM nr X/1/26"}, format="json"
    )
    assert response.status_code == 200
    assert AuditEntry.objects.get(action="schedule_changed").reason.startswith("Uchwała")


def test_support_minimum_is_capped_at_a_thousandth_of_residents(api_as, staff):
    edition = EditionFactory()
    url = f"/api/v1/budget/editions/{edition.pk}/pools/"
    pool = {
        "name": "Pula ogólnomiejska",
        "amount": "5000000",
        "max_project_cost": "1000000",
        "population": 50000,
        "support_minimum": 51,
    }
    response = api_as(staff).put(url, pool, format="json")
    assert response.status_code == 400 and "50" in response.json()["error"]["message"]
    assert api_as(staff).put(url, {**pool, "support_minimum": 50}, format="json").status_code == 200
    assert edition.pools.get().support_minimum == 50


def test_edition_opens_only_with_schedule_and_citywide_pool(api_as, staff, resident):
    edition = EditionFactory()
    # a draft edition is invisible to residents (404); a visible one refuses them (403)
    assert take(api_as(resident), edition, "open_submission").status_code == 404
    response = take(api_as(staff), edition, "open_submission")
    assert response.status_code == 409
    assert "harmonogramu" in response.json()["error"]["message"]
    api_as(staff).put(
        f"/api/v1/budget/editions/{edition.pk}/schedule/", {"phases": windows()}, format="json"
    )
    api_as(staff).put(
        f"/api/v1/budget/editions/{edition.pk}/pools/",
        {
            "name": "Pula ogólnomiejska",
            "amount": "5000000",
            "max_project_cost": "1000000",
            "population": 800000,
        },
        format="json",
    )
    assert take(api_as(staff), edition, "open_submission").status_code == 200


def test_appeals_wait_for_verification_and_voting_waits_for_appeals(
    api_as, staff, author, edition_in
):
    edition, city, _ = edition_in("verification", "verification")
    waiting = ProposalFactory(pool=city, author=author, state="formally_passed")
    response = take(api_as(staff), edition, "open_appeals")
    assert response.status_code == 409 and "czeka" in response.json()["error"]["message"]
    Proposal.objects.filter(pk=waiting.pk).update(state="appealed")
    edition = Edition.objects.get(pk=edition.pk)
    assert take(api_as(staff), edition, "open_appeals").status_code == 200
    response = take(api_as(staff), edition, "open_voting")
    assert response.status_code == 409 and "odwołań" in response.json()["error"]["message"]


def test_the_whole_edition_cycle_is_staff_only(api_as, staff, verifier, edition_in):
    edition, _, _ = edition_in("submission", "submission")
    for name, state in [
        ("start_verification", "verification"),
        ("open_appeals", "appeals"),
        ("open_voting", "voting"),
        ("close_voting", "voting_closed"),
        ("publish_results", "results_published"),
    ]:
        assert take(api_as(verifier), edition, name).status_code == 403
        if name == "publish_results":
            refused = take(api_as(staff), edition, name)
            assert refused.status_code == 409
            assert "nie zostały jeszcze policzone" in refused.json()["error"]["message"]
            counted = api_as(staff).post(f"/api/v1/budget/editions/{edition.pk}/results/count/")
            assert counted.status_code == 201
        assert take(api_as(staff), edition, name).status_code == 200
        assert Edition.objects.get(pk=edition.pk).state == state


def test_draft_editions_are_hidden_from_residents(api, api_as, staff):
    edition = EditionFactory()
    assert api.get(f"/api/v1/budget/editions/{edition.pk}/").status_code == 404
    assert api_as(staff).get(f"/api/v1/budget/editions/{edition.pk}/").status_code == 200
