"""Deadlines as data: fired once, enforced at write time, Europe/Warsaw DST-safe."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.workflows.engine_app.models import Petition
from workflows.deadlines import ensure_before, ensure_within, fire_due, set_deadline
from workflows.errors import OutsideWindow
from workflows.models import AuditEntry, Deadline
from workflows.timeutil import end_of_day, local_datetime

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def test_run_deadlines_twice_fires_once(petition, capsys):
    set_deadline(petition, "close", timezone.now() - timedelta(minutes=1), "regulamin §5")
    call_command("run_deadlines")
    call_command("run_deadlines")
    assert Petition.objects.get().state == "closed"
    assert AuditEntry.objects.filter(action="close").count() == 1
    out = capsys.readouterr().out
    assert "fired" in out and "0 deadline(s) processed." in out


def test_future_deadline_does_not_fire(petition):
    set_deadline(petition, "close", timezone.now() + timedelta(hours=1))
    assert fire_due() == []
    assert Petition.objects.get().state == "draft"


def test_deadline_of_an_object_that_moved_on_is_recorded_as_skipped(petition, owner, staff):
    from workflows.services import advance

    advance(petition, "submit", by=owner)
    advance(petition, "reject", by=staff, reason="nie dotyczy")
    set_deadline(petition, "close", timezone.now() - timedelta(seconds=1))
    (deadline,) = fire_due()
    assert deadline.outcome.startswith("skipped")
    assert Deadline.objects.get().fired_at is not None


def test_late_write_is_refused_without_the_scheduler(petition):
    set_deadline(petition, "close", timezone.now() - timedelta(seconds=1))
    with pytest.raises(OutsideWindow) as refused:
        ensure_before(petition, "close", "Składanie podpisów")
    assert "termin minął" in refused.value.message
    assert Petition.objects.get().state == "draft"  # nothing fired it, still refused


def test_write_before_the_deadline_is_allowed(petition):
    set_deadline(petition, "close", timezone.now() + timedelta(days=1))
    ensure_before(petition, "close", "Składanie podpisów")


def test_window_refuses_before_and_after():
    opens = timezone.now() + timedelta(hours=1)
    with pytest.raises(OutsideWindow) as early:
        ensure_within(opens, opens + timedelta(days=7), "Głosowanie")
    assert early.value.details["opens_at"] == opens.isoformat()
    with pytest.raises(OutsideWindow):
        ensure_within(None, timezone.now() - timedelta(seconds=1), "Głosowanie")
    ensure_within(timezone.now() - timedelta(hours=1), opens, "Głosowanie")


def test_spring_forward_gap_moves_to_the_next_valid_moment():
    # 29 March 2026, 02:00 CET → 03:00 CEST: 02:30 does not exist.
    moment = local_datetime(date(2026, 3, 29), time(2, 30))
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (moment.hour, moment.minute, moment.utcoffset()) == (3, 30, timedelta(hours=2))


def test_fall_back_ambiguous_time_takes_the_first_occurrence():
    # 25 October 2026, 03:00 CEST → 02:00 CET: 02:30 happens twice.
    moment = local_datetime(date(2026, 10, 25), time(2, 30))
    assert moment.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_deadline_at_dst_edge_fires_at_the_right_instant(petition):
    due = local_datetime(date(2026, 10, 25), time(2, 30))
    set_deadline(petition, "close", due)
    with time_machine.travel(datetime(2026, 10, 25, 0, 29, tzinfo=UTC), tick=False):
        assert fire_due() == []
    with time_machine.travel(datetime(2026, 10, 25, 0, 30, tzinfo=UTC), tick=False):
        assert len(fire_due()) == 1


def test_end_of_day_is_local_midnight():
    moment = end_of_day(date(2026, 11, 30))
    assert moment.astimezone(UTC) == datetime(2026, 11, 30, 22, 59, 59, 999999, tzinfo=UTC)
