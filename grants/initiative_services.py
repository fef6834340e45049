"""The writes of local initiative (art. 19b–19h) that are not transitions: the residents'
application and the city's assessment on the resolution's criteria."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.parsing import require_id, require_int

from . import flows
from .initiative import (
    InitiativeAssessment,
    InitiativeResolution,
    InitiativeState,
    LocalInitiative,
)
from .services import MAX_TEXT, MAX_TITLE, _require, _text

CONTRIBUTIONS = ("work_value", "in_kind_value", "money_value")


def resolution_in_force() -> InitiativeResolution:
    resolution = InitiativeResolution.objects.filter(active=True).first()
    if resolution is None:
        raise Conflict(_("Rada nie określiła jeszcze kryteriów inicjatywy lokalnej."))
    return resolution


@transaction.atomic
def apply_for_initiative(
    *,
    by,
    task_area,
    organisation=None,
    group_name: str,
    title: str,
    description: str,
    place: str,
    carried_out_from: date,
    carried_out_to: date,
    work_hours=0,
    city_contribution,
    **contribution,
) -> LocalInitiative:
    """Residents apply directly (any signed-in resident) or through an organisation its
    representative applies for. Art. 19c: they contribute work, things or money."""

    if not by.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby złożyć wniosek."))
    if organisation is not None and not flows.represents(by, organisation.pk):
        raise NotPermitted(_("Przez organizację wniosek składa jej przedstawiciel."))
    if carried_out_to < carried_out_from:
        raise InvalidInput(_("Koniec realizacji musi być po jej początku."), field="carried_out_to")
    values = {name: flows.parse_amount(contribution.get(name, 0), name) for name in CONTRIBUTIONS}
    if not any(values.values()):
        raise InvalidInput(
            _("Podaj wkład mieszkańców: pracę społeczną, wkład rzeczowy lub pieniężny."),
            field="work_value",
        )
    return LocalInitiative.objects.create(
        resolution=resolution_in_force(),
        task_area=task_area,
        applicant=by,
        organisation=organisation,
        group_name=_text(group_name, "group_name", limit=MAX_TITLE),
        title=_text(title, "title", limit=MAX_TITLE),
        description=_text(description, "description", limit=MAX_TEXT),
        place=_text(place, "place", limit=MAX_TITLE),
        carried_out_from=carried_out_from,
        carried_out_to=carried_out_to,
        work_hours=require_int(work_hours or 0, "work_hours", low=0, high=1_000_000),
        city_contribution=flows.parse_amount(city_contribution, "city_contribution"),
        **values,
    )


@transaction.atomic
def assess_initiative(*, by, initiative: LocalInitiative, points) -> list[InitiativeAssessment]:
    """The city's points per criterion of the resolution (0..max); replaces earlier ones.
    The score follows when staff approve the assessment (the `assess` transition)."""

    _require(by, "grants.manage_initiative")
    initiative = LocalInitiative.objects.select_for_update(of=("self",)).get(pk=initiative.pk)
    if initiative.state != InitiativeState.SUBMITTED:
        raise Conflict(_("Ocenę zmienia się przed jej zatwierdzeniem."))
    criteria = {c.pk: c for c in initiative.resolution.criteria.all()}
    keys = {require_id(k, "points") for k in points} if isinstance(points, dict) else None
    if keys != set(criteria):
        raise InvalidInput(_("Podaj punkty za każde kryterium uchwały."), field="points")
    rows = [
        InitiativeAssessment(
            initiative=initiative,
            criterion=criteria[require_id(key, "points")],
            points=require_int(
                value, "points", low=0, high=criteria[require_id(key, "points")].max_points
            ),
        )
        for key, value in points.items()
    ]
    initiative.assessments.all().delete()
    return InitiativeAssessment.objects.bulk_create(rows)
