"""The body's page and an opinion's page: the opinion requests paged, both pages read in a
constant number of queries however many members, requests and votes, and the organisation
a member represents recorded and shown."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from bodies.models import Membership, OpinionRequest, OpinionState, OpinionVote
from consultations.models import Programme
from tests.bodies.factories import MembershipFactory
from tests.bodies.test_opinions import adopt_url, adoption
from tests.consultations.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def requests(body, by, n, state=OpinionState.REQUESTED, **fields):
    programme = ProgrammeFactory()
    return OpinionRequest.objects.bulk_create(
        OpinionRequest(
            body=body,
            content_type=ContentType.objects.get_for_model(Programme),
            object_id=programme.pk,
            subject=f"Wniosek nr {i + 1:03d}",
            due_on=timezone.localdate() + timedelta(days=14),
            requested_by=by,
            state=state,
            **fields,
        )
        for i in range(n)
    )


def members(body, make_user, n):
    return [
        MembershipFactory(body=body, person=make_user(), organisation=OrganisationFactory())
        for _ in range(n)
    ]


def test_the_opinion_requests_are_shown_a_page_at_a_time(client, staff, commission):
    requests(commission, staff, 30)
    first = client.get(f"/organy/{commission.pk}/").content.decode()
    assert first.count("Wniosek nr ") == 25
    assert "Strona 1 z 2" in first and "?opinie=2#opinie-h" in first
    # Newest first: the five oldest are on the second page.
    second = client.get(f"/organy/{commission.pk}/?opinie=2").content.decode()
    assert second.count("Wniosek nr ") == 5 and "Wniosek nr 001" in second
    assert client.get(f"/organy/{commission.pk}/?opinie=nie").status_code == 200


def test_the_body_page_reads_in_constant_queries_as_members_and_requests_grow(
    client, staff, make_user, commission, django_assert_max_num_queries
):
    requests(commission, staff, 2)
    client.force_login(staff)  # the member form too
    with django_assert_max_num_queries(20) as few:
        assert client.get(f"/organy/{commission.pk}/").status_code == 200
    members(commission, make_user, 12)
    requests(commission, staff, 40)
    with django_assert_max_num_queries(len(few)):
        page = client.get(f"/organy/{commission.pk}/").content.decode()
    assert page.count("<td>Fundacja Testowa") == 12  # the table; the form lists them too


def adopted_with_votes(body, by, memberships):
    [opinion] = requests(
        body,
        by,
        1,
        state=OpinionState.ADOPTED,
        text="Opinia pozytywna.",
        stance="positive",
        procedure="meeting",
        adopted_on=timezone.localdate(),
    )
    OpinionVote.objects.bulk_create(
        OpinionVote(request=opinion, membership=m, vote="for") for m in memberships
    )
    return opinion


def test_the_opinion_page_reads_in_constant_queries_as_votes_grow(
    client, staff, make_user, commission, django_assert_max_num_queries
):
    few_votes = adopted_with_votes(commission, staff, members(commission, make_user, 2))
    with django_assert_max_num_queries(20) as few:
        assert client.get(f"/organy/opinie/{few_votes.pk}/").status_code == 200
    many = adopted_with_votes(commission, staff, members(commission, make_user, 15))
    with django_assert_max_num_queries(len(few)):
        page = client.get(f"/organy/opinie/{many.pk}/").content.decode()
    assert page.count("(Fundacja Testowa") == 15


def test_the_chair_s_form_reads_in_constant_queries_as_members_grow(
    client, staff, make_user, commission, django_assert_max_num_queries
):
    [opinion] = requests(commission, staff, 1)
    client.force_login(commission.people["chair"])
    with django_assert_max_num_queries(25) as few:
        assert client.get(f"/organy/opinie/{opinion.pk}/").status_code == 200
    members(commission, make_user, 15)
    with django_assert_max_num_queries(len(few)):
        page = client.get(f"/organy/opinie/{opinion.pk}/").content.decode()
    assert page.count('name="vote_') == 20


def test_a_member_s_represented_organisation_is_recorded_and_shown(
    client, api_as, staff, make_user, commission, ask, programme
):
    organisation = OrganisationFactory(name="Stowarzyszenie Seniorów Podgórza")
    delegate = make_user(username="delegatka")
    client.force_login(staff)
    form = {
        "person": "delegatka",
        "role": "member",
        "term_start": "2024-01-01",
        "organisation": organisation.pk,
    }
    assert client.post(f"/organy/{commission.pk}/", form).status_code == 302
    membership = Membership.objects.get(body=commission, person=delegate)
    assert membership.organisation == organisation
    assert (
        "Stowarzyszenie Seniorów Podgórza"
        in client.get(f"/organy/{commission.pk}/").content.decode()
    )
    # Her vote is on record with the organisation she represents.
    commission.people["delegatka"] = delegate
    opinion = ask(commission, programme)
    votes = {"chair": "for", "secretary": "for", "delegatka": "for"}
    payload = adoption(commission, list(votes), votes)
    response = api_as(commission.people["chair"]).post(adopt_url(opinion), payload, format="json")
    assert response.status_code == 200, response.json()
    page = client.get(f"/organy/opinie/{opinion.pk}/").content.decode()
    assert "delegatka (Stowarzyszenie Seniorów Podgórza)" in page
