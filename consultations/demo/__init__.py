"""Demo: the 7 sector teams of the 2012–2014 programme (seeds/002), the task areas and
strategy goals, and one cooperation programme at every stage of the round, placed relative
to the day the demo is loaded (calendar.py): last year's adopted, one at the council after
its first reading, one being answered, one out for comments, one being drafted (with a
team meeting's suggestions on its first chapter); the first chapter of the others has a
second version to compare (revisions.py).

Each one takes the real path: the services and advance() a person would use. Comments are
taken while the announced window is open; for the programmes past that stage the window is
then moved to its planned dates with `move_comment_window`, an audited change whose reason
says it is the demo. Idempotent: a programme already present is left as it is.
"""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from workflows.accounts.models import Organisation, User
from workflows.services import advance
from workflows.timeutil import end_of_day, local_datetime

from ..models import Programme, SectorTeam, StrategyGoal, TaskArea
from ..models.programme import MilestoneCode
from ..seed import ensure_reference_data
from ..services import chapters as chapter_services
from ..services import comments as comment_services
from ..services.programmes import add_chapter, create_programme, move_comment_window
from . import calendar, revisions, texts

MOVED = "Demo: termin uwag przesunięty na daty z harmonogramu po zebraniu uwag w dniu wczytania."
# How far each stage goes along the round.
ROUND = ["drafting", "comments", "answering", "council", "adopted"]
DRAFTED_CHAPTERS = 4  # in the programme being drafted, teams that already have a draft
ANSWERED_WHILE_ANSWERING = 2  # the rest still wait for the coordinating team


class People:
    def __init__(self):
        self.staff = User.objects.get(username="urzednik")
        self.coordinator = User.objects.get(username="koordynator")


def _teams():
    moderator = User.objects.get(username="moderator")
    members = list(User.objects.filter(username__in=["czlonek", "organizacja"]))
    teams = []
    for slug, name, areas, goal in texts.TEAMS:
        team, _ = SectorTeam.objects.get_or_create(
            slug=slug, defaults={"name": name, "moderator": moderator}
        )
        team.members.add(*members)
        teams.append((team, areas, goal))
    return teams


def _create(plan, people):
    programme = create_programme(
        by=people.staff,
        title=texts.title(plan.kind, plan.year_from, plan.year_to),
        kind=plan.kind,
        year_from=plan.year_from,
        year_to=plan.year_to,
        main_goal=texts.MAIN_GOAL,
        specific_goals=texts.SPECIFIC_GOALS,
        forms_of_cooperation=texts.FORMS,
        task_areas=TaskArea.objects.all(),
        strategy_goals=StrategyGoal.objects.all(),
        principles=texts.PRINCIPLES,
        evaluation_method=f"Sprawozdanie z realizacji programu do 31 maja {plan.year_to + 1} r.",
        # Every section of art. 5a ust. 4: the council receives only a complete programme.
        scope="Zadania publiczne z art. 4 ustawy, realizowane na rzecz mieszkańców Krakowa.",
        implementation_method="Otwarte konkursy ofert, małe granty, inicjatywa lokalna.",
        planned_funds="150 000 000,00",
        creation_info="Projekt przygotowały zespoły sektorowe; konsultacje trwały 14 dni.",
        committees_rules="Komisje konkursowe powołuje Prezydent Miasta Krakowa.",
        planned=plan.planned,
    )
    programme.coordinating_team.members.add(people.coordinator)
    return advance(programme, "start_drafting", by=people.staff)


def _chapters(programme, teams, people, *, publish: bool) -> list:
    chapters = []
    for n, (team, areas, goal) in enumerate(teams):
        chapter = add_chapter(by=people.staff, programme=programme, sector_team=team)
        if not publish and n >= DRAFTED_CHAPTERS:
            continue
        version = chapter_services.create_version(
            by=people.staff, chapter=chapter, blocks=texts.chapter_blocks(team.slug, areas, goal)
        )
        if publish:
            chapter_services.publish_version(by=people.staff, version=version)
            chapters.append((chapter, {b.kind: b.anchor for b in version.blocks.all()}))
    return chapters


