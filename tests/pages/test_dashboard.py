"""The staff panel: what waits for the user first; every object with its options one click away."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from workflows import dashboard, pages
from workflows.accounts.models import Role
from workflows.pages import Queue
from workflows.registry import kinds
from workflows.services import advance

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role", [Role.COUNCIL_STAFF, Role.COORDINATING_TEAM, Role.VERIFIER, Role.ADMINISTRATOR]
)
def test_staff_roles_see_the_dashboard(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/panel/")
    assert response.status_code == 200
    assert "Panel urzędu" in response.content.decode()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.ORGANISATION_REP, Role.MODERATOR])
def test_other_roles_get_403_with_the_reason(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get("/panel/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Twoje konto nie ma żadnej z tych ról" in body
    assert "pracownik urzędu" in body


def test_anonymous_is_sent_to_login(client):
    response = client.get("/panel/")
    assert response.status_code == 302 and "/logowanie/" in response.url


def test_every_registered_kind_has_a_section(client, staff):
    client.force_login(staff)
    body = client.get("/panel/").content.decode()
    for kind in kinds().values():
        assert f'id="kind-{kind.name}"' in body


def test_kind_page_shows_state_buttons_and_reasons(client, staff, owner, petitions):
    (petition,) = petitions(1)
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    body = client.get("/panel/petition/").content.decode()
    assert "złożona" in body
    assert f'action="/proces/petition/{petition.pk}/reject/"' in body
    assert f'action="/proces/petition/{petition.pk}/close/"' in body
    # Accept is refused by a condition: no button, and the reason is shown.
    assert f'action="/proces/petition/{petition.pk}/accept/"' not in body
    assert "Zebrano 0 z 10 wymaganych podpisów." in body


def test_refused_permission_is_explained(client, make_user, petitions):
    (petition,) = petitions(1)
    client.force_login(make_user(Role.VERIFIER))
    body = client.get("/panel/petition/").content.decode()
    assert f'action="/proces/petition/{petition.pk}/submit/"' not in body
    assert "Tylko autor może złożyć petycję." in body


def test_button_goes_through_the_engine_and_returns_to_the_dashboard(
    client, staff, owner, petitions
):
    (petition,) = petitions(1)
    advance(petition, "submit", by=owner)
    client.force_login(staff)
    response = client.post(
        f"/proces/petition/{petition.pk}/reject/",
        {"reason": "Poza kompetencjami gminy", "next": "/panel/"},
    )
    assert response.status_code == 302 and response.url == "/panel/"
    petition.refresh_from_db()
    assert petition.state == "rejected"
    assert petition_history(petition)[-1] == ("reject", "Poza kompetencjami gminy", staff.pk)


def petition_history(petition):
    from workflows.selectors import history

    return [(row.action, row.reason, row.by_id) for row in history(petition)]


def test_hidden_objects_are_not_listed(client, staff, owner, petitions):
    (hidden,) = petitions(1, is_public=False)
    advance(hidden, "submit", by=owner)
    client.force_login(staff)
    for url in ("/panel/", "/panel/petition/"):
        assert f"/proces/petition/{hidden.pk}/" not in client.get(url).content.decode()


def test_overview_starts_from_what_waits_for_the_user(client, staff, owner, petitions):
    first, second = petitions(2)
    advance(first, "submit", by=owner)
    advance(second, "submit", by=owner)
    client.force_login(staff)
    body = client.get("/panel/").content.decode()
    waiting = body.split('id="waiting-heading"')[1].split('id="deadlines-heading"')[0]
    assert "Na Twoją decyzję czeka 2 spraw" in body
    # The oldest waiting item first, then the others.
    assert waiting.index(f"/proces/petition/{first.pk}/") < waiting.index(
        f"/proces/petition/{second.pk}/"
    )
    # No forms on the overview: decisions are taken on the object's or the kind's page.
    assert 'action="/proces/' not in body
    assert 'href="/panel/petition/"' in body


def test_overview_lists_deadlines_of_the_coming_week(client, staff, petitions):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from workflows.models import Deadline

    soon, later = petitions(2)
    for petition, days in ((soon, 2), (later, 30)):
        Deadline.objects.create(
            content_type=ContentType.objects.get_for_model(petition),
            object_id=str(petition.pk),
            transition="close",
            due_at=timezone.now() + timezone.timedelta(days=days),
        )
    client.force_login(staff)
    body = client.get("/panel/").content.decode()
    deadlines = body.split('id="deadlines-heading"')[1].split("</section>")[0]
    assert f"/proces/petition/{soon.pk}/" in deadlines and "Zamknij" in deadlines
    assert f"/proces/petition/{later.pk}/" not in deadlines


def test_kind_page_filters_by_state_and_pages(client, staff, owner, petitions):
    made = petitions(dashboard.PAGE_SIZE + 2)
    advance(made[0], "submit", by=owner)
    client.force_login(staff)
    body = client.get("/panel/petition/?stan=submitted").content.decode()
    assert f'href="/proces/petition/{made[0].pk}/"' in body
    assert f'href="/proces/petition/{made[1].pk}/"' not in body
    second = client.get("/panel/petition/?strona=2").content.decode()
    assert f'href="/proces/petition/{made[0].pk}/"' in second
    assert "Strona 2 z 2" in second


def test_unknown_kind_is_404(client, staff):
    client.force_login(staff)
    assert client.get("/panel/nope/").status_code == 404


def test_kind_page_refuses_residents(client, resident):
    client.force_login(resident)
    assert client.get("/panel/petition/").status_code == 403


@pytest.mark.parametrize("url", ["/panel/", "/panel/petition/"])
def test_queries_do_not_grow_with_objects(
    client, staff, owner, petitions, django_assert_max_num_queries, url
):
    client.force_login(staff)
    for petition in petitions(2):
        advance(petition, "submit", by=owner)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for petition in petitions(20):
        advance(petition, "submit", by=owner)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("/proces/petition/") >= 5


def test_queries_per_kind_are_constant(client, staff, petitions, django_assert_max_num_queries):
    """Session, user and groups, two queries per registered kind, one for the deadlines."""

    petitions(30)
    client.force_login(staff)
    with django_assert_max_num_queries(9 + 2 * len(kinds())):
        client.get("/panel/")


def test_queue_links_appear_only_when_the_url_exists(monkeypatch):
    monkeypatch.setattr(pages, "_queues", [Queue("home", "Start"), Queue("nope:missing", "Brak")])
    assert dashboard.queue_links(AnonymousUser()) == [{"url": "/", "label": "Start"}]


def test_object_queues_link_each_object(client, staff, petitions, monkeypatch):
    petitions(1)
    monkeypatch.setattr(
        pages,
        "_queues",
        [
            Queue(
                "staff-dashboard-kind", "Kolejka testowa", kind="petition", key=lambda p: "petition"
            ),
            Queue("nope:missing", "Brak", kind="petition"),
        ],
    )
    client.force_login(staff)
    body = client.get("/panel/petition/").content.decode()
    assert '<li><a href="/panel/petition/">Kolejka testowa</a></li>' in body
    assert "Brak</a>" not in body


def test_nav_link_only_for_staff(client, staff, resident):
    client.force_login(resident)
    assert 'href="/panel/"' not in client.get("/").content.decode()
    client.force_login(staff)
    assert 'href="/panel/"' in client.get("/").content.decode()


def test_dashboard_url_names():
    assert reverse("staff-dashboard") == "/panel/"
    assert reverse("staff-dashboard-kind", args=["petition"]) == "/panel/petition/"
