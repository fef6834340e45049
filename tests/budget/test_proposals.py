"""Proposal state machine through the API: every transition allowed and refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from budget.models import Edition, MergeRequest, Proposal, SupportSignature, Verification
from workflows.models import AuditEntry, Deadline

from .factories import ProposalFactory, schedule

pytestmark = pytest.mark.django_db

WF = "/api/v1/workflows/proposal/{}/transitions/{}/"


def take(client, proposal, name, **body):
    return client.post(WF.format(proposal.pk, name), body, format="json")


def state(proposal):
    return Proposal.objects.get(pk=proposal.pk).state


def test_author_saves_a_draft_then_submits(api_as, author, submission):
    edition, city, _ = submission
    client = api_as(author)
    response = client.post(
        "/api/v1/budget/proposals/",
        {
            "edition": edition.pk,
            "pool": city.pk,
            "title": "Zielony skwer przy Rondzie",
            "description": "Nowe drzewa",
            "estimated_cost": "150000",
            "category": "greenery",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    proposal = Proposal.objects.get()
    assert proposal.state == "draft" and proposal.author == author
    assert (
        client.patch(
            f"/api/v1/budget/proposals/{proposal.pk}/",
            {"location": "Rondo Mogilskie"},
            format="json",
        ).status_code
        == 200
    )
    assert take(client, proposal, "submit").status_code == 200
    assert state(proposal) == "submitted"


def test_cost_above_pool_maximum_is_400(api_as, author, submission):
    edition, _, district = submission
    response = api_as(author).post(
        "/api/v1/budget/proposals/",
        {
            "edition": edition.pk,
            "pool": district.pk,
            "title": "Hala sportowa",
            "estimated_cost": "300000.01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "estimated_cost"
    assert not Proposal.objects.exists()


def test_submit_outside_the_submission_window_is_409_with_the_window(api_as, author, submission):
    edition, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author)
    schedule(edition, "verification")  # the submission window has passed
    response = take(api_as(author), proposal, "submit")
    assert response.status_code == 409
    assert "tylko w terminie" in response.json()["error"]["message"]
    assert state(proposal) == "draft"


def test_only_the_author_or_a_coauthor_submits(api_as, author, make_user, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author)
    stranger, coauthor = make_user(username="obcy"), make_user(username="wspolautor")
    # a draft is not even visible to others: 404, not 403, so its existence does not leak
    assert take(api_as(stranger), proposal, "submit").status_code == 404
    proposal.coauthors.add(coauthor)
    assert take(api_as(coauthor), proposal, "submit").status_code == 200


def test_support_signatures_below_minimum_block_submission(api_as, author, make_user, submission):
    _, city, _ = submission
    city.support_minimum = 2
    city.save()
    proposal = ProposalFactory(pool=city, author=author)
    response = take(api_as(author), proposal, "submit")
    assert response.status_code == 409
    assert "Zebrano 0 z 2" in response.json()["error"]["message"]
    for name in ("a", "b"):
        assert (
            api_as(make_user(username=name))
            .post(f"/api/v1/budget/proposals/{proposal.pk}/support/")
            .status_code
            == 204
        )
    assert SupportSignature.objects.count() == 2
    assert take(api_as(author), proposal, "submit").status_code == 200


def test_second_signature_of_the_same_person_is_409(api_as, author, resident, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author)
    url = f"/api/v1/budget/proposals/{proposal.pk}/support/"
    assert api_as(resident).post(url).status_code == 204
    assert api_as(resident).post(url).status_code == 409


def test_formal_check_passes_and_assigns_the_unit(api_as, staff, author, unit, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    assert take(api_as(author), proposal, "pass_formal_check", unit=unit.pk).status_code == 403
    response = take(api_as(staff), proposal, "pass_formal_check", unit=unit.pk)
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.state == "formally_passed" and proposal.unit == unit


def test_formal_check_needs_an_existing_unit(api_as, staff, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    assert take(api_as(staff), proposal, "pass_formal_check", unit=999).status_code == 400


def test_correction_sets_a_deadline_and_author_resubmits(api_as, staff, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    url = f"/api/v1/budget/proposals/{proposal.pk}/correction/"
    assert api_as(staff).post(url, {}, format="json").status_code == 400  # reason required
    response = api_as(staff).post(url, {"reason": "Brak mapy lokalizacji."}, format="json")
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.state == "needs_correction" and proposal.correction_due > timezone.now()
    assert Deadline.objects.get().transition == "reject_uncorrected"
    assert take(api_as(author), proposal, "resubmit").status_code == 200
    assert state(proposal) == "submitted"


def test_correction_through_the_generic_api_sets_the_same_deadline(api_as, staff, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=staff, state="submitted")
    response = take(api_as(staff), proposal, "request_correction", reason="Brak mapy.")
    assert response.status_code == 200
    proposal.refresh_from_db()
    deadline = Deadline.objects.get()
    assert (deadline.transition, deadline.due_at) == ("reject_uncorrected", proposal.correction_due)


def test_resubmit_after_the_correction_deadline_is_refused(api_as, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(
        pool=city,
        author=author,
        state="needs_correction",
        correction_due=timezone.now() - timedelta(minutes=1),
    )
    response = take(api_as(author), proposal, "resubmit")
    assert response.status_code == 409
    assert "nie zostały uzupełnione" in response.json()["error"]["message"]


def test_scheduler_rejects_uncorrected_proposal(author, submission):
    from workflows.deadlines import fire_due, set_deadline

    _, city, _ = submission
    due = timezone.now() - timedelta(minutes=1)
    proposal = ProposalFactory(
        pool=city, author=author, state="needs_correction", correction_due=due
    )
    set_deadline(proposal, "reject_uncorrected", due)
    fire_due()
    proposal.refresh_from_db()
    assert proposal.state == "rejected" and "w terminie" in proposal.rejection_reason


def test_formal_rejection_reason_is_public(api, api_as, staff, author, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="submitted")
    assert take(api_as(staff), proposal, "reject_formally").status_code == 400
    assert (
        take(
            api_as(staff), proposal, "reject_formally", reason="Zadanie nie należy do gminy."
        ).status_code
        == 200
    )
    body = api.get(f"/api/v1/budget/proposals/{proposal.pk}/").json()
    assert body["state"] == "rejected"
    assert body["rejection_reason"] == "Zadanie nie należy do gminy."
    assert body["history"][-1]["reason"] == "Zadanie nie należy do gminy."


def assessment(client, proposal, **extra):
    data = {
        "verified_cost": "200000",
        "feasible": True,
        "legal": True,
        "land_ownership": "city",
        "maintenance_cost": "5000",
        **extra,
    }
    return client.post(f"/api/v1/budget/proposals/{proposal.pk}/assessment/", data, format="json")


def test_only_the_assigned_units_verifier_assesses(
    api_as, verifier, other_verifier, author, unit, submission
):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="formally_passed", unit=unit)
    assert assessment(api_as(other_verifier), proposal).status_code == 403
    assert take(api_as(other_verifier), proposal, "accept_for_ballot").status_code == 403
    assert assessment(api_as(verifier), proposal).status_code == 201
    assert take(api_as(verifier), proposal, "accept_for_ballot").status_code == 200
    assert state(proposal) == "accepted"


def test_accept_needs_an_assessment_first(api_as, verifier, author, unit, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="formally_passed", unit=unit)
    response = take(api_as(verifier), proposal, "accept_for_ballot")
    assert response.status_code == 409
    assert "ocenę merytoryczną" in response.json()["error"]["message"]


def test_cost_change_needs_a_reason_and_is_kept(api_as, verifier, author, unit, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="formally_passed", unit=unit)
    client = api_as(verifier)
    assert assessment(client, proposal, verified_cost="260000").status_code == 400
    assert (
        assessment(
            client, proposal, verified_cost="260000", cost_change_reason="Droższe nasadzenia."
        ).status_code
        == 201
    )
    proposal.refresh_from_db()
    assert str(proposal.verified_cost) == "260000.00"
    assert Verification.objects.get().cost_change_reason == "Droższe nasadzenia."
    assert AuditEntry.objects.filter(action="assessment").count() == 1


def test_verified_cost_above_maximum_blocks_acceptance(api_as, verifier, author, unit, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="formally_passed", unit=unit)
    assessment(api_as(verifier), proposal, verified_cost="1200000", cost_change_reason="Drożej")
    assert take(api_as(verifier), proposal, "accept_for_ballot").status_code == 409


def test_merit_rejection_needs_a_reason(api_as, verifier, author, unit, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author, state="formally_passed", unit=unit)
    assert take(api_as(verifier), proposal, "reject_on_merit").status_code == 400
    assert (
        take(api_as(verifier), proposal, "reject_on_merit", reason="Teren prywatny.").status_code
        == 200
    )
    assert Proposal.objects.get(pk=proposal.pk).rejection_reason == "Teren prywatny."


def test_appeal_within_the_window_and_upheld(api_as, staff, author, edition_in):
    _edition, city, _ = edition_in("appeals", "appeals")
    proposal = ProposalFactory(pool=city, author=author, state="rejected")
    assert take(api_as(author), proposal, "appeal").status_code == 400  # justification
    assert take(api_as(staff), proposal, "appeal", reason="x").status_code == 403
    assert (
        take(
            api_as(author), proposal, "appeal", reason="Teren należy do gminy (KW KR1P/1)."
        ).status_code
        == 200
    )
    assert take(api_as(author), proposal, "uphold_appeal", reason="ok").status_code == 403
    assert (
        take(
            api_as(staff), proposal, "uphold_appeal", reason="Potwierdzono własność gminy."
        ).status_code
        == 200
    )
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert proposal.appeal_justification.startswith("Teren")


def test_appeal_dismissed(api_as, staff, author, edition_in):
    _, city, _ = edition_in("appeals", "appeals")
    proposal = ProposalFactory(pool=city, author=author, state="appealed")
    assert take(api_as(staff), proposal, "dismiss_appeal", reason="Bez zmian.").status_code == 200
    assert state(proposal) == "appeal_dismissed"


def test_appeal_after_the_window_is_409(api_as, author, edition_in):
    _edition, city, _ = edition_in("appeals", "voting")  # the appeal window has passed
    proposal = ProposalFactory(pool=city, author=author, state="rejected")
    response = take(api_as(author), proposal, "appeal", reason="Późno")
    assert response.status_code == 409 and "tylko w terminie" in response.json()["error"]["message"]


def test_selection_is_only_for_the_tally(api_as, staff, author, voting):
    from workflows.services import SYSTEM, advance

    proposal = voting[3][0]
    assert take(api_as(staff), proposal, "select").status_code == 403
    assert take(api_as(staff), proposal, "not_select").status_code == 403
    assert advance(proposal, "select", by=SYSTEM).state == "selected"
    assert advance(voting[3][1], "not_select", by=SYSTEM).state == "not_selected"


def test_placing_on_ballot_only_by_opening_the_vote(api_as, staff, author, edition_in):
    edition, city, _ = edition_in("appeals", "voting")
    accepted = ProposalFactory(pool=city, author=author, state="accepted")
    rejected = ProposalFactory(pool=city, author=author, state="rejected")
    assert take(api_as(staff), accepted, "place_on_ballot").status_code == 403
    response = api_as(staff).post(
        f"/api/v1/workflows/edition/{edition.pk}/transitions/open_voting/", {}, format="json"
    )
    assert response.status_code == 200
    assert (state(accepted), state(rejected)) == ("on_ballot", "rejected")


def test_the_scheduler_opening_the_vote_places_accepted_proposals_on_the_ballot(author, edition_in):
    from django.core.management import call_command

    from workflows.deadlines import set_deadline

    edition, city, _ = edition_in("appeals", "voting")
    accepted = ProposalFactory(pool=city, author=author, state="accepted")
    set_deadline(edition, "open_voting", timezone.now() - timedelta(minutes=1))
    call_command("run_deadlines")
    assert Edition.objects.get(pk=edition.pk).state == "voting"
    assert state(accepted) == "on_ballot"


def test_merge_needs_both_authors_consent(api_as, staff, author, make_user, submission):
    _, city, _ = submission
    other = make_user(username="drugi-autor")
    source = ProposalFactory(pool=city, author=author, state="submitted")
    target = ProposalFactory(pool=city, author=other, state="submitted")
    assert (
        api_as(author)
        .post(f"/api/v1/budget/proposals/{source.pk}/merge/", {"target": target.pk}, format="json")
        .status_code
        == 403
    )
    response = api_as(staff).post(
        f"/api/v1/budget/proposals/{source.pk}/merge/", {"target": target.pk}, format="json"
    )
    assert response.status_code == 201
    request_id = response.json()["id"]
    consent = f"/api/v1/budget/merge-requests/{request_id}/consent/"
    assert api_as(author).post(consent).json()["consented"] is False
    assert take(api_as(staff), source, "merge", into=target.pk).status_code == 409
    assert api_as(make_user(username="x")).post(consent).status_code == 403
    assert api_as(other).post(consent).json()["consented"] is True
    assert take(api_as(staff), source, "merge", into=target.pk).status_code == 200
    source.refresh_from_db()
    assert source.state == "merged" and source.merged_into == target
    assert MergeRequest.objects.get().consented
    assert AuditEntry.objects.filter(action="merge_consent").count() == 2


def test_implementation_lifecycle(api, api_as, staff, author, unit, verifier, voting):
    from workflows.services import SYSTEM, advance

    proposal = advance(voting[3][0], "select", by=SYSTEM)
    base = f"/api/v1/budget/implementations/{proposal.pk}/"
    assert api_as(verifier).post(base, {"unit": unit.pk}, format="json").status_code == 403
    assert api_as(staff).post(base, {"unit": unit.pk}, format="json").status_code == 200
    # the verifier is a member of the implementing unit now
    assert take(api_as(verifier), proposal, "start_implementation").status_code == 200
    assert api_as(verifier).patch(base, {"actual_cost": "180000"}, format="json").status_code == 200
    assert (
        api_as(verifier)
        .post(base + "notes/", {"text": "Nasadzono 12 drzew."}, format="json")
        .status_code
        == 201
    )
    assert take(api_as(author), proposal, "complete").status_code == 403
    assert take(api_as(verifier), proposal, "complete").status_code == 200
    listed = api.get("/api/v1/budget/implementations/", {"edition": proposal.edition_id}).json()
    row = listed["results"][0]
    assert (row["status"], row["unit"], row["actual_cost"]) == ("completed", unit.name, "180000.00")


def test_abandon_needs_a_reason(api_as, staff, voting):
    from workflows.services import SYSTEM, advance

    proposal = advance(voting[3][0], "select", by=SYSTEM)
    assert take(api_as(staff), proposal, "abandon").status_code == 400
    assert (
        take(api_as(staff), proposal, "abandon", reason="Brak zgody konserwatora.").status_code
        == 200
    )
    assert Proposal.objects.get(pk=proposal.pk).abandon_reason == "Brak zgody konserwatora."


def test_drafts_are_private(api, api_as, author, resident, submission):
    _, city, _ = submission
    proposal = ProposalFactory(pool=city, author=author)
    assert api.get(f"/api/v1/budget/proposals/{proposal.pk}/").status_code == 404
    assert api_as(resident).get(f"/api/v1/budget/proposals/{proposal.pk}/").status_code == 404
    assert api_as(author).get(f"/api/v1/budget/proposals/{proposal.pk}/").status_code == 200
    assert api.get(f"/api/v1/workflows/proposal/{proposal.pk}/").status_code == 404


def test_form_encoded_proposal_is_read_like_json_not_a_500(api_as, author, submission):
    edition = submission[0]
    response = api_as(author).post(
        "/api/v1/budget/proposals/", {"edition": str(edition.pk), "title": ["a", "b"]}
    )
    assert response.status_code in (201, 400)


@pytest.mark.parametrize("edition", ["²", "[1]", "-1", ""])
def test_edition_that_is_not_a_number_is_404(api_as, author, edition):
    response = api_as(author).post("/api/v1/budget/proposals/", {"edition": edition}, format="json")
    assert response.status_code == 404
