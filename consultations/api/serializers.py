"""Output shapes of the API and the documented input bodies (no logic here)."""

from django.urls import reverse
from drf_spectacular.utils import PolymorphicProxySerializer, inline_serializer
from rest_framework import serializers

from .. import schedule
from ..models import Block, Chapter, ChapterVersion, Comment, Programme, SectorTeam
from ..models.chapters import BlockKind
from ..models.comments import CommentKind, Decision
from ..models.programme import Form, MilestoneCode, ProgrammeKind
from ..services.programmes import MAX_LEAD_DAYS


class ProgrammeSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    period = serializers.CharField(source="period_label")
    statutory_deadline = serializers.DateField()
    priority_task_areas = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="number"
    )
    strategy_goals = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    # An absolute URL when the view passes the request in the context, as the schema says.
    council_opinion = serializers.FileField(use_url=True, allow_null=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "title",
            "kind",
            "year_from",
            "year_to",
            "period",
            "legal_basis",
            "main_goal",
            "specific_goals",
            "principles",
            "scope",
            "forms_of_cooperation",
            "priority_task_areas",
            "strategy_goals",
            "implementation_method",
            "planned_funds",
            "evaluation_method",
            "creation_info",
            "consultation_resolution",
            "implements",
            "committees_rules",
            "council_opinion",
            "council_opinion_on",
            "comments_open_at",
            "comments_close_at",
            "resolution_number",
            "resolution_date",
            "votes_for",
            "votes_against",
            "votes_abstained",
            "state",
            "state_label",
            "statutory_deadline",
        ]
        read_only_fields = fields


class ProgrammeInput(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProgrammeKind.choices, default="annual")
    year_from = serializers.IntegerField()
    year_to = serializers.IntegerField(required=False)
    legal_basis = serializers.CharField(required=False, allow_blank=True)
    main_goal = serializers.CharField(required=False, allow_blank=True)
    specific_goals = serializers.ListField(child=serializers.CharField(), required=False)
    forms_of_cooperation = serializers.ListField(
        child=serializers.ChoiceField(choices=Form.choices), required=False
    )
    # The schedule, saved with the programme (refused like PUT …/schedule/ without a justification).
    planned = serializers.DictField(child=serializers.DateField(), required=False)
    justification = serializers.CharField(required=False, allow_blank=True)
    planned_funds = serializers.CharField(required=False, help_text="np. 1 200 000,50")
    implements = serializers.IntegerField(required=False, allow_null=True)
    principles = serializers.CharField(required=False, allow_blank=True)
    scope = serializers.CharField(required=False, allow_blank=True)
    implementation_method = serializers.CharField(required=False, allow_blank=True)
    evaluation_method = serializers.CharField(required=False, allow_blank=True)
    committees_rules = serializers.CharField(required=False, allow_blank=True)
    creation_info = serializers.CharField(required=False, allow_blank=True)
    consultation_resolution = serializers.CharField(required=False, allow_blank=True)
    task_areas = serializers.ListField(child=serializers.IntegerField(), required=False)
    strategy_goals = serializers.ListField(child=serializers.CharField(), required=False)


class SectorTeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = SectorTeam
        fields = ["id", "name", "slug", "description", "moderator", "members"]
        read_only_fields = fields


class ChecklistItemSerializer(serializers.Serializer):
    label = serializers.CharField()
    done = serializers.BooleanField()
    detail = serializers.CharField()
    where = serializers.CharField()


class ChapterSerializer(serializers.ModelSerializer):
    sector_team = serializers.CharField(source="sector_team.name")

    class Meta:
        model = Chapter
        fields = ["id", "programme", "title", "position", "sector_team"]
        read_only_fields = fields


class BlockSerializer(serializers.ModelSerializer):
    task_areas = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")
    strategy_goals = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Block
        fields = [
            "anchor",
            "kind",
            "text",
            "responsible_unit",
            "indicator",
            "budget_estimate",
            "task_areas",
            "strategy_goals",
            "suggestion",
        ]
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer):
    blocks = BlockSerializer(many=True, read_only=True)
    is_published = serializers.BooleanField()

    class Meta:
        model = ChapterVersion
        fields = ["number", "note", "created_at", "published_at", "is_published", "blocks"]
        read_only_fields = fields


class BlockInput(serializers.Serializer):
    anchor = serializers.CharField(required=False, help_text="Keep it to keep the identity.")
    kind = serializers.ChoiceField(choices=BlockKind.choices)
    text = serializers.CharField(max_length=10_000)
    responsible_unit = serializers.CharField(required=False, allow_blank=True)
    indicator = serializers.CharField(required=False, allow_blank=True)
    budget_estimate = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    task_areas = serializers.ListField(child=serializers.IntegerField(), required=False)
    strategy_goals = serializers.ListField(child=serializers.CharField(), required=False)


class VersionInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)
    blocks = BlockInput(many=True, required=False)


class DiffSerializer(serializers.Serializer):
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    lines = serializers.ListField(child=serializers.CharField())


class AnswerSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    decision_label = serializers.CharField(source="get_decision_display")
    reason = serializers.CharField()
    answered_at = serializers.DateTimeField()


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author_label")
    author_krs = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display")
    target_label = serializers.CharField(source="get_target_display")
    answer = AnswerSerializer(source="answer_or_none", allow_null=True, read_only=True)

    class Meta:
        model = Comment
        fields = [
            "id",
            "programme",
            "chapter",
            "anchor",
            "target",
            "target_label",
            "quoted_text",
            "kind",
            "kind_label",
            "proposed_wording",
            "justification",
            "author",
            "author_krs",
            "organisation",
            "created_at",
            "answer",
        ]
        read_only_fields = fields


class RemarkInput(serializers.Serializer):
    """A deletion or a general remark: no wording of its own."""

    kind = serializers.ChoiceField(choices=[CommentKind.DELETION, CommentKind.GENERAL])
    justification = serializers.CharField(max_length=10_000)
    proposed_wording = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    chapter = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    anchor = serializers.CharField(required=False, allow_blank=True)
    organisation = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class WordingInput(RemarkInput):
    """A change or an addition: the proposed wording is required."""

    kind = serializers.ChoiceField(choices=[CommentKind.CHANGE, CommentKind.ADDITION])
    proposed_wording = serializers.CharField(max_length=10_000)


CommentInput = PolymorphicProxySerializer(
    component_name="CommentInput",
    serializers=[WordingInput, RemarkInput],
    resource_type_field_name=None,
)


class AnswerInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(max_length=10_000)


class StepSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    latest = serializers.DateField()
    planned = serializers.DateField(allow_null=True)
    slack_days = serializers.IntegerField()
    reached = serializers.BooleanField()
    at_risk = serializers.BooleanField()


class ScheduleSerializer(serializers.Serializer):
    deadline = serializers.DateField()
    at_risk = serializers.BooleanField()
    overdue = serializers.BooleanField()
    adopted = serializers.BooleanField()
    problems = serializers.ListField(child=serializers.CharField())
    steps = StepSerializer(many=True)


def _lead(code: str) -> serializers.IntegerField:
    low = schedule.MIN_COMMENT_DAYS if code == "comments" else 0
    return serializers.IntegerField(required=False, min_value=low, max_value=MAX_LEAD_DAYS)


class ScheduleInput(serializers.Serializer):
    # The milestones and lead times by name, with the bounds save_schedule checks.
    planned = inline_serializer(
        "PlannedInput",
        fields={code: serializers.DateField(required=False) for code in MilestoneCode.values},
    )
    lead_days = inline_serializer(
        "LeadDaysInput", fields={code: _lead(code) for code in schedule.DEFAULTS}, required=False
    )
    justification = serializers.CharField(required=False, allow_blank=True)


class ReportSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    organisations = serializers.IntegerField()
    by_kind = serializers.DictField(child=serializers.IntegerField())
    by_decision = serializers.DictField(child=serializers.IntegerField())
    comments = CommentSerializer(many=True)


class OpinionInput(serializers.Serializer):
    file = serializers.FileField()
    given_on = serializers.DateField()


class SuggestionSerializer(serializers.Serializer):
    """A sector team's consensus or a body's opinion offered as a change of the chapter, and
    the writers' decision."""

    id = serializers.IntegerField()
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    section = serializers.CharField(allow_blank=True)
    text = serializers.CharField()
    meeting = serializers.IntegerField(source="decision.item.meeting_id", default=None)
    meeting_title = serializers.CharField(source="decision.item.meeting.title", default=None)
    minutes_url = serializers.SerializerMethodField()
    opinion = serializers.IntegerField(source="opinion_id", allow_null=True)
    body_name = serializers.CharField(source="opinion.body.name", default=None)
    opinion_url = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)

    def get_minutes_url(self, suggestion) -> str | None:
        if suggestion.decision_id is None:
            return None
        return reverse("meeting-minutes", args=[suggestion.decision.item.meeting_id])

    def get_opinion_url(self, suggestion) -> str | None:
        if suggestion.opinion_id is None:
            return None
        return reverse("bodies:opinion", args=[suggestion.opinion_id])
