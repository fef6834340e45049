"""Input schema of an opinion's adoption (workflows.transition_input); who was a member, who
was present and whether the vote carried are the body's checks (bodies.flows)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from consultations.meetings.sections import Section
from workflows.parsing import MAX_ID
from workflows.transition_input import Text

from .flows import MAX_TEXT
from .models import Method, Stance, Vote


class AdoptionInput(serializers.Serializer):
    text = Text(
        label=_("treść opinii"), max_length=MAX_TEXT, style={"base_template": "textarea.html"}
    )
    stance = serializers.ChoiceField(label=_("stanowisko"), choices=Stance.choices)
    procedure = serializers.ChoiceField(label=_("tryb"), choices=Method.choices)
    adopted_on = serializers.DateField(label=_("data podjęcia"))
    present = serializers.ListField(
        label=_("obecni członkowie (identyfikatory osób)"),
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
    )
    # {person id: "for" | "against" | "abstain"} for each member who voted.
    votes = serializers.DictField(
        label=_("głosy członków"), child=serializers.ChoiceField(choices=Vote.choices)
    )
    wording = Text(
        label=_("proponowany zapis"),
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        style={"base_template": "textarea.html"},
    )
    section = serializers.ChoiceField(
        label=_("część rozdziału"), choices=Section.choices, required=False, allow_blank=True
    )
