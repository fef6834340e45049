"""Consultations and meetings: which actions tell whom."""

from django.urls import reverse

from ..events import Rule


def commenters(comment, entry):
    # A comment made on behalf of an organisation is the organisation's: its other
    # representatives speak for it too and must learn the answer.
    if comment.organisation_id is None:
        return [comment.author]
    return [comment.author, *comment.organisation.representatives.filter(is_active=True)]


def answered(comment, entry) -> dict:
    answer = comment.answer_or_none
    decision = answer.get_decision_display() if answer else ""
    return {"title": comment.programme.title, "decision": str(decision)}


def meeting_people(meeting, entry):
    from consultations.meetings.selectors import invitees

    return invitees(meeting)


def meeting_params(meeting, entry) -> dict:
    return {"title": meeting.title, "starts": meeting.starts_at.isoformat()}


RULES = {
    ("consultations.comment", "answer_comment"): Rule("comment_answered", commenters, answered),
    ("meeting", "plan_meeting"): Rule("meeting_planned", meeting_people, meeting_params),
    ("meeting", "publish_minutes"): Rule("minutes_published", meeting_people, meeting_params),
}

FOLLOWED = {
    "programme": lambda p: [p, *p.chapters.all()],
}
FOLLOWERS_GET_RULE: set[str] = set()

LINKS = {
    "programme": lambda p: reverse("consultations:programme", args=[p.pk]),
    "consultations.comment": lambda c: reverse("consultations:programme", args=[c.programme_id]),
    "meeting": lambda m: reverse("meeting-room", args=[m.pk]),
}
