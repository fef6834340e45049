"""Form fields for a transition's payload, read from the transition method's signature.

A transition such as `record_council_vote(self, *, resolution_number, resolution_date,
votes_for, votes_against, votes_abstained=0)` needs data besides the button press. The
generic pages render one input per keyword parameter; where the parameter has the name of a
model field, that field gives the label and the input type (date, number, text). The values
go to `services.advance()` as the payload, which validates them as the API does.
"""

import inspect
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .registry import WorkflowKind
from .transitions import declared

# Passed by the engine itself, never typed in.
ENGINE_ARGS = {"self", "by", "reason"}
# POST keys of the generic form that are not payload.
FORM_KEYS = {"csrfmiddlewaretoken", "reason", "next"}


@dataclass(frozen=True)
class PayloadField:
    name: str
    label: str
    input_type: str  # text, date, number
    required: bool


def _input_type(field) -> str:
    if isinstance(field, models.DateTimeField):
        return "datetime-local"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
        return "number"
    return "text"


def fields_for(kind: WorkflowKind, transition_name: str) -> list[PayloadField]:
    method = getattr(kind.model, transition_name, None)
    if method is None:
        return []
    result = []
    for param in inspect.signature(method).parameters.values():
        if param.name in ENGINE_ARGS or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        try:
            field = kind.model._meta.get_field(param.name)
        except FieldDoesNotExist:
            label, input_type = param.name.replace("_", " "), "text"
        else:
            label, input_type = str(getattr(field, "verbose_name", param.name)), _input_type(field)
        result.append(
            PayloadField(
                name=param.name,
                label=label,
                input_type=input_type,
                required=param.default is inspect.Parameter.empty,
            )
        )
    return result


def with_fields(kind: WorkflowKind, info: dict) -> dict:
    """`describe()`'s result with each available transition's payload fields added, and
    whether it needs a reason (the engine refuses it without one)."""

    needs_reason = {tr.name: bool(tr.custom.get("reason_required")) for tr in declared(kind)}
    for option in info["available"]:
        option["fields"] = fields_for(kind, option["name"])
        option["reason_required"] = needs_reason.get(option["name"], False)
    return info


def from_post(post) -> dict:
    """The payload a generic form sent: every non-empty field that is not the form's own."""

    return {
        key: value.strip()
        for key, value in post.items()
        if key not in FORM_KEYS and value.strip() != ""
    }
