"""The input contract of a transition: one DRF serializer, declared on the transition.

    @transition(..., custom={"input": "consultations.inputs.CouncilVoteInput"})
    def record_council_vote(self, *, resolution_number, resolution_date, votes_for, ...):

`advance()` validates the payload with it once every check of the state machine has passed,
and the body receives its `validated_data`: dates as `date`, counts as `int`, references as
model instances. The same serializer gives the generic pages their form fields
(workflows.payload) and the API its request body (workflows.urls). A transition without one
takes no data. The serializer sees the locked object and the actor in its context
(`obj`, `by`), e.g. to limit a reference to this object's rows. It is named by its dotted
path, imported when first used, so an app's inputs module may import its models.
"""

from django.db.models import Model
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_fsm import Transition
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .errors import InvalidInput
from .parsing import MAX_ID, MAX_INT, parse_id, parse_int, parse_money
from .registry import WorkflowKind
from .transitions import declared


def input_of(tr: Transition) -> type[serializers.Serializer] | None:
    schema = tr.custom.get("input")
    return import_string(schema) if isinstance(schema, str) else schema


def input_for(kind: WorkflowKind, name: str) -> type[serializers.Serializer] | None:
    """The input schema of the transition called `name` (the same from every source state)."""

    return next((input_of(tr) for tr in declared(kind) if tr.name == name), None)


def _first_error(errors) -> str:
    if isinstance(errors, dict):
        return _first_error(next(iter(errors.values()), ""))
    if isinstance(errors, list) and errors:
        return _first_error(errors[0])
    return str(errors)


def validate(tr: Transition, obj: Model, by, payload: dict) -> tuple[dict, dict]:
    """The payload typed by the transition's input schema, and its JSON form for the audit
    entry. An unknown field, a missing one or a badly typed one is a 400 naming it."""

    schema = input_of(tr)
    known = set(schema().fields) if schema else set()
    unexpected = sorted(set(payload) - known)
    if unexpected:
        raise InvalidInput(
            _("Nieoczekiwane pola: %(fields)s.") % {"fields": ", ".join(unexpected)},
            field=unexpected[0],
            unexpected=unexpected,
        )
    if schema is None:
        return {}, {}
    serializer = schema(data=payload, context={"obj": obj, "by": by})
    if not serializer.is_valid():
        errors = serializer.errors
        field = next(iter(errors))
        label = serializer.fields[field].label if field in serializer.fields else None
        raise InvalidInput(
            _("%(field)s: %(message)s")
            % {"field": label or field, "message": _first_error(errors[field])},
            field=field,
            fields=errors,
        )
    return dict(serializer.validated_data), dict(serializer.data)


@extend_schema_field({"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID})
class Reference(serializers.PrimaryKeyRelatedField):
    """A row given by its id (1..MAX_ID, as the API's paths take ids), or, from a service,
    the instance itself. `rows(serializer)`, when given, narrows the queryset to the rows
    this object may point to (its context holds `obj`)."""

    def __init__(self, model: type[Model], *, rows=None, **kwargs):
        self.model, self.rows = model, rows
        messages = kwargs.get("error_messages", {})
        if "does_not_exist" in messages:  # a row that is not there and text that is no id
            messages.setdefault("incorrect_type", messages["does_not_exist"])
        super().__init__(queryset=model._default_manager.all(), **kwargs)

    def get_queryset(self):
        if self.rows is None:
            return super().get_queryset()
        return self.rows(self.parent.context["obj"])

    def to_internal_value(self, data):
        if isinstance(data, self.model):
            data = data.pk
        row_id = parse_id(data.strip() if isinstance(data, str) else data)
        if row_id is None:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(row_id)


class Money(serializers.DecimalField):
    """An amount in złoty ≥ 0, grosze at most, from a number or from text typed the Polish
    way ("1 200 000,50"): workflows.parsing.parse_money."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=16, decimal_places=2, min_value=0, **kwargs)

    def to_internal_value(self, data):
        try:
            return parse_money(data, self.field_name)
        except InvalidInput as exc:
            raise serializers.ValidationError(exc.message) from None


class Count(serializers.IntegerField):
    """A whole number 0..MAX_INT (an integer column), as workflows.parsing reads one: ASCII
    digits or an int, never 12.0, True or "١٢" (which DRF's IntegerField takes)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAX_INT, **kwargs)

    def to_internal_value(self, data):
        number = parse_int(data.strip() if isinstance(data, str) else data, high=MAX_INT)
        if number is None:
            self.fail("invalid")
        return number


class Text(serializers.CharField):
    """Text, and only text: DRF's CharField would take 12 as "12", which the schema (a
    string) does not allow."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
