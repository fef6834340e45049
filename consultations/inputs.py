"""Input schemas of the consultation transitions that take data (workflows.transition_input):
the body of each receives typed values."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workflows.timeutil import city_tz
from workflows.transition_input import Count, Text

from . import flows
from .models.chapters import BlockKind


def today():
    return timezone.localdate(timezone=city_tz())


class Day(serializers.DateField):
    """A day, today (Warsaw) when not given."""

    def __init__(self, **kwargs):
        super().__init__(required=False, default=today, **kwargs)


class PublishDraftsInput(serializers.Serializer):
    comments_open_at = serializers.DateTimeField(label=_("początek zbierania uwag"))
    comments_close_at = serializers.DateTimeField(label=_("koniec zbierania uwag"))

    def validate(self, data):
        flows.check_comment_window(data["comments_open_at"], data["comments_close_at"])
        return data


class SubmissionInput(serializers.Serializer):
    submitted_on = Day(label=_("przekazano Radzie"))


class ReadingInput(serializers.Serializer):
    held_on = Day(label=_("data czytania"))


class CouncilVoteInput(serializers.Serializer):
    resolution_number = Text(label=_("numer uchwały"), max_length=60)
    resolution_date = serializers.DateField(label=_("data uchwały"))
    votes_for = Count(label=_("głosy za"))
    votes_against = Count(label=_("głosy przeciw"))
    votes_abstained = Count(label=_("głosy wstrzymujące się"), default=0)


class ReportPublicationInput(serializers.Serializer):
    url = serializers.URLField(
        label=_("adres sprawozdania"), max_length=200, required=False, allow_blank=True
    )
    published_on = Day(label=_("opublikowano"))


class SuggestionPlacementInput(serializers.Serializer):
    """`anchor`: the block of the draft the text replaces; none adds a new block of `kind`
    (by default the kind of the section the meeting worked on)."""

    anchor = Text(
        label=_("blok rozdziału do zastąpienia"), max_length=40, required=False, allow_blank=True
    )
    kind = serializers.ChoiceField(
        label=_("rodzaj nowego bloku"), choices=BlockKind.choices, required=False, allow_blank=True
    )
