"""Websocket commands (`{"action": "meeting.raise_hand", "meeting": 17, ...}`), each a thin
parse of the frame before the same service the REST endpoint calls."""

from django.utils.translation import gettext as _

from workflows.commands import register_command
from workflows.errors import NotPermitted
from workflows.parsing import require_id

from . import services
from .selectors import decision_data, floor_data, item_data, json_safe, motion_data


def _id(message: dict, field: str, *, optional: bool = False) -> int | None:
    # A frame field: a number, or its text from a form.
    return require_id(message.get(field), field, optional=optional)


def _signed_in(user) -> None:
    if not user or not user.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby brać udział w spotkaniu."))


def _flag(message: dict, field: str) -> bool:
    value = message.get(field)
    return value is True or value == 1 or value in ("1", "true", "on")


def check_in(user, message):
    _signed_in(user)
    services.check_in(meeting=_id(message, "meeting"), user=user)
    return {"ok": True}


def open_item(user, message):
    _signed_in(user)
    item = services.open_item(
        meeting=_id(message, "meeting"),
        item_id=_id(message, "item"),
        by=user,
    )
    return {"item": item_data(item, with_record=False)}


def close_item(user, message):
    _signed_in(user)
    item = services.close_item(
        meeting=_id(message, "meeting"),
        item_id=_id(message, "item", optional=True),
        by=user,
    )
    return {"item": item_data(item, with_record=False)}


def raise_hand(user, message):
    _signed_in(user)
    return {"queue": services.raise_hand(meeting=_id(message, "meeting"), user=user)}


def lower_hand(user, message):
    _signed_in(user)
    return {"queue": services.lower_hand(meeting=_id(message, "meeting"), user=user)}


def give_floor(user, message):
    _signed_in(user)
    speech = services.give_floor(
        meeting=_id(message, "meeting"),
        by=user,
        to=_id(message, "user", optional=True),
        out_of_turn=_flag(message, "out_of_turn"),
    )
    return {"floor": floor_data(speech)}


def end_floor(user, message):
    _signed_in(user)
    speech = services.end_floor(meeting=_id(message, "meeting"), by=user)
    return {"speech": speech.pk}


def record_decision(user, message):
    _signed_in(user)
    decision = services.record_decision(
        meeting=_id(message, "meeting"),
        by=user,
        outcome=message.get("outcome"),
        text=message.get("text"),
        item_id=_id(message, "item", optional=True),
    )
    return {"decision": decision_data(decision)}


def add_contribution(user, message):
    _signed_in(user)
    contribution = services.add_contribution(
        meeting=_id(message, "meeting"),
        user=user,
        text=message.get("text"),
        item_id=_id(message, "item", optional=True),
    )
    return {"contribution": contribution.pk}


def put_to_vote(user, message):
    _signed_in(user)
    motion = services.put_to_vote(
        meeting=_id(message, "meeting"),
        by=user,
        text=message.get("text"),
        kind=message.get("kind") or "resolution",
        opinion_id=_id(message, "opinion", optional=True),
        stance=message.get("stance") or "",
        wording=message.get("wording") or "",
        section=message.get("section") or "",
    )
    return {"vote": motion_data(motion)}


def cast_vote(user, message):
    _signed_in(user)
    cast = services.cast_vote(meeting=_id(message, "meeting"), user=user, vote=message.get("vote"))
    return {"vote": cast.motion_id, "cast": cast.vote}


def close_vote(user, message):
    _signed_in(user)
    motion = services.close_vote(meeting=_id(message, "meeting"), by=user)
    return {"vote": motion_data(motion)}


COMMANDS = {
    "meeting.check_in": check_in,
    "meeting.open_item": open_item,
    "meeting.close_item": close_item,
    "meeting.raise_hand": raise_hand,
    "meeting.lower_hand": lower_hand,
    "meeting.give_floor": give_floor,
    "meeting.end_floor": end_floor,
    "meeting.record_decision": record_decision,
    "meeting.add_contribution": add_contribution,
    "meeting.put_to_vote": put_to_vote,
    "meeting.cast_vote": cast_vote,
    "meeting.close_vote": close_vote,
}


def _json_reply(handler):
    # Replies go out through the consumer's plain json encoder: dates become ISO text here.
    def run(user, message):
        return json_safe(handler(user, message))

    return run


def register_all() -> None:
    for name, handler in COMMANDS.items():
        register_command(name, _json_reply(handler))
