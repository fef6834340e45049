"""The live events of `consultation.<programme id>` besides the engine's transitions.

Event payloads (typed here, checked by tests/consultations/test_live.py):
- comment.created: {"comment": CommentEvent, "counts": Counts}
- comment.answered: {"comment": CommentEvent, "counts": Counts}
CommentEvent = {"id", "author", "author_krs", "target", "target_label", "chapter", "anchor", "kind",
                "kind_label", "proposed_wording", "justification", "decision", "decision_label"}
Counts = {"total", "answered", "unanswered"}
"""

from workflows import live

from ..selectors import comment_counts


def stream_of(obj) -> str:
    """`consultation.<id>` for a programme, an object of a programme, or a programme's id."""

    if isinstance(obj, int):
        return f"consultation.{obj}"
    return f"consultation.{getattr(obj, 'programme_id', None) or obj.pk}"


def comment_data(comment) -> dict:
    answer = comment.answer_or_none
    return {
        "id": comment.pk,
        "author": comment.author_label,
        "author_krs": comment.author_krs,
        "target": comment.target,
        "target_label": comment.get_target_display(),
        "chapter": comment.chapter_id,
        "anchor": comment.anchor,
        "kind": comment.kind,
        "kind_label": comment.get_kind_display(),
        "proposed_wording": comment.proposed_wording,
        "justification": comment.justification,
        "decision": answer.decision if answer else None,
        "decision_label": answer.get_decision_display() if answer else None,
        "reason": answer.reason if answer else None,
    }


def comment_event(type_: str, comment) -> None:
    live.publish(
        stream_of(comment),
        type_,
        {"comment": comment_data(comment), "counts": comment_counts(comment.programme)},
    )
