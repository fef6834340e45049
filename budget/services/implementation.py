"""Tracking a selected project: who builds it, what it costs, how it goes (with photos)."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.parsing import parse_id
from workflows.services import record

from .. import flows
from ..models import CityUnit, Implementation, ProgressNote, ProjectPhoto, Proposal
from ..models.proposals import IMPLEMENTATION_STATES, ProposalState
from .proposals import _money


@transaction.atomic
def implementation_assign(*, proposal: Proposal, by, unit_id) -> Implementation:
    if not is_council_staff(by):
        raise NotPermitted(_("Jednostkę realizującą wskazuje pracownik urzędu."))
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
    if not flows.is_implementer(proposal, by):
        raise NotPermitted(flows.IMPLEMENTER_ONLY)
    if proposal.state in (ProposalState.COMPLETED, ProposalState.ABANDONED):
        raise Conflict(_("Realizacja jest zakończona."))
    return implementation


@transaction.atomic
def implementation_update(
    *, proposal: Proposal, by, actual_cost=None, planned_completion=None
) -> Implementation:
    implementation = _implementation_for(proposal, by)
    if actual_cost not in (None, ""):
        implementation.actual_cost = _money(actual_cost, "actual_cost")
    if planned_completion not in (None, ""):
        implementation.planned_completion = forms.DateField().clean(planned_completion)
    implementation.save()
    return implementation


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
