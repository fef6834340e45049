"""The city's calendar: every dated step of programmes, editions and meetings, as one list.

Reads only; each source is one query whatever the number of entries. Only what is public
is listed (editions past their draft, programmes published), so one feed serves everyone.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from budget.models import Edition, Proposal
from budget.models.editions import Phase
from consultations.meetings.models import Meeting
from consultations.models import Chapter, Programme
from consultations.models.programme import PUBLIC_STATES, Milestone
from districts.models import District
from workflows.timeutil import city_tz, local_datetime

from .models import Follow

BUDGET, CONSULTATIONS = "budget", "consultations"


@dataclass(frozen=True)
class Entry:
    uid: str
    title: str
    process: str  # "budget" or "consultations"
    process_key: str  # "edition-2" or "programme-3": one process
    starts: datetime | date  # a date: an all-day step
    ends: datetime | date | None
    url: str
    districts: frozenset[int] = frozenset()  # empty: citywide

    @property
    def all_day(self) -> bool:
        return not isinstance(self.starts, datetime)

    @property
    def day(self) -> date:
        return self.starts if self.all_day else self.starts.astimezone(city_tz()).date()


@dataclass(frozen=True)
class Scope:
    """Which entries: a process type or one process, a district, followed objects only."""

    process: str = ""  # "", "budget", "consultations", "edition-<id>", "programme-<id>"
    district: int | None = None
    editions: frozenset[int] | None = None  # None: no restriction
    programmes: frozenset[int] | None = None

    def wants(self, entry: Entry) -> bool:
        if self.process in (BUDGET, CONSULTATIONS) and entry.process != self.process:
            return False
        one_process = self.process and self.process not in (BUDGET, CONSULTATIONS)
        if one_process and entry.process_key != self.process:
            return False
        # A district sees its own steps and the citywide ones.
        return not (self.district and entry.districts and self.district not in entry.districts)


def _phases(start: datetime, end: datetime, scope: Scope) -> list[Entry]:
    phases = Phase.objects.filter(opens_at__lt=end, closes_at__gte=start).exclude(
        edition__state="draft"
    )
    if scope.editions is not None:
        phases = phases.filter(edition_id__in=scope.editions)
    return [
        Entry(
            uid=f"phase-{p.pk}",
            title=f"{p.edition.title}: {p.get_kind_display()}",
            process=BUDGET,
            process_key=f"edition-{p.edition_id}",
            starts=p.opens_at,
            ends=p.closes_at,
            url=reverse("budget:edition", args=[p.edition.year]),
            # An edition's steps concern the districts it has a pool for.
            districts=frozenset(pool.district_id for pool in p.edition.pools.all()) - {None},
        )
        for p in phases.select_related("edition").prefetch_related("edition__pools")
    ]


def _milestones(start: datetime, end: datetime, scope: Scope) -> list[Entry]:
    milestones = Milestone.objects.filter(
        planned_on__gte=start.date(), planned_on__lt=end.date(), programme__state__in=PUBLIC_STATES
    )
    if scope.programmes is not None:
        milestones = milestones.filter(programme_id__in=scope.programmes)
    return [
        Entry(
            uid=f"milestone-{m.pk}",
            title=f"{m.programme.title}: {m.get_code_display()}",
            process=CONSULTATIONS,
            process_key=f"programme-{m.programme_id}",
            starts=m.planned_on,
            ends=None,
            url=reverse("consultations:timeline", args=[m.programme_id]),
        )
        for m in milestones.select_related("programme")
    ]


def _comment_windows(start: datetime, end: datetime, scope: Scope) -> list[Entry]:
    programmes = Programme.objects.filter(
        state__in=PUBLIC_STATES, comments_open_at__lt=end, comments_close_at__gte=start
    )
    if scope.programmes is not None:
        programmes = programmes.filter(pk__in=scope.programmes)
    return [
        Entry(
            uid=f"comments-{p.pk}",
            title=_("%(title)s: zbieranie uwag") % {"title": p.title},
            process=CONSULTATIONS,
            process_key=f"programme-{p.pk}",
            starts=p.comments_open_at,
            ends=p.comments_close_at,
            url=reverse("consultations:programme", args=[p.pk]),
        )
        for p in programmes
    ]


def _meetings(start: datetime, end: datetime, scope: Scope) -> list[Entry]:
    meetings = Meeting.objects.filter(starts_at__lt=end, ends_at__gte=start)
    if scope.programmes is not None:
        meetings = meetings.filter(team__chapters__programme_id__in=scope.programmes).distinct()
    entries = []
    for m in meetings.select_related("team").prefetch_related("team__chapters"):
        chapters = m.team.chapters.all() if m.team_id else ()
        programme = next((c.programme_id for c in chapters), None)
        entries.append(
            Entry(
                uid=f"meeting-{m.pk}",
                title=_("Spotkanie: %(title)s") % {"title": m.title},
                process=CONSULTATIONS,
                process_key=f"programme-{programme}" if programme else "",
                starts=m.starts_at,
                ends=m.ends_at,
                url=reverse("meeting-room", args=[m.pk]),
            )
        )
    return entries


def entries(start: date, end: date, scope: Scope = Scope()) -> list[Entry]:
    """Every public dated step that touches [start, end), in time order."""

    since = local_datetime(start, datetime.min.time())
    until = local_datetime(end, datetime.min.time())
    found = [
        e
        for source in (_phases, _milestones, _comment_windows, _meetings)
        for e in source(since, until, scope)
        if scope.wants(e)
    ]
    return sorted(found, key=lambda e: (e.day, e.title))


def followed_scope(user) -> Scope:
    """The processes a person follows: editions (also through a proposal or a district's
    pool) and programmes (also through a chapter)."""

    ids: dict[type, set[int]] = {}
    for follow in Follow.objects.filter(user=user).select_related("content_type"):
        ids.setdefault(follow.content_type.model_class(), set()).add(follow.object_id)
    editions = set(ids.get(Edition, ()))
    editions |= set(
        Proposal.objects.filter(pk__in=ids.get(Proposal, ())).values_list("edition_id", flat=True)
    )
    editions |= set(
        Edition.objects.filter(pools__district_id__in=ids.get(District, ())).values_list(
            "pk", flat=True
        )
    )
    programmes = set(ids.get(Programme, ()))
    programmes |= set(
        Chapter.objects.filter(pk__in=ids.get(Chapter, ())).values_list("programme_id", flat=True)
    )
    return Scope(editions=frozenset(editions), programmes=frozenset(programmes))


def processes() -> list[tuple[str, str]]:
    """The choices of the process filter: both kinds, then every public process."""

    choices = [(BUDGET, _("Budżet obywatelski")), (CONSULTATIONS, _("Program współpracy"))]
    choices += [
        (f"edition-{e.pk}", e.title)
        for e in Edition.objects.exclude(state="draft").order_by("-year")
    ]
    choices += [
        (f"programme-{p.pk}", p.title)
        for p in Programme.objects.filter(state__in=PUBLIC_STATES).order_by("-year_from")
    ]
    return choices


def window(year: int, month: int | None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year + 1, 1, 1)
    first = date(year, month, 1)
    return first, (first + timedelta(days=32)).replace(day=1)
