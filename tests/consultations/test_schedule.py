"""The 30 November rule: deadline, backward schedule, slack, risk, overrides."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from consultations import schedule
from tests.consultations.factories import ProgrammeFactory, force_state
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")


def url(programme):
    return f"/api/v1/consultations/programmes/{programme.pk}/schedule/"


def test_deadline_is_30_november_even_on_a_sunday(db):
    programme = ProgrammeFactory(year_from=2026, year_to=2026)
    assert programme.statutory_deadline == date(2025, 11, 30)
    assert programme.statutory_deadline.weekday() == 6  # Sunday: not moved


def test_multi_year_deadline_counts_from_the_first_year(db):
    programme = ProgrammeFactory(year_from=2019, year_to=2022, kind="multi_year")
    assert programme.statutory_deadline == date(2018, 11, 30)


def test_backward_schedule_with_default_lead_times():
    latest = schedule.latest_dates(date(2025, 11, 30), schedule.DEFAULTS)
    # 30.11.2025 (Sunday) − 7 = 23.11 (Sunday) → council sits Friday 21.11.
    assert latest["second_reading"] == date(2025, 11, 21)
    assert latest["first_reading"] == date(2025, 11, 7)
    assert latest["submission"] == date(2025, 10, 24)
    assert latest["comments_end"] == date(2025, 10, 3)
    assert latest["publication"] == date(2025, 9, 19)
    assert latest["sector_meetings"] == date(2025, 8, 20)


def test_comment_lead_time_never_under_seven_days():
    latest = schedule.latest_dates(date(2026, 11, 30), {**schedule.DEFAULTS, "comments": 3})
    assert (latest["comments_end"] - latest["publication"]).days == 7


def test_slack_counts_calendar_days_across_the_october_dst_change(db, staff, api_as):
    programme = ProgrammeFactory(year_from=2027, year_to=2027)
    with time_machine.travel(datetime(2026, 10, 24, 12, tzinfo=WARSAW)):
        # Comments 25.10 (DST ends that night) → 1.11: exactly 7 calendar days.
        planned = {"publication": "2026-10-25", "comments_end": "2026-11-01"}
        response = api_as(staff).put(
            url(programme),
            {
                "planned": planned,
                "lead_days": {"answering": 3, "submission": 3, "first_reading": 3},
            },
            format="json",
        )
        assert response.status_code == 200, response.json()
        steps = {s["code"]: s for s in response.json()["steps"]}
        assert steps["comments_end"]["latest"] == "2026-11-14"
        assert steps["comments_end"]["slack_days"] == 13
        assert steps["publication"]["latest"] == "2026-10-31"  # 14.11 − 14 days of comments
        assert steps["publication"]["slack_days"] == 6


def test_comment_window_over_the_march_dst_change_is_seven_days(api_as, staff, chapter):
    programme = force_state(chapter.programme, "drafting")
    # 24.03 12:00 CET → 31.03 12:00 CEST is 7 days on the calendar, 167 hours in absolute time.
    response = api_as(staff).post(
        f"/api/v1/workflows/programme/{programme.pk}/transitions/publish_drafts/",
        {"comments_open_at": "2025-03-24T12:00", "comments_close_at": "2025-03-31T12:00"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    programme.refresh_from_db()
    assert (
        timezone.localtime(programme.comments_close_at, WARSAW).utcoffset().total_seconds() == 7200
    )
    assert (
        timezone.localtime(programme.comments_open_at, WARSAW).utcoffset().total_seconds() == 3600
    )


def test_impossible_schedule_is_refused_without_justification(api_as, staff, programme):
    planned = {"comments_end": "2026-11-20", "second_reading": "2026-11-27"}
    with time_machine.travel(datetime(2026, 9, 1, 12, tzinfo=WARSAW)):
        response = api_as(staff).put(url(programme), {"planned": planned}, format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert "30 listopada" in error["message"] and len(error["details"]["problems"]) >= 1
    assert not programme.milestones.exists()
    assert not AuditEntry.objects.filter(action__startswith="schedule").exists()


def test_impossible_schedule_saved_with_written_justification_is_audited(api_as, staff, programme):
    planned = {"comments_end": "2026-11-20"}
    with time_machine.travel(datetime(2026, 9, 1, 12, tzinfo=WARSAW)):
        response = api_as(staff).put(
            url(programme),
            {"planned": planned, "justification": "Sesja nadzwyczajna zwołana na 27 listopada."},
            format="json",
        )
    assert response.status_code == 200
    assert response.json()["at_risk"] is True
    log = AuditEntry.objects.get(action="schedule_override")
    assert log.by == staff and log.reason.startswith("Sesja nadzwyczajna")
    assert log.payload["planned"] == {"comments_end": "2026-11-20"}


@pytest.mark.parametrize("justification", ["", "Sesja nadzwyczajna."])
def test_comments_ending_before_publication_are_refused_even_with_a_justification(
    api_as, staff, programme, justification
):
    planned = {"publication": "2026-09-20", "comments_end": "2026-09-10"}
    body = {"planned": planned, "justification": justification}
    with time_machine.travel(datetime(2026, 8, 1, 12, tzinfo=WARSAW)):
        response = api_as(staff).put(url(programme), body, format="json")
    assert response.status_code == 400
    assert "kolejności" in response.json()["error"]["message"]
    assert not programme.milestones.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"planned": {"lunch": "2026-09-01"}}, "lunch"),
        ({"planned": {"publication": "1 września"}}, "publication"),
        ({"planned": {}, "lead_days": {"comments": 5}}, "comments"),
        ({"planned": {}, "lead_days": {"submission": -1}}, "submission"),
        ({"planned": {}, "lead_days": {"submission": 1_000_000}}, "submission"),
        ({"planned": {}, "lead_days": {"comments": 21, "answering": 367}}, "answering"),
    ],
)
def test_bad_schedule_input_is_400(api_as, staff, programme, body, field):
    response = api_as(staff).put(url(programme), body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field


def test_only_council_staff_save_a_schedule(api_as, coordinator, programme):
    response = api_as(coordinator).put(url(programme), {"planned": {}}, format="json")
    assert response.status_code == 403


def test_programme_late_in_its_round_is_at_risk(db, chapter):
    programme = force_state(chapter.programme, "drafting")
    with time_machine.travel(datetime(2026, 10, 15, 12, tzinfo=WARSAW)):
        result = schedule.build(programme)
    assert result.at_risk and not result.overdue
    assert [s.code for s in result.steps if s.at_risk] == [
        "sector_meetings",
        "publication",
        "comments_end",
    ]


def test_overdue_after_30_november_unless_adopted(db, chapter):
    programme = force_state(chapter.programme, "second_reading")
    with time_machine.travel(datetime(2026, 11, 30, 23, 59, tzinfo=WARSAW)):
        assert not schedule.build(programme).overdue
    with time_machine.travel(datetime(2026, 12, 1, 0, 0, 1, tzinfo=WARSAW)):
        assert schedule.build(programme).overdue
        adopted = force_state(programme, "adopted")
        result = schedule.build(adopted)
        assert not result.overdue and not result.at_risk


def test_timeline_page_shows_slack_to_staff_only(client, staff, resident, programme):
    force_state(programme, "comments_open")
    client.force_login(resident)
    assert client.get(f"/konsultacje/{programme.pk}/harmonogram/").status_code == 404
    client.force_login(staff)
    with time_machine.travel(datetime(2026, 9, 1, 12, tzinfo=WARSAW)):
        page = client.get(f"/konsultacje/{programme.pk}/harmonogram/").content.decode()
    assert "Poniedziałek, 30 listopada 2026" in page
    assert "Zapas (dni)" in page


def test_timeline_form_refuses_impossible_dates_with_a_message(client, staff, programme):
    client.force_login(staff)
    with time_machine.travel(datetime(2026, 9, 1, 12, tzinfo=WARSAW)):
        response = client.post(
            f"/konsultacje/{programme.pk}/harmonogram/", {"second_reading": "2026-11-29"}
        )
    assert response.status_code == 400
    assert "wymaga pisemnego uzasadnienia" in response.content.decode()
