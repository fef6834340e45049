from django.contrib import admin

from workflows.admin_lists import register_lists

from .agreements import (
    Agreement,
    AgreementCostLine,
    Annex,
    ChangeRequest,
    ReportLine,
    TaskReport,
    Tranche,
)
from .cooperation_report import CooperationReport
from .initiative import (
    InitiativeAssessment,
    InitiativeCriterion,
    InitiativeResolution,
    LocalInitiative,
)
from .models import CommissionMember, Competition, CostLine, Criterion, Offer, Score
from .operational import OperationalProgramme
from .small import SmallGrant, SmallGrantComment


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class CommissionInline(admin.TabularInline):
    model = CommissionMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["title", "task_area", "form", "funds", "offers_deadline", "state"]
    list_filter = ["state", "form", "task_area"]
    readonly_fields = ["state", "published_at", "results_published_at"]
    inlines = [CriterionInline, CommissionInline]


class CostLineInline(admin.TabularInline):
    model = CostLine
    extra = 0


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "competition", "state", "score", "granted"]
    list_filter = ["state"]
    readonly_fields = ["state", "score", "granted", "submitted_at"]
    inlines = [CostLineInline]


class InitiativeCriterionInline(admin.TabularInline):
    model = InitiativeCriterion
    extra = 0


@admin.register(InitiativeResolution)
class InitiativeResolutionAdmin(admin.ModelAdmin):
    """The council's criteria of local initiative (art. 19e): configured here."""

    list_display = ["number", "adopted_on", "min_score", "active"]
    inlines = [InitiativeCriterionInline]


# Each row also on its own list, searchable; the commission's scores read-only (evidence).
register_lists(
    Criterion,
    CostLine,
    CommissionMember,
    Score,
    SmallGrant,
    SmallGrantComment,
    LocalInitiative,
    InitiativeCriterion,
    InitiativeAssessment,
    CooperationReport,
    OperationalProgramme,
    # Agreements and their reports change through the engine and the pages: read-only here.
    Agreement,
    Tranche,
    AgreementCostLine,
    ChangeRequest,
    Annex,
    TaskReport,
    ReportLine,
    editable=(Criterion, CostLine, CommissionMember, InitiativeCriterion),
)
