"""Output shapes of the API and the documented input bodies (no logic here)."""

from rest_framework import serializers

from ..models import Block, Chapter, ChapterVersion, Comment, Programme
from ..models.chapters import BlockKind
from ..models.comments import CommentKind, Decision
from ..models.programme import Form, ProgrammeKind


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
            "organisation",
            "created_at",
            "answer",
        ]
        read_only_fields = fields


class CommentInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CommentKind.choices)
    justification = serializers.CharField(max_length=10_000)
    proposed_wording = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    chapter = serializers.IntegerField(required=False, allow_null=True)
    anchor = serializers.CharField(required=False, allow_blank=True)
    organisation = serializers.IntegerField(required=False, allow_null=True)


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


class ScheduleInput(serializers.Serializer):
    planned = serializers.DictField(child=serializers.DateField())
    lead_days = serializers.DictField(child=serializers.IntegerField(), required=False)
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
