"""Every user action on meetings: one function each, one transaction each."""

from .lifecycle import (
    BODY_PLANNER_ONLY,
    PLANNER_ONLY,
    can_plan,
    can_plan_body,
    close_meeting,
    create_meeting,
    open_meeting,
    publish_minutes,
    take_transition,
    update_minutes,
)
from .room import (
    add_contribution,
    check_in,
    close_item,
    end_floor,
    give_floor,
    lower_hand,
    open_item,
    raise_hand,
    record_decision,
)
from .votes import cast_vote, close_vote, put_to_vote

__all__ = [
    "BODY_PLANNER_ONLY",
    "PLANNER_ONLY",
    "add_contribution",
    "can_plan",
    "can_plan_body",
    "cast_vote",
    "check_in",
    "close_item",
    "close_meeting",
    "close_vote",
    "create_meeting",
    "end_floor",
    "give_floor",
    "lower_hand",
    "open_item",
    "open_meeting",
    "publish_minutes",
    "put_to_vote",
    "raise_hand",
    "record_decision",
    "take_transition",
    "update_minutes",
]
