"""The 30 November rule: the statutory deadline and the backward schedule derived from it.

Art. 5a ust. 1 of the 2003 Act: the council adopts the programme "do dnia 30 listopada roku
poprzedzającego okres obowiązywania programu". From that day each milestone's latest
possible date is computed backwards with lead times (days, configurable per programme);
the slack of a milestone is its latest date minus its planned date (or today, if unplanned).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.timeutil import city_tz, end_of_day

from .flows import MIN_COMMENT_DAYS
from .models.programme import MilestoneCode, Programme, State

# Days between a milestone and the next one (the key names the later step's preparation).
DEFAULTS = {
    "second_reading": 7,  # second reading at least this long before 30 November
    "first_reading": 14,  # between the two readings
    "submission": 14,  # draft resolution delivered to councillors before the first reading
    "answering": 21,  # answers, final text and report after comments close
    "comments": 14,  # length of the comment window (never under 7 days)
    "drafting": 30,  # sector team meetings end this long before publication
}

# (milestone, lead key before the next milestone, council-side: a working day)
CHAIN = [
    (MilestoneCode.SECOND_READING, "second_reading", True),
    (MilestoneCode.FIRST_READING, "first_reading", True),
    (MilestoneCode.SUBMISSION, "submission", True),
    (MilestoneCode.COMMENTS_END, "answering", False),
    (MilestoneCode.PUBLICATION, "comments", False),
    (MilestoneCode.SECTOR_MEETINGS, "drafting", False),
]

ORDER = [
    State.DRAFT,
    State.DRAFTING,
    State.DRAFTS_PUBLISHED,
    State.COMMENTS_OPEN,
    State.COMMENTS_CLOSED,
    State.ANSWERING,
    State.FINAL_TEXT_PREPARED,
    State.REPORT_PUBLISHED,
    State.SUBMITTED,
    State.FIRST_READING,
    State.SECOND_READING,
    State.ADOPTED,
]
# The first state in which a milestone counts as reached.
REACHED_IN = {
    MilestoneCode.SECTOR_MEETINGS: State.DRAFTS_PUBLISHED,
    MilestoneCode.PUBLICATION: State.DRAFTS_PUBLISHED,
    MilestoneCode.COMMENTS_END: State.COMMENTS_CLOSED,
    MilestoneCode.SUBMISSION: State.SUBMITTED,
    MilestoneCode.FIRST_READING: State.FIRST_READING,
    MilestoneCode.SECOND_READING: State.SECOND_READING,
}


def today() -> date:
    return timezone.localdate(timezone=city_tz())


def working_day_on_or_before(day: date) -> date:
    # Council sessions are not held at weekends (public holidays are left to staff).
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def lead_times(programme: Programme, override: dict | None = None) -> dict[str, int]:
    return {**DEFAULTS, **(programme.lead_days or {}), **(override or {})}


def latest_dates(deadline: date, leads: dict[str, int]) -> dict[str, date]:
    latest, later = {}, deadline
    for code, key, working_day in CHAIN:
        lead = max(leads[key], MIN_COMMENT_DAYS) if key == "comments" else leads[key]
        day = later - timedelta(days=lead)
        latest[code] = working_day_on_or_before(day) if working_day else day
        later = latest[code]
    return latest


def progress(state: str) -> int:
    return ORDER.index(State.ANSWERING if state == State.RETURNED else state)


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    latest: date
    planned: date | None
    slack_days: int
    reached: bool

    @property
    def at_risk(self) -> bool:
        return not self.reached and self.slack_days < 0


@dataclass(frozen=True)
class Schedule:
    deadline: date
    steps: list[Step]
    problems: list[str]
    adopted: bool
    overdue: bool

    @property
    def at_risk(self) -> bool:
        return not self.adopted and (bool(self.problems) or any(s.at_risk for s in self.steps))


def build(
    programme: Programme,
    planned: dict[str, date] | None = None,
    leads: dict[str, int] | None = None,
) -> Schedule:
    """The schedule as it stands (or as it would be with `planned` dates and `leads`)."""

    if planned is None:
        planned = {m.code: m.planned_on for m in programme.milestones.all()}
    deadline = programme.statutory_deadline
    latest = latest_dates(deadline, lead_times(programme, leads))
    now_day = today()
    steps = []
    for code, _key, _wd in reversed(CHAIN):
        plan = planned.get(code)
        reached = progress(programme.state) >= ORDER.index(REACHED_IN[code])
        slack = (latest[code] - (plan or now_day)).days
        steps.append(Step(code, str(code.label), latest[code], plan, slack, reached))
    adopted = programme.state == State.ADOPTED
    overdue = not adopted and timezone.now() > end_of_day(deadline)
    return Schedule(deadline, steps, problems_of(planned, latest), adopted, overdue)


def problems_of(planned: dict[str, date], latest: dict[str, date]) -> list[str]:
    problems = []
    for code, _key, _wd in CHAIN:
        day = planned.get(code)
        if day and day > latest[code]:
            problems.append(
                _("%(step)s: %(day)s jest po najpóźniejszym możliwym terminie %(latest)s.")
                % {
                    "step": code.label,
                    "day": f"{day:%d.%m.%Y}",
                    "latest": f"{latest[code]:%d.%m.%Y}",
                }
            )
    return problems + impossible(planned)


def impossible(planned: dict[str, date]) -> list[str]:
    """What no justification can excuse: milestones out of order, too short a window."""

    problems = []
    ordered = [planned.get(code) for code, _k, _w in reversed(CHAIN)]
    days = [d for d in ordered if d]
    if days != sorted(days):
        problems.append(_("Kamienie milowe muszą następować po sobie w kolejności harmonogramu."))
    start, end = planned.get(MilestoneCode.PUBLICATION), planned.get(MilestoneCode.COMMENTS_END)
    if start and end and (end - start).days < MIN_COMMENT_DAYS:
        problems.append(
            _("Uwagi zbiera się co najmniej %(days)s dni.") % {"days": MIN_COMMENT_DAYS}
        )
    return problems
