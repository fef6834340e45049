"""Consultation and meeting events: one notice and one e-mail per recipient."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.models import Comment
from notifications.models import Follow, Notification
from tests.consultations.factories import force_state
from workflows.services import SYSTEM, advance

pytestmark = pytest.mark.django_db


def events_of(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("event", flat=True))


def test_answering_a_comment_tells_its_author(
    api_as, smtp, work, coordinator, make_user, open_programme
):
    author = make_user(email="uwagi@example.org")
    comment = Comment.objects.create(
        programme=open_programme,
        target="programme",
        kind="general",
        justification="x",
        author=author,
    )
    force_state(open_programme, "answering")
    response = api_as(coordinator).post(
        f"/api/v1/consultations/comments/{comment.pk}/answer/",
        {"decision": "partly", "reason": "Uwzględniono w części."},
        format="json",
    )
    assert response.status_code == 200
    work()
    assert events_of(author) == ["comment_answered"]
    [mail] = smtp.to("uwagi@example.org")
    assert "uwzględniona częściowo" in mail.get_content()
    assert events_of(coordinator) == []


def test_an_answer_to_an_organisations_comment_tells_all_its_representatives(
    api_as, smtp, work, coordinator, make_user, organisation, org_rep, open_programme
):
    org_rep.email = "ewa@example.org"
    org_rep.save()
    colleague = make_user(username="kolezanka", email="kolezanka@example.org")
    former = make_user(username="byly", email="byly@example.org", is_active=False)
    organisation.representatives.add(colleague, former)
    comment = Comment.objects.create(
        programme=open_programme,
        target="programme",
        kind="general",
        justification="x",
        author=org_rep,
        organisation=organisation,
    )
    force_state(open_programme, "answering")
    response = api_as(coordinator).post(
        f"/api/v1/consultations/comments/{comment.pk}/answer/",
        {"decision": "rejected", "reason": "Poza zakresem programu."},
        format="json",
    )
    assert response.status_code == 200
    work()
    work()
    for person in (org_rep, colleague):
        assert events_of(person) == ["comment_answered"]
        assert len(smtp.to(person.email)) == 1
    assert events_of(former) == [] and smtp.to("byly@example.org") == []


def test_planning_a_meeting_tells_the_team_and_the_invited(
    api_as, smtp, work, team, moderator, member, expert
):
    member.email, expert.email = "czlonek@example.org", "ekspert@example.org"
    member.save(), expert.save()
    start = timezone.now() + timedelta(days=2)
    response = api_as(moderator).post(
        "/api/v1/meetings/",
        {
            "team": team.pk,
            "title": "Spotkanie zespołu",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "place": "sala 201",
            "agenda": [{"title": "Cele"}],
            "invited": [expert.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    work()
    assert events_of(member) == ["meeting_planned"]
    assert events_of(moderator) == []  # who planned it
    assert len(smtp.to("czlonek@example.org")) == 1
    assert (
        timezone.localtime(start).strftime("%d.%m.%Y %H:%M")
        in smtp.to("czlonek@example.org")[0].get_content()
    )


def test_minutes_published_tell_the_team(api_as, smtp, work, meeting, moderator, member):
    member.email = "czlonek@example.org"
    member.save()
    client = api_as(moderator)
    for step in ("open/", "close/", "minutes/publish/"):
        assert client.post(f"/api/v1/meetings/{meeting.pk}/{step}").status_code == 200
    work()
    assert events_of(member) == ["meeting_planned", "minutes_published"]
    assert len(smtp.to("czlonek@example.org")) == 2


def test_followers_of_a_chapter_hear_the_programme_move(
    smtp, work, follower, open_programme, chapter
):
    Follow.objects.create(user=follower, subject=chapter)
    open_programme.comments_close_at = timezone.now() - timedelta(minutes=1)
    open_programme.save()
    advance(open_programme, "close_comments", by=SYSTEM)
    work()
    [notice] = Notification.objects.filter(recipient=follower)
    assert notice.event == "followed_changed"
    assert len(smtp.to(follower.email)) == 1
