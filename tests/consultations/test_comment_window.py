"""Staff move a programme's announced comment window (the demo's path past the comments
stage uses it too): audited, the scheduler follows, refused to others and once closed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.services.programmes import move_comment_window
from tests.consultations.factories import force_state, setup_staff
from workflows.accounts.models import Role
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.models import AuditEntry, Deadline

pytestmark = pytest.mark.django_db


def _window(days=14):
    now = timezone.now()
    return now - timedelta(days=2), now - timedelta(days=2) + timedelta(days=days)


def test_staff_move_the_window_and_the_scheduler_follows(open_programme):
    opens, closes = _window(days=20)
    moved = move_comment_window(
        by=setup_staff(),
        programme=open_programme,
        opens_at=opens,
        closes_at=closes,
        reason="Przedłużenie na wniosek Rady Działalności Pożytku Publicznego.",
    )
    assert (moved.comments_open_at, moved.comments_close_at) == (opens, closes)
    due = Deadline.objects.get(object_id=str(moved.pk), transition="close_comments").due_at
    assert due == closes
    entry = AuditEntry.objects.get(action="comment_window_moved")
    assert entry.reason.startswith("Przedłużenie") and entry.payload["closes_at"]


def test_others_may_not_move_the_window(open_programme, make_user):
    opens, closes = _window()
    with pytest.raises(NotPermitted):
        move_comment_window(
            by=make_user(Role.COORDINATING_TEAM),
            programme=open_programme,
            opens_at=opens,
            closes_at=closes,
            reason="Bez uprawnień.",
        )


def test_a_closed_round_keeps_its_window(programme, chapter):
    closed = force_state(programme, "comments_closed")
    opens, closes = _window()
    with pytest.raises(Conflict):
        move_comment_window(
            by=setup_staff(), programme=closed, opens_at=opens, closes_at=closes, reason="Za późno."
        )


@pytest.mark.parametrize(("days", "reason"), [(3, "Za krótko."), (14, "")])
def test_a_window_under_seven_days_or_without_a_reason_is_refused(open_programme, days, reason):
    opens, closes = _window(days=days)
    with pytest.raises(InvalidInput):
        move_comment_window(
            by=setup_staff(),
            programme=open_programme,
            opens_at=opens,
            closes_at=closes,
            reason=reason,
        )
    assert not AuditEntry.objects.filter(action="comment_window_moved").exists()
