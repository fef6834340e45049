"""A standing body's votes in its meeting: the chair puts a resolution or an opinion to the
vote on the open item, members in term vote by name, the chair closes the vote and the
body's quorum and majority (bodies.voting) decide.

Locking contract: as in room.py, every action locks the meeting row first; closing a vote
that adopts an opinion then advances the opinion request (which locks that row) in the same
transaction, so the opinion is adopted exactly when the vote carries.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.flows import clean_wording
from bodies.models import OpinionRequest, Stance, Vote
from bodies.voting import Count, refusal
from workflows.errors import Conflict, InvalidInput, NotFound, NotPermitted
from workflows.services import advance, record

from .. import events, rules
from ..models import Attendance, Decision, Meeting, Motion, MotionKind, MotionVote, Outcome
from ..selectors import decision_data, members_in_term, motion_data, opinion_choices, today
from .room import _attend, _current_item, _lock, _text, ensure_open

MOTION_MAX = 20_000


def _body_meeting(meeting: Meeting) -> None:
    if not meeting.is_body_meeting:
        raise Conflict(_("Głosowania odbywają się na posiedzeniach organów, nie zespołów."))


def _open_motion(meeting: Meeting) -> Motion:
    motion = Motion.objects.filter(meeting=meeting, closed_at__isnull=True).first()
    if motion is None:
        raise Conflict(_("Żadne głosowanie nie jest teraz otwarte."))
    return motion


def _opinion(meeting: Meeting, opinion_id) -> OpinionRequest:
    if not isinstance(opinion_id, int) or isinstance(opinion_id, bool):
        raise InvalidInput(_("Wskaż wniosek o opinię, której dotyczy głosowanie."), field="opinion")
    opinion = opinion_choices(meeting).filter(pk=opinion_id).first()
    if opinion is None:
        raise NotFound(
            _("Organ nie ma takiego wniosku o opinię oczekującego na odpowiedź."), field="opinion"
        )
    return opinion


@transaction.atomic
def put_to_vote(
    *,
    meeting: Meeting | int,
    by,
    text: str,
    kind: str = MotionKind.RESOLUTION,
    opinion_id: int | None = None,
    stance: str = "",
    wording: str = "",
    section: str = "",
) -> Motion:
    """The chair puts a resolution, or the body's opinion on a request, to the vote; an
    opinion on a chapter may carry a proposed wording, offered to its writers if it carries."""

    meeting = _lock(meeting)
    rules.moderates(by, meeting)
    ensure_open(meeting)
    _body_meeting(meeting)
    item = _current_item(meeting)
    if kind not in MotionKind.values:
        raise InvalidInput(
            _("Głosuje się nad uchwałą albo opinią."), field="kind", allowed=MotionKind.values
        )
    if Motion.objects.filter(meeting=meeting, closed_at__isnull=True).exists():
        raise Conflict(_("Najpierw zamknij trwające głosowanie."))
    text = _text(
        text, field="text", limit=MOTION_MAX, empty=_("Wpisz treść poddawaną pod głosowanie.")
    )
    opinion = None
    if kind == MotionKind.OPINION:
        if not by.has_perm("bodies.record_opinion", meeting.body):
            raise NotPermitted(_("Opinię organu poddaje pod głosowanie jego przewodniczący."))
        opinion = _opinion(meeting, opinion_id)
        if stance not in Stance.values:
            raise InvalidInput(
                _("Wybierz stanowisko opinii: pozytywna, pozytywna z uwagami albo negatywna."),
                field="stance",
                allowed=Stance.values,
            )
        wording, section = clean_wording(opinion, wording, section)
    else:
        stance, wording, section = "", "", ""
    motion = Motion.objects.create(
        meeting=meeting,
        item=item,
        kind=kind,
        text=text,
        opinion=opinion,
        stance=stance,
        wording=wording,
        section=section,
        opened_at=timezone.now(),
    )
    record(meeting, "put_to_vote", by=by, payload={"motion": motion.pk, "kind": kind})
    events.publish(meeting, "vote_opened", {"vote": motion_data(motion, cast=0)})
    return motion


@transaction.atomic
def cast_vote(*, meeting: Meeting | int, user, vote: str) -> MotionVote:
    """A member in term votes once, by name; voting counts them present."""

    meeting = _lock(meeting)
    rules.votes(user, meeting)
    ensure_open(meeting)
    membership = members_in_term(meeting).filter(person=user).order_by("-term_start").first()
    motion = _open_motion(meeting)
    if vote not in Vote.values:
        raise InvalidInput(
            _("Głos to „za”, „przeciw” albo „wstrzymuję się”."), field="vote", allowed=Vote.values
        )
    if motion.votes.filter(membership=membership).exists():
        raise Conflict(_("Twój głos w tym głosowaniu został już oddany."))
    _attend(meeting, user)
    cast = MotionVote.objects.create(
        motion=motion, membership=membership, vote=vote, cast_at=timezone.now()
    )
    events.publish(meeting, "vote_cast", {"vote": motion.pk, "cast": motion.votes.count()})
    return cast


def _count(meeting: Meeting, motion: Motion) -> tuple[Count, set[int], dict[int, str]]:
    members = {m.person_id for m in members_in_term(meeting)}
    present = members & set(
        Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True)
    )
    votes = {
        person: vote
        for person, vote in motion.votes.values_list("membership__person_id", "vote")
        if person in members
    }
    tally = Count(
        members=len(members),
        present=len(present),
        votes_for=sum(v == Vote.FOR for v in votes.values()),
        votes_against=sum(v == Vote.AGAINST for v in votes.values()),
        votes_abstained=sum(v == Vote.ABSTAIN for v in votes.values()),
    )
    return tally, present, votes


def _summary(tally: Count) -> str:
    return _(
        "Obecnych %(present)d z %(members)d członków; za %(for)d, przeciw %(against)d, "
        "wstrzymało się %(abstained)d."
    ) % {
        "present": tally.present,
        "members": tally.members,
        "for": tally.votes_for,
        "against": tally.votes_against,
        "abstained": tally.votes_abstained,
    }


@transaction.atomic
def close_vote(*, meeting: Meeting | int, by) -> Motion:
    """The chair closes the vote: it carries only with the quorum present and the majority
    the body's rules set. A carried opinion becomes the body's opinion on its object."""

    meeting = _lock(meeting)
    rules.moderates(by, meeting)
    ensure_open(meeting)
    _body_meeting(meeting)
    motion = _open_motion(meeting)
    body = meeting.body
    tally, present, votes = _count(meeting, motion)
    reason = refusal(tally, quorum_percent=body.quorum_percent, majority=body.majority)
    now = timezone.now()
    lines = [motion.text, _summary(tally), reason or _("Przyjęto.")]
    decision = Decision.objects.create(
        item=motion.item,
        outcome=Outcome.REJECTED if reason else Outcome.ADOPTED,
        text="\n".join(str(line) for line in lines),
        recorded_at=now,
        recorded_by=by,
    )
    motion.closed_at, motion.carried, motion.decision = now, reason is None, decision
    motion.save(update_fields=["closed_at", "carried", "decision"])
    if motion.kind == MotionKind.OPINION and reason is None:
        advance(
            motion.opinion,
            "adopt",
            by=by,
            text=motion.text,
            stance=motion.stance,
            procedure="meeting",
            adopted_on=today(),
            present=sorted(present),
            votes=votes,
            wording=motion.wording,
            section=motion.section,
        )
    record(
        meeting,
        "close_vote",
        by=by,
        payload={"motion": motion.pk, "carried": motion.carried, "votes": len(votes)},
    )
    events.publish(
        meeting,
        "vote_closed",
        {"vote": motion_data(motion), "item": motion.item_id, "decision": decision_data(decision)},
    )
    return motion
