"""Live events of a meeting, each with the keys it carries (tests check every event against
this table, as Zulip's event_types do). The engine adds "transition" on state changes."""

from workflows import live

from .models import Meeting

EVENT_KEYS: dict[str, set[str]] = {
    "item_opened": {"item", "current_item"},
    "item_closed": {"item", "current_item", "queue", "floor"},
    # Queue changes are deltas (constant size however long the queue): a client applies
    # them in sequence order and gets the whole queue again in a snapshot after a gap.
    "hand_raised": {"user", "raised_at"},
    "hand_lowered": {"user"},
    "floor_given": {"floor", "ended"},  # the speaker leaves the queue
    "floor_ended": {"speech", "speaker", "ended_at", "floor"},
    "decision_recorded": {"item", "decision"},
    "contribution_added": {"item", "contribution"},
    # A body's vote: while it is open only the number of votes cast is sent; the roll call
    # is on record once it closes (with the decision it produced).
    "vote_opened": {"vote"},
    "vote_cast": {"vote", "cast"},
    "vote_closed": {"vote", "item", "decision"},
}


def stream_of(meeting: Meeting) -> str:
    return f"meeting.{meeting.pk}"


def publish(meeting: Meeting, type: str, data: dict) -> None:
    """Store the event in the action's transaction; sent to `meeting.<id>` on commit."""

    expected = EVENT_KEYS[type]
    if set(data) != expected:
        raise ValueError(f"event {type} carries {sorted(data)}, expected {sorted(expected)}")
    live.publish(stream_of(meeting), type, data)
