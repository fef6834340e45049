"""Input schemas of the grants transitions that take data (workflows.transition_input)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from consultations.inputs import Day
from workflows.transition_input import Money, Text


class GrantInput(serializers.Serializer):
    amount = Money(label=_("kwota dotacji (zł)"))


class AgreementInput(serializers.Serializer):
    agreement_number = Text(label=_("numer umowy"), max_length=100)


class CouncilSubmissionInput(serializers.Serializer):
    submitted_on = Day(label=_("przedłożono Radzie"))


class SigningInput(serializers.Serializer):
    signed_on = serializers.DateField(label=_("data zawarcia umowy"))
