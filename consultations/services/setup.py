"""Staff set up a programme after creating it: its sections, sector teams, coordinating team.

Each function is one action in one transaction; the state machine is never touched here.
"""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from workflows.accounts.models import Role, User
from workflows.accounts.roles import grant_role
from workflows.errors import Conflict, InvalidInput
from workflows.parsing import parse_id, parse_money
from workflows.services import record

from ..models import Programme, SectorTeam, StrategyGoal, TaskArea
from ..models.programme import Form, State
from .comments import choice, clean_text
from .programmes import CONTENT_FIELDS, clean_implements, clean_period, ensure_staff

# The text is the council's once it has it: changes go through "return to coordinators".
FROZEN = {State.SUBMITTED, State.FIRST_READING, State.SECOND_READING, State.ADOPTED}
LIST_FIELDS = ("specific_goals", "forms_of_cooperation", "task_areas", "strategy_goals")
EDITABLE = {
    "title",
    "legal_basis",
    "year_from",
    "year_to",
    "planned_funds",
    "implements",
    *CONTENT_FIELDS,
    *LIST_FIELDS,
}


def _list(data: dict, field: str) -> list:
    value = data[field]
    if not isinstance(value, list | tuple):
        raise InvalidInput(_("Pole „%(f)s” musi być listą.") % {"f": field}, field=field)
    return list(value)


@transaction.atomic
def update_programme(*, by, programme: Programme, data: dict) -> Programme:
    """Change any of the statutory sections (art. 5a ust. 4): only the fields given."""

    ensure_staff(by)
    programme = Programme.objects.select_for_update(of=("self",)).get(pk=programme.pk)
    if programme.state in FROZEN:
        raise Conflict(
            _("Program jest w Radzie Miasta (%(state)s); zmiany po zwróceniu do poprawy.")
            % {"state": programme.get_state_display()},
            state=programme.state,
        )
    unknown = sorted(set(data) - EDITABLE)
    if unknown:
        raise InvalidInput(
            _("Nieoczekiwane pola: %(f)s.") % {"f": ", ".join(unknown)}, field=unknown[0]
        )
    if "title" in data:
        programme.title = clean_text(data["title"], "title", required=True)[:300]
    if "legal_basis" in data:
        programme.legal_basis = clean_text(data["legal_basis"], "legal_basis", required=True)[:300]
    if "year_from" in data or "year_to" in data:
        _kind, programme.year_from, programme.year_to = clean_period(
            programme.kind,
            data.get("year_from", programme.year_from),
            data.get("year_to", programme.year_to),
        )
    if "implements" in data or "year_from" in data:
        target = data.get("implements", programme.implements)
        programme.implements = clean_implements(
            target, programme.kind, programme.year_from, programme.year_to
        )
    if "planned_funds" in data:
        programme.planned_funds = parse_money(data["planned_funds"], "planned_funds", optional=True)
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(programme, name, clean_text(data[name], name, required=False))
    if "specific_goals" in data:
        programme.specific_goals = [
            clean_text(g, "specific_goals", required=True) for g in _list(data, "specific_goals")
        ]
    if "forms_of_cooperation" in data:
        programme.forms_of_cooperation = [
            choice(f, Form, "forms_of_cooperation") for f in _list(data, "forms_of_cooperation")
        ]
    programme.save()
    if "task_areas" in data:
        programme.priority_task_areas.set(
            TaskArea.objects.filter(number__in=_ints(_list(data, "task_areas")))
        )
    if "strategy_goals" in data:
        goals = [str(g) for g in _list(data, "strategy_goals")]
        programme.strategy_goals.set(StrategyGoal.objects.filter(code__in=goals))
    if programme.state != State.DRAFT:
        record(programme, "sections_changed", by=by, payload={"fields": sorted(data)})
    return programme


def _ints(values) -> list[int]:
    return [n for n in (parse_id(v) for v in values) if n]


def _users(ids, field: str) -> list[User]:
    wanted = set(_ints(ids))
    users = list(User.objects.filter(pk__in=wanted, is_active=True))
    if len(users) != len(wanted) or len(wanted) != len(set(map(str, ids))):
        raise InvalidInput(_("Nie ma takiej osoby (pole „%(f)s”).") % {"f": field}, field=field)
    return users


def _moderator(value) -> User | None:
    if value in (None, ""):
        return None
    found = _users([value], "moderator")
    return found[0]


@transaction.atomic
def save_sector_team(
    *, by, team: SectorTeam | None = None, name, description="", moderator=None, members=()
) -> SectorTeam:
    """Create or change a sector team; its members and moderator get their roles."""

    ensure_staff(by)
    name = clean_text(name, "name", required=True)[:200]
    clash = SectorTeam.objects.filter(name=name).exclude(pk=team.pk if team else None)
    if clash.exists():
        raise Conflict(_("Zespół „%(n)s” już istnieje.") % {"n": name})
    team = team or SectorTeam(slug=_free_slug(name))
    team.name = name
    team.description = clean_text(description, "description", required=False)
    team.moderator = _moderator(moderator)
    team.save()
    people = _users(members, "members")
    team.members.set(people)
    for person in people:
        grant_role(person, Role.SECTOR_TEAM_MEMBER)
    if team.moderator:
        grant_role(team.moderator, Role.MODERATOR)
    return team


def _free_slug(name: str) -> str:
    base = slugify(name)[:40] or "zespol"
    slug, n = base, 1
    while SectorTeam.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def set_coordinating_team(*, by, programme: Programme, members, name="") -> None:
    """Who answers the comments of this programme's round."""

    ensure_staff(by)
    team = programme.coordinating_team
    if name:
        team.name = clean_text(name, "name", required=True)[:200]
        team.save(update_fields=["name"])
    team.members.set(_users(members, "members"))