def _comments(programme, chapters):
    comments = []
    for i, (username, org_name, kind, block_kind, wording, why) in enumerate(texts.COMMENTS):
        chapter, anchors = chapters[(i + programme.year_from) % len(chapters)]
        comments.append(
            comment_services.submit_comment(
                by=User.objects.get(username=username),
                programme=programme,
                kind=kind,
                proposed_wording=wording,
                justification=why,
                chapter=chapter,
                anchor=anchors[block_kind] if block_kind else "",
                organisation=Organisation.objects.get(name=org_name) if org_name else None,
            )
        )
    return comments


def _consult(programme, plan, chapters, people, *, stays_open: bool):
    """Publish the drafts, open the window and collect the comments; unless the round is
    still there, move the window to its planned dates and close it."""

    opens = local_datetime(plan.planned[MilestoneCode.PUBLICATION], time(0, 0))
    closes = end_of_day(plan.planned[MilestoneCode.COMMENTS_END])
    now = timezone.now()
    window = {"comments_open_at": opens, "comments_close_at": max(closes, now + timedelta(days=1))}
    advance(programme, "publish_drafts", by=people.staff, **window)
    advance(programme, "open_comments", by=people.staff)
    comments = _comments(programme, chapters)
    if stays_open:
        return comments
    move_comment_window(
        by=people.staff, programme=programme, opens_at=opens, closes_at=closes, reason=MOVED
    )
    advance(programme, "close_comments", by=people.staff)
    advance(programme, "start_answering", by=people.coordinator)
    return comments


def _answer(comments, people, count):
    for comment, (decision, reason) in zip(comments[:count], texts.ANSWERS, strict=False):
        comment_services.answer_comment(
            by=people.coordinator, comment=comment, decision=decision, reason=reason
        )


def _to_council(programme, plan, people, *, adopt: bool):
    coordinator, staff, day = people.coordinator, people.staff, plan.planned
    advance(programme, "prepare_final_text", by=coordinator)
    advance(programme, "publish_report", by=coordinator)
    advance(programme, "submit_to_council", by=staff, submitted_on=day[MilestoneCode.SUBMISSION])
    advance(programme, "record_first_reading", by=staff, held_on=day[MilestoneCode.FIRST_READING])
    if not adopt:
        return
    voted_on = day[MilestoneCode.SECOND_READING]
    advance(programme, "record_second_reading", by=staff, held_on=voted_on)
    advance(
        programme,
        "record_council_vote",
        by=staff,
        resolution_number=f"{_roman(voted_on.year - 1975)}/{3000 + voted_on.month}/"
        f"{voted_on.year % 100:02d}",
        resolution_date=voted_on,
        votes_for=36,
        votes_against=2,
        votes_abstained=5,
    )


def _roman(number: int) -> str:
    # The council's session numbers (e.g. XLII), for the resolution number.
    numerals = [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


@transaction.atomic
def _programme(plan, teams, people) -> Programme:
    reach = ROUND.index(plan.stage)
    programme = _create(plan, people)
    chapters = _chapters(programme, teams, people, publish=reach > 0)
    if reach == 0:
        revisions.team_meeting(teams[0][0], programme.year_from)
        return programme
    revisions.revise(chapters[0][0], people.staff)
    comments = _consult(programme, plan, chapters, people, stays_open=reach == 1)
    if reach >= 2:
        _answer(comments, people, ANSWERED_WHILE_ANSWERING if reach == 2 else len(comments))
    if reach >= 3:
        _to_council(programme, plan, people, adopt=reach == 4)
    programme.refresh_from_db()
    return programme


def load(stdout) -> None:
    with transaction.atomic():
        ensure_reference_data(TaskArea, StrategyGoal)
        teams = _teams()
    people = People()
    for plan in calendar.plans(timezone.localdate()):
        title = texts.title(plan.kind, plan.year_from, plan.year_to)
        existing = Programme.objects.filter(title=title).first()
        if existing:
            stdout.write(f"Consultations: {existing.period_label} already present, nothing added.")
            continue
        programme = _programme(plan, teams, people)
        stdout.write(
            f"Consultations: programme {programme.period_label} — "
            f"„{programme.get_state_display()}”: /konsultacje/{programme.pk}/"
        )
