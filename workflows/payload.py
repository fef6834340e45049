"""Form fields for a transition's payload, generated from its input schema.

A transition such as `record_council_vote` needs data besides the button press; its input
schema (workflows.transition_input) lists the fields. The generic pages render one input per
field, labelled, typed (date, datetime-local, number, text, textarea, select) and required as
the schema says. The values go to `services.advance()` as the payload, which validates them
with the same schema as the API does.
"""

import json
from dataclasses import dataclass, field

from rest_framework import serializers

from .registry import WorkflowKind
from .transition_input import Reference, input_for
from .transitions import declared

# POST keys of the generic form that are not payload.
FORM_KEYS = {"csrfmiddlewaretoken", "reason", "next"}


@dataclass(frozen=True)
class PayloadField:
    name: str
    label: str
    input_type: str  # text, textarea, date, datetime-local, number, select
    required: bool
    choices: tuple[tuple[str, str], ...] = field(default=())


def _input_type(field) -> str:
    if isinstance(field, serializers.DateTimeField):
        return "datetime-local"
    if isinstance(field, serializers.DateField):
        return "date"
    if isinstance(field, serializers.IntegerField | serializers.DecimalField | Reference):
        return "number"
    if isinstance(field, serializers.ChoiceField):
        return "select"
    if field.style.get("base_template") == "textarea.html":
        return "textarea"
    return "text"


def _choices(field) -> tuple[tuple[str, str], ...]:
    if not isinstance(field, serializers.ChoiceField):
        return ()
    return tuple((str(value), str(label)) for value, label in field.choices.items())


def fields_for(kind: WorkflowKind, transition_name: str) -> list[PayloadField]:
    schema = input_for(kind, transition_name)
    if schema is None:
        return []
    return [
        PayloadField(
            name=name,
            label=str(field.label or name.replace("_", " ")),
            input_type=_input_type(field),
            required=field.required,
            choices=_choices(field),
        )
        for name, field in schema().fields.items()
    ]


def with_fields(kind: WorkflowKind, info: dict) -> dict:
    """`describe()`'s result with each available transition's payload fields added, and
    whether it needs a reason (the engine refuses it without one)."""

    needs_reason = {tr.name: bool(tr.custom.get("reason_required")) for tr in declared(kind)}
    for option in info["available"]:
        option["fields"] = fields_for(kind, option["name"])
        option["reason_required"] = needs_reason.get(option["name"], False)
    return info


def _typed(value: str):
    """A JSON list or object typed into a text input (an opinion's votes) as the API would
    send it; any other text as typed."""

    if value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            pass
    return value


def from_post(post) -> dict:
    """The payload a generic form sent: every non-empty field that is not the form's own."""

    return {
        key: _typed(value.strip())
        for key, value in post.items()
        if key not in FORM_KEYS and value.strip() != ""
    }
