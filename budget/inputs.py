"""Input schemas of the budget transitions that take data (workflows.transition_input)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workflows.transition_input import Reference, Text

from .models import CityUnit, Proposal
from .results.models import AmendmentChange


class FormalCheckInput(serializers.Serializer):
    unit = Reference(
        CityUnit,
        label=_("jednostka weryfikująca"),
        error_messages={"does_not_exist": _("Wskaż istniejącą jednostkę weryfikującą.")},
    )


class MergeInput(serializers.Serializer):
    # Only a project both authors agreed to merge with (the condition checks that one exists).
    into = Reference(
        Proposal,
        label=_("projekt, z którym łączysz"),
        rows=lambda proposal: Proposal.objects.filter(
            pk__in=[r.target_id for r in proposal.merge_requests.all() if r.consented]
        ),
        error_messages={
            "does_not_exist": _("Brak zgody obu autorów na połączenie z tym projektem.")
        },
    )


class ResultsAmendmentInput(serializers.Serializer):
    proposal = Reference(
        Proposal,
        label=_("projekt (numer)"),
        rows=lambda edition: edition.proposals.select_related("pool"),
        error_messages={"does_not_exist": _("Wskaż projekt tej edycji.")},
    )
    change = serializers.ChoiceField(
        label=_("zmiana"),
        choices=AmendmentChange.choices,
        error_messages={"invalid_choice": _("„withdraw” (wycofanie) albo „add” (dodanie).")},
    )
    resolution_number = Text(
        label=_("uchwała lub decyzja (numer)"),
        max_length=200,
        error_messages={
            "blank": _("Podaj uchwałę lub decyzję, na której opiera się zmiana wyników.")
        },
    )
    resolution_date = serializers.DateField(
        label=_("data uchwały lub decyzji"),
        error_messages={"invalid": _("podaj datę (RRRR-MM-DD).")},
    )
