"""Staff set up a programme: its contents, chapters, schedule and the council's opinion."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from workflows.errors import Conflict, InvalidInput
from workflows.parsing import parse_id, parse_money, require_int
from workflows.services import record

from .. import schedule
from ..effects import set_comment_window
from ..flows import check_comment_window
from ..models import Chapter, CoordinatingTeam, Milestone, Programme, SectorTeam
from ..models.programme import Form, MilestoneCode, ProgrammeKind, State
from ..parsing import parse_date, parse_moment
from ..rules import attaches_opinion, ensure_staff
from .comments import choice, clean_text

CONTENT_FIELDS = [
    "main_goal",
    "principles",
    "scope",
    "implementation_method",
    "evaluation_method",
    "committees_rules",
    "creation_info",
    "consultation_resolution",
]


def clean_period(kind, year_from, year_to) -> tuple[str, int, int]:
    kind = choice(kind, ProgrammeKind, "kind")
    start = require_int(year_from, "year_from")
    end = require_int(year_to if year_to not in (None, "") else start, "year_to")
    if not 2000 <= start <= 2100:
        raise InvalidInput(_("Rok początkowy poza zakresem 2000–2100."), field="year_from")
    if kind == ProgrammeKind.ANNUAL and end != start:
        raise InvalidInput(_("Program roczny obejmuje jeden rok."), field="year_to")
    if kind == ProgrammeKind.MULTI_YEAR and not start < end <= start + 10:
        raise InvalidInput(_("Program wieloletni obejmuje od 2 do 11 lat."), field="year_to")
    return kind, start, end


def clean_implements(implements, kind, start, end) -> Programme | None:
    """The multi-year programme an annual one implements: its period covers the year."""

    if implements in (None, ""):
        return None
    if not isinstance(implements, Programme):
        pk = parse_id(implements)
        implements = Programme.objects.filter(pk=pk).first() if pk else None
    if implements is None or implements.kind != ProgrammeKind.MULTI_YEAR:
        raise InvalidInput(_("Wskaż program wieloletni."), field="implements")
    if kind != ProgrammeKind.ANNUAL or not implements.year_from <= start <= implements.year_to:
        raise InvalidInput(
            _("Program roczny na %(year)s r. nie mieści się w okresie %(period)s.")
            % {"year": start, "period": implements.period_label},
            field="implements",
        )
    return implements


@transaction.atomic
def create_programme(
    *,
    by,
    title,
    year_from,
    kind=ProgrammeKind.ANNUAL,
    year_to=None,
    specific_goals=(),
    forms_of_cooperation=(),
    task_areas=(),
    strategy_goals=(),
    legal_basis="",
    planned_funds=None,
    implements=None,
    planned=None,
    justification="",
    **contents,
) -> Programme:
    """A new programme in "draft"; with `planned` dates its schedule is saved in the same
    transaction, so a schedule refused by the 30 November rule leaves no programme behind."""

    ensure_staff(by)
    unknown = sorted(set(contents) - set(CONTENT_FIELDS))
    if unknown:
        raise InvalidInput(f"Nieoczekiwane pola: {', '.join(unknown)}.", field=unknown[0])
    kind, start, end = clean_period(kind, year_from, year_to)
    # Left empty, the model's default: art. 5a of the 2003 Act.
    basis = clean_text(legal_basis, "legal_basis", required=False)[:300]
    programme = Programme.objects.create(
        **({"legal_basis": basis} if basis else {}),
        title=clean_text(title, "title", required=True)[:300],
        kind=kind,
        year_from=start,
        year_to=end,
        specific_goals=[clean_text(g, "specific_goals", required=True) for g in specific_goals],
        forms_of_cooperation=[
            choice(f, Form, "forms_of_cooperation") for f in forms_of_cooperation
        ],
        planned_funds=parse_money(planned_funds, "planned_funds", optional=True),
        implements=clean_implements(implements, kind, start, end),
        **{name: clean_text(value, name, required=False) for name, value in contents.items()},
    )
    programme.priority_task_areas.set(task_areas)
    programme.strategy_goals.set(strategy_goals)
    CoordinatingTeam.objects.create(programme=programme)
    if planned:
        save_schedule(by=by, programme=programme, planned=planned, justification=justification)
    return programme


@transaction.atomic
def add_chapter(*, by, programme: Programme, sector_team: SectorTeam, title="") -> Chapter:
    ensure_staff(by)
    if programme.state not in (State.DRAFT, State.DRAFTING):
        raise Conflict(_("Rozdziały dodaje się przed publikacją projektów."), state=programme.state)
    chapter, created = Chapter.objects.get_or_create(
        programme=programme,
        sector_team=sector_team,
        defaults={
            "title": clean_text(title or sector_team.name, "title", required=True)[:300],
            "position": programme.chapters.count() + 1,
        },
    )
    if not created:
        raise Conflict(
            _("Zespół „%(sector_team)s” ma już rozdział w tym programie.")
            % {"sector_team": sector_team}
        )
    return chapter


MAX_LEAD_DAYS = 366


def clean_leads(leads) -> dict[str, int]:
    if leads in (None, ""):
        return {}
    if not isinstance(leads, dict):
        raise InvalidInput(_("Czasy wyprzedzenia podaje się jako słownik dni."), field="lead_days")
    unknown = sorted(set(leads) - set(schedule.DEFAULTS))
    if unknown:
        raise InvalidInput(f"Nieznane czasy wyprzedzenia: {', '.join(unknown)}.", field=unknown[0])
    cleaned = {key: require_int(value, key) for key, value in leads.items()}
    too_long = sorted(key for key, days in cleaned.items() if days > MAX_LEAD_DAYS)
    if too_long:
        # A yearly programme: a longer lead cannot be meant (and overflows date arithmetic).
        raise InvalidInput(
            _("Czas wyprzedzenia „%(step)s”: najwyżej %(days)s dni.")
            % {"step": too_long[0], "days": MAX_LEAD_DAYS},
            field=too_long[0],
        )
    if cleaned.get("comments", schedule.DEFAULTS["comments"]) < schedule.MIN_COMMENT_DAYS:
        raise InvalidInput(
            _("Uwagi zbiera się co najmniej %(days)s dni.") % {"days": schedule.MIN_COMMENT_DAYS},
            field="comments",
        )
    return cleaned


def clean_planned(planned) -> dict[str, date]:
    if not isinstance(planned, dict):
        raise InvalidInput(_("Podaj daty kamieni milowych."), field="planned")
    unknown = sorted(set(planned) - set(MilestoneCode.values))
    if unknown:
        raise InvalidInput(f"Nieznane kamienie milowe: {', '.join(unknown)}.", field=unknown[0])
    return {
        code: parse_date(day, code, required=True)
        for code, day in planned.items()
        if day not in (None, "")
    }


@transaction.atomic
def save_schedule(
    *, by, programme: Programme, planned, lead_days=None, justification: str = ""
) -> schedule.Schedule:
    """Save planned dates (and lead times). A schedule that cannot make 30 November is
    refused unless staff justify it in writing; the override is kept in the audit chain."""

    ensure_staff(by)
    programme = Programme.objects.select_for_update(of=("self",)).get(pk=programme.pk)
    days = clean_planned(planned)
    leads = clean_leads(lead_days)
    note = clean_text(justification, "justification", required=False)
    # A late schedule may be justified in writing; an impossible one never.
    nonsense = schedule.impossible(days)
    if nonsense:
        raise InvalidInput(" ".join(nonsense), field="planned")
    result = schedule.build(programme, planned=days, leads={**programme.lead_days, **leads})
    if result.problems and not note:
        raise Conflict(
            _(
                "Ten harmonogram nie pozwala przyjąć programu do 30 listopada: %(problems)s "
                "Zapisanie go wymaga pisemnego uzasadnienia."
            )
            % {"problems": " ".join(map(str, result.problems))},
            problems=result.problems,
            deadline=result.deadline.isoformat(),
        )
    programme.lead_days = {**programme.lead_days, **leads}
    programme.save(update_fields=["lead_days"])
    programme.milestones.exclude(code__in=days).delete()
    for code, day in days.items():
        Milestone.objects.update_or_create(
            programme=programme, code=code, defaults={"planned_on": day}
        )
    payload = {"planned": days, "lead_days": programme.lead_days, "problems": result.problems}
    action = "schedule_override" if result.problems else "schedule_saved"
    record(programme, action, by=by, reason=note, payload=payload)
    return schedule.build(programme)


@transaction.atomic
def attach_council_opinion(*, by, programme: Programme, file, given_on) -> Programme:
    """Art. 5a ust. 2a: the public-benefit council's opinion goes with the draft to the council."""

    attaches_opinion(by, programme)
    programme = Programme.objects.select_for_update(of=("self",)).get(pk=programme.pk)
    if programme.state in (State.ADOPTED,):
        raise Conflict(_("Program został już przyjęty."))
    if file is None:
        raise InvalidInput(_("Dołącz plik z opinią."), field="file")
    programme.council_opinion_on = parse_date(given_on, "given_on", required=True)
    programme.council_opinion.save(file.name, file, save=False)
    programme.save(update_fields=["council_opinion", "council_opinion_on"])
    record(programme, "council_opinion_attached", by=by, payload={"given_on": given_on})
    return programme


