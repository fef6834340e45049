"""A district council's own consultations: a comment round on a district document, open to
the district's residents; and the district page that shows the council's work."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from bodies import consultations
from bodies.models import BodyKind, ConsultationState, DistrictComment
from consultations.meetings import services as meetings
from tests.bodies.factories import TITLE, BodyFactory, draft
from workflows.accounts.models import Role
from workflows.deadlines import fire_due
from workflows.errors import Conflict, InvalidInput, NotPermitted, WorkflowError
from workflows.models import Deadline
from workflows.services import advance

pytestmark = pytest.mark.django_db


def test_the_chair_prepares_a_district_document(council):
    consultation = draft(council)
    assert consultation.state == ConsultationState.DRAFT and consultation.body == council


def test_staff_may_prepare_one_too(council, staff):
    assert draft(council, by=staff).created_by == staff


@pytest.mark.parametrize("who", ["member", "resident"])
def test_others_may_not_prepare_one(council, make_user, who):
    user = council.member if who == "member" else make_user(Role.RESIDENT)
    with pytest.raises(NotPermitted):
        draft(council, by=user)


def test_only_a_district_council_consults_district_documents(staff):
    commission = BodyFactory(kind=BodyKind.DIALOGUE_COMMISSION)
    with pytest.raises(InvalidInput):
        draft(commission, by=staff)


def test_a_round_cannot_end_in_the_past(council):
    with pytest.raises(InvalidInput):
        draft(council, days=-1)


def test_opening_sets_the_closing_deadline(open_round):
    assert open_round.state == ConsultationState.OPEN
    deadline = Deadline.objects.get(object_id=str(open_round.pk), transition="close")
    assert deadline.due_at == open_round.closes_at


def test_a_member_may_not_open_the_round(council):
    consultation = draft(council)
    with pytest.raises(NotPermitted):
        advance(consultation, "open", by=council.member)


def test_a_resident_comments_declaring_residence(open_round, make_user):
    resident = make_user(Role.RESIDENT)
    consultations.comment_add(
        by=resident, consultation=open_round, text="Więcej ławek.", resident=True
    )
    assert DistrictComment.objects.get().author == resident


def test_a_comment_without_the_declaration_is_refused_with_the_reason(open_round, make_user):
    district = str(open_round.body.district)
    with pytest.raises(InvalidInput, match=f"mieszkasz w dzielnicy {district}"):
        consultations.comment_add(
            by=make_user(Role.RESIDENT), consultation=open_round, text="X", resident=False
        )


def test_an_anonymous_visitor_cannot_comment(open_round):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotPermitted):
        consultations.comment_add(
            by=AnonymousUser(), consultation=open_round, text="X", resident=True
        )


def test_no_comments_before_the_round_opens(council, make_user):
    with pytest.raises(Conflict):
        consultations.comment_add(
            by=make_user(Role.RESIDENT), consultation=draft(council), text="X", resident=True
        )


def test_a_late_comment_is_refused_even_before_the_scheduler_runs(open_round, make_user):
    resident = make_user(Role.RESIDENT)
    late = time_machine.travel(open_round.closes_at + timedelta(minutes=1))
    with late, pytest.raises(Conflict, match="Termin zgłaszania uwag minął"):
        consultations.comment_add(
            by=resident, consultation=open_round, text="Za późno", resident=True
        )


def test_the_round_closes_at_its_deadline_not_before(council, open_round):
    with pytest.raises(WorkflowError):
        advance(open_round, "close", by=council.chair)
    later = open_round.closes_at + timedelta(minutes=1)
    with time_machine.travel(later):
        fire_due()
    open_round.refresh_from_db()
    assert open_round.state == ConsultationState.CLOSED


# Pages


def test_residents_comment_on_the_page(client, open_round, make_user):
    client.force_login(make_user(Role.RESIDENT))
    url = f"/organy/konsultacje/{open_round.pk}/"
    refused = client.post(url, {"text": "Więcej zieleni."})
    assert refused.status_code == 400
    assert "potwierdź, że mieszkasz" in refused.content.decode()
    response = client.post(url, {"text": "Więcej zieleni.", "resident": "on"}, follow=True)
    assert "Więcej zieleni." in response.content.decode()


def test_a_draft_is_hidden_from_residents(client, council, make_user):
    consultation = draft(council)
    client.force_login(make_user(Role.RESIDENT))
    assert client.get(f"/organy/konsultacje/{consultation.pk}/").status_code == 404
    client.force_login(council.chair)
    assert client.get(f"/organy/konsultacje/{consultation.pk}/").status_code == 200


def test_the_chair_prepares_it_from_the_page(client, council):
    client.force_login(council.chair)
    closes = timezone.localtime() + timedelta(days=14)
    response = client.post(
        f"/organy/{council.pk}/konsultacje/nowe/",
        {"title": TITLE, "text": "Treść", "closes_at": closes.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    assert council.consultations.get().title == TITLE


def test_a_member_may_not_open_the_preparation_page(client, council):
    client.force_login(council.member)
    assert client.get(f"/organy/{council.pk}/konsultacje/nowe/").status_code == 403


def test_the_district_page_shows_the_council_s_work(
    client, council, open_round, staff, django_assert_max_num_queries
):
    for n in range(3):
        start = timezone.now() - timedelta(days=n + 1)
        meetings.create_meeting(
            body=council,
            by=staff,
            title=f"Sesja rady nr {n}",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="Siedziba rady",
            agenda=[{"title": "Sprawy bieżące"}],
        )
    with django_assert_max_num_queries(16):
        page = client.get(f"/dzielnice/{council.district_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("Sesja rady nr") == 3
    assert TITLE in html
