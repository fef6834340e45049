"""The writes of operational programmes: council staff set them up from the pages (or the
API). One transaction each."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from consultations.models import TaskArea
from workflows.errors import Conflict, InvalidInput
from workflows.services import record

from .operational import OperationalProgramme
from .services import MAX_TITLE, _require, _text

MAX_TEAM = 50


def people(usernames, field: str) -> list:
    """Users named by their logins (a list, or text with one per line or comma-separated)."""

    if isinstance(usernames, str):
        usernames = usernames.replace(",", "\n").split("\n")
    if not isinstance(usernames, list | tuple) or len(usernames) > MAX_TEAM:
        raise InvalidInput(_("Podaj loginy osób (najwyżej %(n)d).") % {"n": MAX_TEAM}, field=field)
    names = {str(n).strip() for n in usernames if str(n).strip()}
    found = list(get_user_model().objects.filter(username__in=names))
    missing = names - {u.username for u in found}
    if missing:
        raise InvalidInput(
            _("Nie ma osób o loginach: %(names)s.") % {"names": ", ".join(sorted(missing))},
            field=field,
        )
    return found


def _areas(ids) -> list[TaskArea]:
    if not isinstance(ids, list | tuple):
        raise InvalidInput(_("Podaj obszary zadań publicznych jako listę."), field="task_areas")
    wanted = {a.pk if isinstance(a, TaskArea) else a for a in ids}
    found = list(TaskArea.objects.filter(pk__in=[i for i in wanted if isinstance(i, int)]))
    if len(found) != len(wanted):
        raise InvalidInput(_("Nie ma takiego obszaru zadań."), field="task_areas")
    return found


@transaction.atomic
def create_operational_programme(
    *, by, name: str, coordinator: str, team=(), task_areas=(), programme=None
) -> OperationalProgramme:
    """An operational programme with its coordinator and team, grouping task areas."""

    _require(by, "grants.manage_operational_programme")
    name = _text(name, "name", limit=MAX_TITLE)
    if OperationalProgramme.objects.filter(name=name).exists():
        raise Conflict(_("Jest już program operacyjny o tej nazwie."))
    if not isinstance(coordinator, str) or not coordinator.strip():
        raise InvalidInput(_("Podaj login koordynatora programu."), field="coordinator")
    (lead,) = people([coordinator], "coordinator")
    members = people(team or [], "team")
    areas = _areas(list(task_areas or []))
    made = OperationalProgramme.objects.create(name=name, coordinator=lead, programme=programme)
    made.team.set(members)
    made.task_areas.set(areas)
    record(made, "operational_programme_created", by=by, payload={"name": name})
    return made
