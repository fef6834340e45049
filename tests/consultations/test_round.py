"""Every transition of the round: taken by the right person, refused for the others."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Comment, ImplementationReport, Programme
from tests.consultations.factories import force_state
from workflows.accounts.models import Role
from workflows.models import AuditEntry, Deadline

pytestmark = pytest.mark.django_db

VOTE = {
    "resolution_number": "CXI/1510/26",
    "resolution_date": "2026-11-18",
    "votes_for": "30",
    "votes_against": "2",
    "votes_abstained": "1",
}
ISO = "%Y-%m-%dT%H:%M:%S%z"

# transition, source, target, who may take it, payload
ROUND = [
    ("start_drafting", "draft", "drafting", "staff", {}),
    ("open_comments", "drafts_published", "comments_open", "staff", {}),
    ("start_answering", "comments_closed", "answering", "coordinator", {}),
    ("prepare_final_text", "answering", "final_text_prepared", "coordinator", {}),
    ("publish_report", "final_text_prepared", "report_published", "coordinator", {}),
    ("submit_to_council", "report_published", "submitted", "staff", {}),
    ("record_first_reading", "submitted", "first_reading", "staff", {"held_on": "2026-10-28"}),
    ("record_second_reading", "first_reading", "second_reading", "staff", {}),
    ("record_council_vote", "second_reading", "adopted", "staff", VOTE),
    ("resume_answering", "returned", "answering", "coordinator", {}),
]


def url(programme, name):
    return f"/api/v1/workflows/programme/{programme.pk}/transitions/{name}/"


@pytest.fixture
def people(staff, coordinator, resident, make_user):
    return {
        "staff": staff,
        "coordinator": coordinator,
        "resident": resident,
        "moderator": make_user(Role.MODERATOR, username="mod"),
    }


@pytest.mark.parametrize(("name", "source", "target", "who", "payload"), ROUND)
def test_transition_is_taken_by_its_role(
    api_as, people, chapter, name, source, target, who, payload
):
    programme = force_state(
        chapter.programme, source, comments_open_at=timezone.now() - timedelta(days=1)
    )
    response = api_as(people[who]).post(url(programme, name), payload, format="json")
    assert response.status_code == 200, response.json()
    assert Programme.objects.get().state == target
    assert AuditEntry.objects.get(action=name).by == people[who]


@pytest.mark.parametrize(("name", "source", "target", "who", "payload"), ROUND)
def test_transition_is_refused_to_other_roles(
    api_as, people, chapter, name, source, target, who, payload
):
    programme = force_state(chapter.programme, source)
    for other in {"staff", "coordinator", "resident", "moderator"} - {who, "staff"}:
        response = api_as(people[other]).post(url(programme, name), payload, format="json")
        # An unpublished draft is not even visible to people outside the round (404).
        hidden = source in ("draft", "drafting") and other != "coordinator"
        assert response.status_code == (404 if hidden else 403), (other, response.json())
        assert response.json()["error"]["message"]
    assert Programme.objects.get().state == source


@pytest.mark.parametrize(("name", "source", "target", "who", "payload"), ROUND)
def test_transition_is_refused_from_another_state(
    api_as, people, chapter, name, source, target, who, payload
):
    programme = force_state(chapter.programme, "adopted" if source != "adopted" else "draft")
    response = api_as(people[who]).post(url(programme, name), payload, format="json")
    assert response.status_code == 409
    assert Programme.objects.get().state == programme.state


def test_publish_drafts_sets_the_window_and_its_deadlines(api_as, staff, chapter):
    programme = force_state(chapter.programme, "drafting")
    opens = timezone.now() + timedelta(days=1)
    closes = opens + timedelta(days=14)
    response = api_as(staff).post(
        url(programme, "publish_drafts"),
        {"comments_open_at": opens.strftime(ISO), "comments_close_at": closes.strftime(ISO)},
        format="json",
    )
    assert response.status_code == 200, response.json()
    programme.refresh_from_db()
    assert programme.state == "drafts_published"
    assert programme.comments_close_at.replace(microsecond=0) == closes.replace(microsecond=0)
    due = dict(Deadline.objects.values_list("transition", "due_at"))
    assert set(due) == {"open_comments", "close_comments"}
    assert due["close_comments"] == programme.comments_close_at


def test_publish_drafts_refuses_a_window_under_seven_days(api_as, staff, chapter):
    programme = force_state(chapter.programme, "drafting")
    response = api_as(staff).post(
        url(programme, "publish_drafts"),
        {"comments_open_at": "2026-09-01T08:00", "comments_close_at": "2026-09-07T08:00"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "comments_close_at"
    assert Programme.objects.get().state == "drafting"


def test_publish_drafts_needs_every_chapter_published(api_as, staff, programme, chapter):
    from tests.consultations.factories import ChapterFactory

    ChapterFactory(programme=programme)
    force_state(programme, "drafting")
    response = api_as(staff).post(
        url(programme, "publish_drafts"),
        {"comments_open_at": "2026-09-01T08:00", "comments_close_at": "2026-09-15T08:00"},
        format="json",
    )
    assert response.status_code == 409
    assert "Rozdziały bez opublikowanej wersji: 1." in response.json()["error"]["message"]


def test_comments_cannot_close_before_the_window_ends(api_as, staff, open_programme):
    response = api_as(staff).post(url(open_programme, "close_comments"), {}, format="json")
    assert response.status_code == 409
    assert "Uwagi można zgłaszać do" in response.json()["error"]["message"]


def test_close_comments_after_the_window(api_as, staff, chapter):
    programme = force_state(
        chapter.programme,
        "comments_open",
        comments_open_at=timezone.now() - timedelta(days=10),
        comments_close_at=timezone.now() - timedelta(minutes=1),
    )
    response = api_as(staff).post(url(programme, "close_comments"), {}, format="json")
    assert response.status_code == 200
    assert Programme.objects.get().state == "comments_closed"


def test_open_comments_waits_for_the_window(api_as, staff, chapter):
    programme = force_state(
        chapter.programme, "drafts_published", comments_open_at=timezone.now() + timedelta(hours=1)
    )
    response = api_as(staff).post(url(programme, "open_comments"), {}, format="json")
    assert response.status_code == 409


def test_final_text_is_refused_while_comments_are_unanswered(
    api_as, coordinator, chapter, resident
):
    programme = force_state(chapter.programme, "answering")
    for _ in range(3):
        Comment.objects.create(
            programme=programme,
            target="programme",
            kind="general",
            justification="x",
            author=resident,
        )
    response = api_as(coordinator).post(url(programme, "prepare_final_text"), {}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "conditions_not_met"
    assert "Bez odpowiedzi pozostało uwag: 3." in error["message"]
    assert Programme.objects.get().state == "answering"


@pytest.mark.parametrize("source", ["submitted", "first_reading", "second_reading"])
def test_council_returns_the_programme_with_reasons(api_as, staff, chapter, source):
    programme = force_state(chapter.programme, source)
    refused = api_as(staff).post(url(programme, "return_to_coordinators"), {}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["details"]["field"] == "reason"
    response = api_as(staff).post(
        url(programme, "return_to_coordinators"),
        {"reason": "Komisja prosi o uzupełnienie działań w obszarze ekologii."},
        format="json",
    )
    assert response.status_code == 200
    assert Programme.objects.get().state == "returned"
    log = AuditEntry.objects.get(action="return_to_coordinators")
    assert log.reason.startswith("Komisja prosi")


def test_return_is_refused_to_the_coordinating_team(api_as, coordinator, chapter):
    programme = force_state(chapter.programme, "second_reading")
    response = api_as(coordinator).post(
        url(programme, "return_to_coordinators"), {"reason": "x"}, format="json"
    )
    assert response.status_code == 403


def test_adoption_records_the_resolution_and_owes_a_report(api_as, staff, chapter):
    programme = force_state(chapter.programme, "second_reading")
    response = api_as(staff).post(url(programme, "record_council_vote"), VOTE, format="json")
    assert response.status_code == 200
    programme.refresh_from_db()
    assert (programme.resolution_number, programme.votes_for, programme.votes_against) == (
        "CXI/1510/26",
        30,
        2,
    )
    report = ImplementationReport.objects.get()
    assert (report.year, str(report.due_on), report.state) == (2027, "2028-05-31", "due")
    deadline = Deadline.objects.get(transition="mark_overdue")
    assert deadline.due_at.isoformat() == "2028-06-01T00:00:00+02:00" or str(
        deadline.due_at
    ).startswith("2028-05-31 22:00")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"resolution_number": " "}, "resolution_number"),
        ({"resolution_date": "18.11.2026"}, "resolution_date"),
        ({"votes_for": "-1"}, "votes_for"),
        ({"votes_for": "2", "votes_against": "30"}, "votes_for"),
    ],
)
def test_adoption_refuses_bad_vote_data(api_as, staff, chapter, change, field):
    programme = force_state(chapter.programme, "second_reading")
    response = api_as(staff).post(
        url(programme, "record_council_vote"), {**VOTE, **change}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert Programme.objects.get().state == "second_reading"


def test_implementation_report_goes_overdue_after_31_may(api_as, staff, chapter):
    import time_machine

    programme = force_state(chapter.programme, "second_reading")
    api_as(staff).post(url(programme, "record_council_vote"), VOTE, format="json")
    report = ImplementationReport.objects.get()
    report_url = f"/api/v1/workflows/implementation_report/{report.pk}/transitions/"
    with time_machine.travel("2028-05-31T23:30:00+02:00"):
        early = api_as(staff).post(report_url + "mark_overdue/", {}, format="json")
        assert early.status_code == 409
    with time_machine.travel("2028-06-01T00:00:01+02:00"):
        from workflows.deadlines import fire_due

        fire_due()
    report.refresh_from_db()
    assert report.state == "overdue"
    done = api_as(staff).post(
        report_url + "publish/", {"url": "https://www.bip.krakow.pl/raport"}, format="json"
    )
    assert done.status_code == 200
    report.refresh_from_db()
    assert report.state == "published" and report.url.endswith("/raport")
