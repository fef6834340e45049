"""Asking a body for an opinion, its adoption by a counted vote, and its deadline."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from bodies.models import OpinionState, OpinionVote
from consultations.models import Programme
from tests.bodies.factories import MembershipFactory
from tests.consultations.factories import force_state
from workflows.deadlines import fire_due
from workflows.models import Deadline

pytestmark = pytest.mark.django_db


def adopt_url(opinion):
    return f"/api/v1/workflows/opinion/{opinion.pk}/transitions/adopt/"


def adoption(body, present, votes, **fields):
    people = body.people
    return {
        "text": "Komisja pozytywnie opiniuje projekt rozdziału.",
        "stance": "positive",
        "procedure": "meeting",
        "adopted_on": timezone.localdate().isoformat(),
        "present": [people[name].pk for name in present],
        "votes": {str(people[name].pk): vote for name, vote in votes.items()},
        **fields,
    }


# --- asking -------------------------------------------------------------------------------


def request_body(to, programme, **fields):
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    return {
        "body": to.pk,
        "kind": "programme",
        "object_id": programme.pk,
        "subject": "Projekt programu współpracy",
        "due_on": due,
        **fields,
    }


def test_staff_ask_a_body_for_an_opinion_with_a_deadline(api_as, staff, commission, programme):
    response = api_as(staff).post("/api/v1/bodies/opinions/", request_body(commission, programme))
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == OpinionState.REQUESTED
    deadline = Deadline.objects.get(transition="record_no_opinion")
    assert timezone.localtime(deadline.due_at).date() == timezone.localdate() + timedelta(days=14)
    listed = api_as(staff).get(f"/api/v1/bodies/opinions/?kind=programme&object_id={programme.pk}")
    assert [o["id"] for o in listed.json()] == [response.json()["id"]]


@pytest.mark.parametrize("who", ["resident", "anonymous"])
def test_only_staff_ask_and_before_anything_is_read(api, api_as, resident, who, commission):
    client = api_as(resident) if who == "resident" else api
    response = client.post("/api/v1/bodies/opinions/", {}, format="json")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"due_on": (date.today() + timedelta(days=3)).isoformat()}, "due_on"),
        ({"subject": "  "}, "subject"),
        ({"kind": "nonsense"}, "kind"),
        ({"due_on": "jutro"}, "due_on"),
        ({"body": "x"}, "body"),
    ],
)
def test_a_bad_request_is_refused_naming_the_field(
    api_as, staff, commission, programme, fields, field
):
    response = api_as(staff).post(
        "/api/v1/bodies/opinions/", request_body(commission, programme, **fields), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field


def test_a_body_out_of_its_term_cannot_be_asked(api_as, staff, commission, programme):
    commission.term_end = timezone.localdate() - timedelta(days=1)
    commission.term_start = commission.term_end - timedelta(days=365)
    commission.save()
    response = api_as(staff).post(
        "/api/v1/bodies/opinions/", request_body(commission, programme), format="json"
    )
    assert response.status_code == 400


# --- adopting -------------------------------------------------------------------------------


def test_the_chair_records_an_opinion_carried_by_a_quorum(api_as, commission, programme, ask):
    opinion = ask(commission, programme)
    votes = {"chair": "for", "secretary": "for", "m1": "against"}
    payload = adoption(commission, ["chair", "secretary", "m1"], votes)
    response = api_as(commission.people["chair"]).post(adopt_url(opinion), payload, format="json")
    assert response.status_code == 200, response.json()
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.ADOPTED and not opinion.late
    assert (opinion.members_count, opinion.present_count) == (5, 3)
    assert (opinion.votes_for, opinion.votes_against, opinion.votes_abstained) == (2, 1, 0)
    recorded = {(v.membership.person.username, v.vote) for v in OpinionVote.objects.all()}
    assert recorded == {("chair", "for"), ("secretary", "for"), ("m1", "against")}


def test_without_a_quorum_the_opinion_is_refused_with_the_count(api_as, commission, programme, ask):
    opinion = ask(commission, programme)
    payload = adoption(commission, ["chair", "secretary"], {"chair": "for", "secretary": "for"})
    response = api_as(commission.people["chair"]).post(adopt_url(opinion), payload, format="json")
    assert response.status_code == 400
    assert "kworum" in response.json()["error"]["message"]
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.REQUESTED
    assert not OpinionVote.objects.exists()


def test_a_member_outside_their_term_cannot_vote(api_as, make_user, commission, programme, ask):
    former = make_user(username="former")
    MembershipFactory(
        body=commission, person=former, term_start=date(2020, 1, 1), term_end=date(2023, 12, 31)
    )
    commission.people["former"] = former
    opinion = ask(commission, programme)
    votes = {"chair": "for", "secretary": "for", "m1": "for", "former": "for"}
    payload = adoption(commission, ["chair", "secretary", "m1", "former"], votes)
    response = api_as(commission.people["chair"]).post(adopt_url(opinion), payload, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "present"


def test_an_absent_member_cannot_vote(api_as, commission, programme, ask):
    opinion = ask(commission, programme)
    votes = {"chair": "for", "secretary": "for", "m1": "for", "m2": "for"}
    payload = adoption(commission, ["chair", "secretary", "m1"], votes)
    response = api_as(commission.people["chair"]).post(adopt_url(opinion), payload, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize(("who", "status"), [("m1", 403), ("secretary", 200), ("staff", 200)])
def test_who_records_the_opinion(api_as, staff, commission, programme, ask, who, status):
    opinion = ask(commission, programme)
    user = staff if who == "staff" else commission.people[who]
    votes = {"chair": "for", "secretary": "for", "m1": "abstain"}
    payload = adoption(commission, ["chair", "secretary", "m1"], votes)
    assert api_as(user).post(adopt_url(opinion), payload, format="json").status_code == status


def test_by_circulation_those_who_answered_make_the_quorum(api_as, commission, programme, ask):
    opinion = ask(commission, programme)
    votes = {"chair": "for", "secretary": "for", "m1": "for"}
    payload = adoption(commission, list(votes), votes, procedure="circulation")
    response = api_as(commission.people["chair"]).post(adopt_url(opinion), payload, format="json")
    assert response.status_code == 200
    opinion.refresh_from_db()
    assert opinion.present_count == 3


# --- the deadline ---------------------------------------------------------------------------


def test_no_answer_by_the_deadline_is_recorded_and_a_late_opinion_is_marked(
    api_as, commission, programme, ask
):
    opinion = ask(commission, programme, days=7)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        fire_due()
        opinion.refresh_from_db()
        assert opinion.state == OpinionState.NOT_GIVEN
        votes = {"chair": "for", "secretary": "for", "m1": "for"}
        payload = adoption(commission, list(votes), votes)
        chair = api_as(commission.people["chair"])
        assert chair.post(adopt_url(opinion), payload, format="json").status_code == 200
    opinion.refresh_from_db()
    assert opinion.state == OpinionState.ADOPTED and opinion.late


def test_an_answered_request_settles_its_deadline_and_nothing_fires_later(
    api_as, commission, programme, ask
):
    opinion = ask(commission, programme, days=7)
    votes = {"chair": "for", "secretary": "for", "m1": "for"}
    payload = adoption(commission, list(votes), votes)
    chair = api_as(commission.people["chair"])
    assert chair.post(adopt_url(opinion), payload, format="json").status_code == 200
    deadline = Deadline.objects.get(transition="record_no_opinion")
    assert (deadline.fired_at is not None, deadline.outcome) == (True, "settled")
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert fire_due() == []


def test_the_generic_page_takes_the_votes_typed_in_as_json(client, commission, programme, ask):
    opinion = ask(commission, programme)
    votes = {"chair": "for", "secretary": "for", "m1": "against"}
    payload = adoption(commission, list(votes), votes)
    client.force_login(commission.people["chair"])
    form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in payload.items()}
    response = client.post(f"/proces/opinion/{opinion.pk}/adopt/", form)
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert (opinion.state, opinion.votes_for, opinion.votes_against) == ("adopted", 2, 1)
    assert OpinionVote.objects.count() == 3


def test_staff_cannot_record_no_opinion_before_the_deadline(
    api_as, staff, commission, programme, ask
):
    opinion = ask(commission, programme)
    url = f"/api/v1/workflows/opinion/{opinion.pk}/transitions/record_no_opinion/"
    response = api_as(staff).post(url, {}, format="json")
    assert response.status_code == 409
    assert "ma czas na opinię" in response.json()["error"]["message"] + str(
        response.json()["error"]["details"]
    )


# --- the programme goes to the council with the RDPP's opinion ------------------------------


def submit(api_as, staff, programme):
    url = f"/api/v1/workflows/programme/{programme.pk}/transitions/submit_to_council/"
    return api_as(staff).post(url, {}, format="json")


def test_with_an_rdpp_the_programme_waits_for_its_opinion(api_as, staff, rdpp, programme, ask):
    force_state(programme, "report_published")
    refused = submit(api_as, staff, programme)
    assert refused.status_code == 409
    assert "Poproś" in str(refused.json()["error"])
    opinion = ask(rdpp, programme)
    still = submit(api_as, staff, programme)
    assert still.status_code == 409 and "ma czas na opinię" in str(still.json()["error"])
    payload = {
        "text": "Rada opiniuje projekt pozytywnie.",
        "stance": "positive",
        "procedure": "meeting",
        "adopted_on": timezone.localdate().isoformat(),
        "present": [rdpp.people["chair"].pk],
        "votes": {str(rdpp.people["chair"].pk): "for"},
    }
    chair = api_as(rdpp.people["chair"])
    assert chair.post(adopt_url(opinion), payload, format="json").status_code == 200
    assert submit(api_as, staff, programme).status_code == 200
    assert Programme.objects.get(pk=programme.pk).state == "submitted"


def test_after_the_rdpp_deadline_passes_the_programme_may_go(api_as, staff, rdpp, programme, ask):
    force_state(programme, "report_published")
    ask(rdpp, programme, days=7)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        fire_due()
        assert submit(api_as, staff, programme).status_code == 200


def test_without_an_rdpp_nothing_is_waited_for(api_as, staff, commission, programme):
    force_state(programme, "report_published")
    assert submit(api_as, staff, programme).status_code == 200