MOVABLE_WINDOW = {State.DRAFTS_PUBLISHED, State.COMMENTS_OPEN}


@transaction.atomic
def move_comment_window(*, by, programme: Programme, opens_at, closes_at, reason) -> Programme:
    """Staff move the announced comment window (e.g. extend it) before it is closed. The
    reason is kept in the audit chain and the scheduler's deadlines follow the new dates."""

    ensure_staff(by)
    note = clean_text(reason, "reason", required=True)
    programme = Programme.objects.select_for_update(of=("self",)).get(pk=programme.pk)
    if programme.state not in MOVABLE_WINDOW:
        raise Conflict(
            "Termin uwag zmienia się tylko przed zamknięciem zbierania uwag.",
            state=programme.state,
        )
    opens = parse_moment(opens_at, "comments_open_at")
    closes = parse_moment(closes_at, "comments_close_at")
    check_comment_window(opens, closes)
    programme.comments_open_at, programme.comments_close_at = opens, closes
    programme.save(update_fields=["comments_open_at", "comments_close_at"])
    set_comment_window(programme, by=by, payload={})
    record(
        programme,
        "comment_window_moved",
        by=by,
        reason=note,
        payload={"opens_at": opens.isoformat(), "closes_at": closes.isoformat()},
    )
    return programme
