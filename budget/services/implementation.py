"""Tracking a selected project: who builds it, what it costs, how it goes (with photos)."""

import re
from datetime import date

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from workflows.errors import Conflict, InvalidInput
from workflows.parsing import parse_id, parse_money
from workflows.services import record

from .. import rules
from ..annex import IN_BUDGET
from ..models import CityUnit, Implementation, ProgressNote, ProjectPhoto, Proposal
from ..models.proposals import FINISHED_STATES, IMPLEMENTATION_STATES
from .proposals import _money

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@transaction.atomic
def implementation_assign(*, proposal: Proposal, by, unit_id) -> Implementation:
    rules.assigns_implementers(by)
    if proposal.state not in IMPLEMENTATION_STATES:
        raise Conflict(_("Realizację prowadzi się tylko dla projektów wybranych w głosowaniu."))
    unit_id = parse_id(unit_id)
    unit = CityUnit.objects.filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        raise InvalidInput(_("Wskaż jednostkę realizującą."), field="unit")
    implementation, _created = Implementation.objects.update_or_create(
        proposal=proposal, defaults={"unit": unit}
    )
    record(proposal, "implementation_unit", by=by, payload={"unit": unit.pk})
    return implementation


def _implementation_for(proposal: Proposal, by) -> Implementation:
    implementation = Implementation.objects.filter(proposal=proposal).first()
    if implementation is None:
        raise Conflict(_("Najpierw wskaż jednostkę realizującą."))
    rules.implements(by, proposal)
    if proposal.state in FINISHED_STATES:
        raise Conflict(_("Realizacja jest zakończona."))
    return implementation


@transaction.atomic
def implementation_update(
    *, proposal: Proposal, by, actual_cost=None, planned_completion=None
) -> Implementation:
    implementation = _implementation_for(proposal, by)
    if actual_cost not in (None, ""):
        # Typed the Polish way on the page ("1 200,50"), as the API may send it too;
        # _money keeps it within the column.
        implementation.actual_cost = _money(parse_money(actual_cost, "actual_cost"), "actual_cost")
    if planned_completion not in (None, ""):
        implementation.planned_completion = _iso_date(planned_completion, "planned_completion")
    implementation.save()
    return implementation


def _iso_date(value, field: str) -> date:
    """A date as the API states it: YYYY-MM-DD, nothing else (no list, number, "1/2/26")."""

    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput(_("Podaj datę (RRRR-MM-DD)."), field=field)


@transaction.atomic
def implementation_add_note(*, proposal: Proposal, by, text: str) -> ProgressNote:
    implementation = _implementation_for(proposal, by)
    if not str(text or "").strip():
        raise InvalidInput(_("Opisz postęp prac."), field="text")
    return ProgressNote.objects.create(implementation=implementation, text=text.strip(), by=by)


@transaction.atomic
def implementation_add_photo(*, proposal: Proposal, by, image, alt_text: str) -> ProjectPhoto:
    implementation = _implementation_for(proposal, by)
    if not str(alt_text or "").strip():
        raise InvalidInput(_("Opisz zdjęcie dla osób niewidomych."), field="alt_text")
    try:
        # Pillow opens the file: anything that is not really an image is refused.
        image = forms.ImageField().clean(image)
    except forms.ValidationError as exc:
        raise InvalidInput("; ".join(exc.messages), field="image") from exc
    return ProjectPhoto.objects.create(
        implementation=implementation, image=image, alt_text=alt_text.strip()[:300], by=by
    )


@transaction.atomic
def implementation_record_budget_resolution(
    *, edition, by, resolution_number, resolution_date
) -> list[Implementation]:
    """The council's budget resolution includes the edition's selected projects (art. 5a
    ust. 4 u.s.g.): recorded on each one's implementation, every project audited. Each needs
    its implementing unit first: the resolution's annex lists the projects by unit."""

    rules.records_budget_resolutions(by)
    number = str(resolution_number or "").strip()
    if not number:
        raise InvalidInput(_("Podaj numer uchwały budżetowej."), field="resolution_number")
    day = _iso_date(resolution_date, "resolution_date")
    proposals = list(
        Proposal.objects.select_for_update(of=("self",))
        .filter(edition=edition, state__in=IN_BUDGET)
        .select_related("implementation")
        .order_by("pk")
    )
    if not proposals:
        raise Conflict(_("W tej edycji nie ma projektów wybranych do realizacji."))
    unnamed = [p.title for p in proposals if not hasattr(p, "implementation")]
    if unnamed:
        raise Conflict(
            _("Najpierw wskaż jednostkę realizującą projektów: %(titles)s.")
            % {"titles": ", ".join(unnamed)}
        )
    implementations = [p.implementation for p in proposals]
    for implementation in implementations:
        implementation.budget_resolution_number = number[:200]
        implementation.budget_resolution_date = day
    Implementation.objects.bulk_update(
        implementations, ["budget_resolution_number", "budget_resolution_date"]
    )
    payload = {"resolution_number": number[:200], "resolution_date": day.isoformat()}
    for proposal in proposals:
        record(proposal, "budget_resolution", by=by, payload=payload)
    return implementations
