"""The programme's pages say where the round stands and offer only what can succeed now."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from consultations.models import Comment, Milestone
from tests.consultations.factories import force_state


def test_programme_page_says_which_of_seven_phases_is_current(client, open_programme):
    body = client.get(reverse("consultations:programme", args=[open_programme.pk])).content.decode()
    assert "Etap 3 z 7: zbieranie uwag, do" in body
    assert 'aria-current="step"' in body
    assert body.count('class="phase-list"') == 1


def test_comment_links_are_offered_while_the_window_is_open(client, open_programme):
    body = client.get(reverse("consultations:programme", args=[open_programme.pk])).content.decode()
    assert reverse("consultations:comment", args=[open_programme.pk]) in body
    assert "disabled" not in body.split('id="guide-h"')[1].split("</section>")[0]


def test_before_the_window_comment_is_disabled_with_the_opening_date(client, programme, chapter):
    opens = timezone.now() + timedelta(days=5)
    force_state(programme, "drafts_published", comments_open_at=opens)
    body = client.get(reverse("consultations:programme", args=[programme.pk])).content.decode()
    assert reverse("consultations:comment", args=[programme.pk]) not in body
    assert 'disabled aria-disabled="true">Zgłoś uwagę</button>' in body
    assert "jest możliwe tylko w terminie" in body and "Możliwe od" in body


def _comment(programme, author):
    return Comment.objects.create(
        programme=programme, target="programme", kind="general", justification="x", author=author
    )


def test_answer_form_is_not_offered_while_comments_are_open(
    client, coordinator, resident, open_programme
):
    comment = _comment(open_programme, resident)
    client.force_login(coordinator)
    body = client.get(reverse("consultations:answer", args=[comment.pk])).content.decode()
    assert 'name="reason"' not in body
    assert "Na uwagi odpowiada się w etapie" in body


def test_answer_form_is_offered_in_answering(client, coordinator, resident, open_programme):
    comment = _comment(open_programme, resident)
    force_state(open_programme, "answering")
    client.force_login(coordinator)
    body = client.get(reverse("consultations:answer", args=[comment.pk])).content.decode()
    assert 'name="reason"' in body


def test_schedule_dates_are_in_the_format_date_inputs_accept(client, staff, programme):
    Milestone.objects.create(
        programme=programme, code="first_reading", planned_on=date(2026, 11, 3)
    )
    client.force_login(staff)
    body = client.get(reverse("consultations:timeline", args=[programme.pk])).content.decode()
    assert 'value="2026-11-03"' in body
    assert "03.11.2026" not in body.split("<form")[-1]
