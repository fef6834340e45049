"""Every user action on meetings: one function each, one transaction each."""

from .lifecycle import (
    PLANNER_ONLY,
    can_plan,
    close_meeting,
    create_meeting,
    open_meeting,
    publish_minutes,
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

__all__ = [
    "PLANNER_ONLY",
    "add_contribution",
    "can_plan",
    "check_in",
    "close_item",
    "close_meeting",
    "create_meeting",
    "end_floor",
    "give_floor",
    "lower_hand",
    "open_item",
    "open_meeting",
    "publish_minutes",
    "raise_hand",
    "record_decision",
    "update_minutes",
]
