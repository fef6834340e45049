"""The consultations demo: a cooperation programme at every stage of the round on any day
it is loaded, each within the 30 November rule; a sector-team meeting about to start."""

import io
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from consultations import demo, schedule
from consultations.demo import calendar
from consultations.meetings import demo as meetings_demo
from consultations.meetings.models import Meeting
from consultations.models import Comment, Programme, SectorTeam
from workflows.accounts import demo as accounts_demo
from workflows.audit import verify
from workflows.models import AuditEntry
from workflows.timeutil import city_tz, end_of_day

LOAD_DAYS = ["2026-01-15", "2026-07-01", "2026-11-29", "2026-12-07"]
STAGES = {"adopted", "first_reading", "answering", "comments_open", "drafting"}


def _load():
    accounts_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    meetings_demo.load(out)
    return out.getvalue()


def _on(day: str):
    moment = datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=city_tz())
    return time_machine.travel(moment)


def _holds_the_30_november_rule(programme: Programme) -> None:
    deadline = programme.statutory_deadline
    built = schedule.build(programme)
    assert built.problems == [] and not built.overdue and not built.at_risk, programme
    assert programme.milestones.count() == len(schedule.CHAIN)
    if programme.comments_close_at:
        assert programme.comments_close_at <= end_of_day(deadline)
    if programme.state == "adopted":
        assert programme.resolution_date <= deadline
        assert programme.resolution_date < timezone.localdate()


@pytest.mark.django_db
@pytest.mark.parametrize("day", LOAD_DAYS)
def test_every_stage_has_a_programme_within_the_30_november_rule(day):
    with _on(day):
        _load()
        today = timezone.localdate()
        programmes = {p.state: p for p in Programme.objects.all()}
        assert set(programmes) == STAGES and Programme.objects.count() == len(STAGES)
        for programme in programmes.values():
            _holds_the_30_november_rule(programme)
        adopted = programmes["adopted"]
        assert adopted.year_from <= today.year + 1 and adopted.resolution_number
        council = programmes["first_reading"]
        assert council.first_reading_on < today and council.submitted_on < today
        answering = programmes["answering"].comments
        assert answering.filter(answer__isnull=True).exists()
        assert answering.filter(answer__isnull=False).exists()
        open_round = programmes["comments_open"]
        assert open_round.comments_open_at <= timezone.now() < open_round.comments_close_at
        assert open_round.comments.exclude(organisation=None).count() >= 3
        drafting = programmes["drafting"]
        assert drafting.chapters.count() == SectorTeam.objects.count() == 7
        assert not drafting.chapters.filter(versions__published_at__isnull=False).exists()
        assert drafting.chapters.filter(versions__isnull=False).exists()
        meeting = Meeting.objects.get(title=meetings_demo.TITLE)
        assert meeting.state == "planned"
        assert timezone.now() < meeting.starts_at <= timezone.now() + timedelta(hours=1)
    assert verify() == []


@pytest.mark.django_db
def test_demo_has_versions_to_compare_and_suggestions_to_decide(client):
    from consultations.selectors import open_suggestions

    _load()
    open_round = Programme.objects.get(state="comments_open")
    revised = open_round.chapters.get(versions__number=2)
    page = client.get(f"/konsultacje/rozdzialy/{revised.pk}/wersje/").content.decode()
    assert "Bloki dodane: 1, usunięte: 0, zmienione: 1." in page
    drafting = Programme.objects.get(state="drafting")
    chapter = drafting.chapters.order_by("position", "pk").first()
    suggestions = open_suggestions(chapter)
    assert [s.section for s in suggestions] == ["goals", "actions"]
    assert suggestions[0].decision.item.meeting.state == "published"


@pytest.mark.django_db
def test_loading_twice_adds_nothing():
    _load()
    counts = [m.objects.count() for m in (Programme, Comment, SectorTeam, AuditEntry)]
    out = _load()
    assert [m.objects.count() for m in (Programme, Comment, SectorTeam, AuditEntry)] == counts
    assert out.count("already present") == len(STAGES) + 1  # and the meeting


@pytest.mark.django_db
def test_moving_past_comment_windows_is_audited_with_the_demo_reason():
    _load()
    moved = AuditEntry.objects.filter(action="comment_window_moved")
    # The answering, council and adopted programmes had their comments on the load day.
    assert moved.count() == 3
    assert all(entry.reason == demo.MOVED for entry in moved)


def test_the_calendar_fits_every_day_of_two_years():
    day = date(2026, 1, 1)
    while day < date(2028, 1, 1):
        plans = calendar.plans(day)
        assert [p.stage for p in plans] == ["adopted", *calendar.STAGES]
        assert len({(p.kind, p.year_from) for p in plans}) == len(plans)
        for plan in plans:
            latest = calendar.latest(plan.year_from)
            assert schedule.problems_of(plan.planned, latest) == [], (day, plan)
        for plan in plans[1:]:
            code, days_ago = calendar.STAGES[plan.stage]
            assert plan.planned[code] <= day - timedelta(days=days_ago), (day, plan)
            assert day < plan.deadline
        adopted = plans[0].planned[schedule.MilestoneCode.SECOND_READING]
        assert adopted < day and adopted <= plans[0].deadline
        day += timedelta(days=1)
