"""Output shapes of the budget API (input is read by the views and validated by services)."""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from workflows.selectors import history

from ..models import CityUnit, Edition, Phase, Pool, PoolRule, Proposal, Verification


class PhaseOut(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["kind", "opens_at", "closes_at", "legal_basis"]


class EditionPoolOut(serializers.ModelSerializer):
    district_name = serializers.CharField(source="district.name", default=None, allow_null=True)

    class Meta:
        model = Pool
        fields = [
            "id",
            "kind",
            "name",
            "district",
            "district_name",
            "amount",
            "max_project_cost",
            "population",
            "support_minimum",
        ]


class PoolRuleOut(serializers.ModelSerializer):
    class Meta:
        model = PoolRule
        fields = ["pool_kind", "vote_rule", "max_choices", "ordinal_points", "max_points"]


class RuleOut(serializers.Serializer):
    vote_rule = serializers.CharField()
    max_choices = serializers.IntegerField()
    ordinal_points = serializers.ListField(child=serializers.IntegerField())
    max_points = serializers.IntegerField()


class RulebookOut(serializers.Serializer):
    """budget.selectors.rulebook: `rules` has one entry per pool kind."""

    edition = serializers.IntegerField()
    has_rulebook = serializers.BooleanField()
    editable = serializers.BooleanField()
    pool_mode = serializers.CharField()
    points_across_pools = serializers.BooleanField()
    max_points = serializers.IntegerField()
    duplicate_policy = serializers.CharField()
    minimum_age = serializers.IntegerField()
    guardian_under = serializers.IntegerField()
    rules = serializers.DictField(child=RuleOut())
    presets = serializers.DictField(child=serializers.CharField())


class EditionOut(serializers.ModelSerializer):
    phases = PhaseOut(many=True)
    pools = EditionPoolOut(many=True)
    pool_rules = PoolRuleOut(many=True)
    state_label = serializers.CharField(source="get_state_display")
    spending_share = serializers.DecimalField(
        max_digits=8, decimal_places=2, read_only=True, allow_null=True
    )

    class Meta:
        model = Edition
        fields = [
            "id",
            "year",
            "title",
            "legal_basis",
            "total_amount",
            "city_spending",
            "spending_share",
            "categories",
            "state",
            "state_label",
            "vote_rule",
            "max_choices",
            "ordinal_points",
            "max_points",
            "pool_mode",
            "pool_rules",
            "points_across_pools",
            "duplicate_policy",
            "minimum_age",
            "guardian_under",
            "identification",
            "tally_rule",
            "score_threshold",
            "tie_break",
            "correction_days",
            "district_council_opinions",
            "phases",
            "pools",
        ]


class UnitOut(serializers.ModelSerializer):
    class Meta:
        model = CityUnit
        fields = ["id", "name", "short_name"]


class UnitSetupOut(serializers.ModelSerializer):
    verifiers = serializers.PrimaryKeyRelatedField(source="members", many=True, read_only=True)

    class Meta:
        model = CityUnit
        fields = ["id", "name", "short_name", "verifiers"]


class ProposalOut(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    pool_name = serializers.CharField(source="pool.name")
    district = serializers.IntegerField(source="pool.district_id", allow_null=True)
    author = serializers.CharField(source="author.__str__")
    unit = serializers.CharField(source="unit.name", default=None, allow_null=True)
    support = serializers.IntegerField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "edition",
            "pool",
            "pool_name",
            "district",
            "title",
            "description",
            "location",
            "latitude",
            "longitude",
            "category",
            "estimated_cost",
            "verified_cost",
            "state",
            "state_label",
            "author",
            "unit",
            "support",
            "rejection_reason",
            "appeal_decision",
            "abandon_reason",
            "merged_into",
            "submitted_at",
        ]


class VerificationOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name")
    by = serializers.CharField(source="by.__str__")

    class Meta:
        model = Verification
        fields = [
            "at",
            "unit",
            "by",
            "verified_cost",
            "cost_change_reason",
            "feasible",
            "legal",
            "land_ownership",
            "maintenance_cost",
            "notes",
        ]


class ProposalDetailOut(ProposalOut):
    verifications = VerificationOut(many=True)
    coauthors = serializers.StringRelatedField(many=True)

    class Meta(ProposalOut.Meta):
        fields = [
            *ProposalOut.Meta.fields,
            "coauthors",
            "verifications",
            "correction_due",
            "appeal_justification",
        ]


class PhotoOut(serializers.Serializer):
    url = serializers.ImageField(source="image")  # absolute with the request in the context
    alt = serializers.CharField(source="alt_text")


class ImplementationOut(serializers.Serializer):
    """A selected proposal and how its implementation goes (none yet: no unit, no photos)."""

    proposal = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    pool = serializers.CharField(source="pool.name")
    district = serializers.IntegerField(source="pool.district_id", allow_null=True)
    status = serializers.CharField(source="state")
    status_label = serializers.CharField(source="get_state_display")
    unit = serializers.CharField(source="implementation.unit.name", allow_null=True)
    cost = serializers.DecimalField(max_digits=12, decimal_places=2)
    actual_cost = serializers.DecimalField(
        source="implementation.actual_cost", max_digits=12, decimal_places=2, allow_null=True
    )
    abandon_reason = serializers.CharField()
    budget_resolution_number = serializers.CharField(
        source="implementation.budget_resolution_number", allow_null=True
    )
    budget_resolution_date = serializers.DateField(
        source="implementation.budget_resolution_date", allow_null=True
    )
    photos = serializers.SerializerMethodField()

    @extend_schema_field(PhotoOut(many=True))
    def get_photos(self, proposal) -> list:
        implementation = getattr(proposal, "implementation", None)
        if implementation is None:
            return []
        return PhotoOut(implementation.photos.all(), many=True, context=self.context).data


class HistoryOut(serializers.Serializer):
    transition = serializers.CharField(source="action")
    to = serializers.CharField(source="to_state")
    at = serializers.DateTimeField()
    by = serializers.CharField(source="by_label")
    reason = serializers.CharField()


class ProposalPageOut(ProposalDetailOut):
    """A proposal as its page shows it: with the history of its workflow."""

    history = serializers.SerializerMethodField()

    class Meta(ProposalDetailOut.Meta):
        fields = [*ProposalDetailOut.Meta.fields, "history"]

    @extend_schema_field(HistoryOut(many=True))
    def get_history(self, proposal) -> list:
        return HistoryOut(history(proposal), many=True).data


class ProposalIn(serializers.Serializer):
    edition = serializers.IntegerField(required=False)
    pool = serializers.IntegerField(required=False)
    title = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    location = serializers.CharField(required=False, allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=6,
        required=False,
        allow_null=True,
        help_text="punkt na mapie (WGS 84), w granicach miasta; razem z longitude albo bez",
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    category = serializers.CharField(required=False)
    estimated_cost = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)


class AssessmentIn(serializers.Serializer):
    verified_cost = serializers.DecimalField(max_digits=12, decimal_places=2)
    cost_change_reason = serializers.CharField(required=False, allow_blank=True)
    feasible = serializers.BooleanField()
    legal = serializers.BooleanField()
    land_ownership = serializers.CharField()
    maintenance_cost = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)


class BallotProjectOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    cost = serializers.DecimalField(max_digits=12, decimal_places=2)
    location = serializers.CharField()


class BallotPoolOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    district = serializers.IntegerField(source="district_id", allow_null=True)
    projects = BallotProjectOut(many=True, source="on_ballot")


class GuardianIn(serializers.Serializer):
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    pesel = serializers.CharField()


class PeselIdentificationIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=["pesel"], required=False)
    pesel = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    residence_declared = serializers.BooleanField()
    guardian_declared = serializers.BooleanField(required=False)
    guardian = GuardianIn(required=False, help_text="Poniżej wieku zgody opiekuna: jego dane.")


class CodeIdentificationIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=["code"])
    code = serializers.CharField()


# One of the two ways to identify, each with the fields it needs (the edition enables them).
IdentificationIn = PolymorphicProxySerializer(
    component_name="IdentificationIn",
    serializers=[PeselIdentificationIn, CodeIdentificationIn],
    resource_type_field_name=None,
)


class ChoiceIn(serializers.Serializer):
    proposal = serializers.IntegerField()
    points = serializers.IntegerField(required=False)


class PoolChoicesIn(serializers.Serializer):
    pool = serializers.IntegerField()
    choices = ChoiceIn(many=True)


class BallotIn(serializers.Serializer):
    identification = IdentificationIn
    pools = PoolChoicesIn(many=True)


class PaperBallotIn(BallotIn):
    paper_number = serializers.CharField()


class ReceiptOut(serializers.Serializer):
    receipt = serializers.CharField()
    cast_at = serializers.DateTimeField()


class TurnoutOut(serializers.Serializer):
    edition = serializers.IntegerField()
    total = serializers.IntegerField()
    by_pool = serializers.DictField(child=serializers.IntegerField())
    by_age_band = serializers.DictField(child=serializers.IntegerField())
    voided_duplicates = serializers.IntegerField(
        help_text="Głosy unieważnione, bo ta sama osoba głosowała na papierze i przez internet."
    )
