"""A competition's announcement and the standing bodies' opinions on it: everybody reads
them on the competition's opinions page, staff ask a body for one there."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import timezone

from bodies.models import BodyKind, OpinionRequest, OpinionState
from grants.models import Competition
from tests.bodies.factories import BodyFactory
from workflows.accounts.models import Role

pytestmark = pytest.mark.django_db


def page(competition) -> str:
    return f"/konkursy/{competition.pk}/opinie/"


@pytest.fixture
def published(draft):
    Competition.objects.filter(pk=draft.pk).update(state="published")
    draft.refresh_from_db()
    return draft


@pytest.fixture
def commission(db):
    return BodyFactory(name="Komisja Dialogu Obywatelskiego ds. Seniorów")


def asked(body, competition, by, state=OpinionState.REQUESTED, **fields):
    from django.contrib.contenttypes.models import ContentType

    return OpinionRequest.objects.create(
        body=body,
        content_type=ContentType.objects.get_for_model(Competition),
        object_id=competition.pk,
        subject=f"Ogłoszenie: {competition.title}",
        due_on=timezone.localdate() + timedelta(days=14),
        requested_by=by,
        state=state,
        **fields,
    )


def ask_form(body, days=14, subject="Ogłoszenie konkursu"):
    due = timezone.localdate() + timedelta(days=days)
    return {"body": body.pk, "subject": subject, "due_on": due.isoformat()}


def test_everybody_reads_the_opinions_on_a_published_competition(
    client, staff, published, commission
):
    asked(
        commission,
        published,
        staff,
        state=OpinionState.ADOPTED,
        stance="with_remarks",
        text="Komisja proponuje wyższy limit dotacji.",
        adopted_on=timezone.localdate(),
    )
    response = client.get(page(published))
    html = response.content.decode()
    assert response.status_code == 200
    assert commission.name in html and "Komisja proponuje wyższy limit dotacji." in html
    assert "pozytywna z uwagami" in html
    assert 'name="due_on"' not in html  # asking is for staff
    assert page(published) in client.get(f"/konkursy/{published.pk}/").content.decode()


def test_the_opinions_of_a_draft_are_hidden_like_the_draft(client, make_user, draft):
    assert client.get(page(draft)).status_code == 404
    client.force_login(make_user(Role.RESIDENT))
    assert client.get(page(draft)).status_code == 404


def test_staff_ask_a_body_for_its_opinion_from_the_page(client, staff, published, commission):
    client.force_login(staff)
    form = client.get(page(published)).content.decode()
    assert 'name="due_on"' in form and commission.name in form
    response = client.post(page(published), ask_form(commission))
    assert response.status_code == 302 and response["Location"] == page(published)
    opinion = OpinionRequest.objects.get()
    assert (opinion.body, opinion.target, opinion.state) == (
        commission,
        published,
        OpinionState.REQUESTED,
    )
    assert "oczekuje na opinię do" in client.get(page(published)).content.decode()


def test_staff_may_ask_about_a_draft_announcement(client, staff, draft, commission):
    client.force_login(staff)
    assert client.post(page(draft), ask_form(commission)).status_code == 302
    assert OpinionRequest.objects.get().target == draft


def test_a_deadline_shorter_than_seven_days_is_refused_with_the_reason(
    client, staff, published, commission
):
    client.force_login(staff)
    response = client.post(page(published), ask_form(commission, days=3))
    assert response.status_code == 400
    assert "co najmniej 7 dni" in response.content.decode()
    assert not OpinionRequest.objects.exists()


def test_a_body_out_of_its_term_is_not_offered(client, staff, published):
    old = BodyFactory(term_start=date(2019, 1, 1), term_end=date(2023, 12, 31))
    client.force_login(staff)
    response = client.post(page(published), ask_form(old))
    assert response.status_code == 400
    assert not OpinionRequest.objects.exists()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.ORGANISATION_REP, Role.VERIFIER])
def test_only_staff_ask_for_an_opinion(client, make_user, published, commission, role):
    client.force_login(make_user(role))
    html = client.get(page(published)).content.decode()
    assert 'name="due_on"' not in html
    assert client.post(page(published), ask_form(commission)).status_code == 403
    assert not OpinionRequest.objects.exists()


def test_an_anonymous_request_goes_to_the_login(client, published, commission):
    response = client.post(page(published), ask_form(commission))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert not OpinionRequest.objects.exists()


def test_the_page_reads_the_opinions_in_constant_queries(
    client, staff, published, django_assert_max_num_queries
):
    rdpp = BodyFactory(kind=BodyKind.RDPP, name="Rada Działalności Pożytku Publicznego")
    asked(rdpp, published, staff)
    client.force_login(staff)
    with django_assert_max_num_queries(20) as few:
        assert client.get(page(published)).status_code == 200
    for _ in range(8):
        asked(BodyFactory(), published, staff)
    with django_assert_max_num_queries(len(few)):
        html = client.get(page(published)).content.decode()
    assert html.count("/organy/opinie/") >= 9
