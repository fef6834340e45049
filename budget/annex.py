"""The annex to the city's budget resolution: the selected projects by implementing unit.

Art. 5a ust. 4 u.s.g.: the projects selected in the civic budget are included in the
budget resolution, and the council may not remove them or change them substantially. The
annex lists them (after any amendment of the results) by the unit that carries them out,
with the amount each gets; a project whose unit is not named yet is listed apart.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _

from consultations.report import csv_text

from .models import Edition, Proposal, ProposalState

# Abandoned projects leave the budget; every other outcome of a selected project stays in it.
IN_BUDGET = [ProposalState.SELECTED, ProposalState.IN_IMPLEMENTATION, ProposalState.COMPLETED]


@dataclass
class UnitGroup:
    unit: object  # budget.CityUnit, or None while no implementing unit is named
    projects: list[Proposal] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((p.cost for p in self.projects), Decimal(0))


def annex(edition: Edition) -> list[UnitGroup]:
    """The groups, units by name, the unnamed last; one query."""

    proposals = (
        Proposal.objects.filter(edition=edition, state__in=IN_BUDGET)
        .select_related("pool__district", "implementation__unit")
        .order_by("pool__district__number", "title", "pk")
    )
    groups: dict[int | None, UnitGroup] = {}
    for proposal in proposals:
        implementation = getattr(proposal, "implementation", None)
        unit = implementation.unit if implementation else None
        groups.setdefault(unit and unit.pk, UnitGroup(unit)).projects.append(proposal)
    return sorted(groups.values(), key=lambda g: (g.unit is None, g.unit and g.unit.name))


def filename(edition: Edition) -> str:
    return f"zalacznik-budzet-obywatelski-{slugify(edition.title)}.csv"


def as_csv(groups: list[UnitGroup]) -> str:
    header = [
        _("jednostka realizująca"),
        _("nr projektu"),
        _("tytuł projektu"),
        _("pula"),
        _("kwota (zł)"),
        _("uchwała budżetowa"),
        _("data uchwały budżetowej"),
    ]
    rows = [header]
    for group in groups:
        unit = group.unit.name if group.unit else _("jednostka realizująca nie wskazana")
        for p in group.projects:
            implementation = getattr(p, "implementation", None)
            day = implementation and implementation.budget_resolution_date
            rows.append(
                [
                    unit,
                    p.pk,
                    p.title,
                    p.pool.name,
                    p.cost,
                    implementation.budget_resolution_number if implementation else "",
                    day.isoformat() if day else "",
                ]
            )
    total = sum((g.total for g in groups), Decimal(0))
    rows.append([_("Razem"), "", "", "", total, "", ""])
    return csv_text(rows)
