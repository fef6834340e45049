"""The bundle's place among a transition's consequences: declared on the kinds (in their
apps' `effects`) for the transitions that change what the BIP shows. The effect only
enqueues the task, in the transition's transaction: nothing is rendered unless it commits,
and the worker sees the committed state.
"""

from workflows.registry import kind_of

from .models import Subject
from .sources import subjects_of_meeting, subjects_of_opinion


def _enqueue(pairs, by) -> None:
    from .tasks import regenerate

    for subject, pk in pairs:
        regenerate.enqueue(subject, pk, str(by))


def republish(obj, *, by, payload) -> None:
    """A programme's or an edition's own transition: its bundle."""

    _enqueue([(Subject(kind_of(obj).name), obj.pk)], by)


def republish_minutes(meeting, *, by, payload) -> None:
    """Published minutes: the bundles of the programmes the meeting's team drafts."""

    _enqueue(subjects_of_meeting(meeting), by)


def republish_edition_of(proposal, *, by, payload) -> None:
    """A proposal's public status changed: the bundle of its edition (the list of projects)."""

    _enqueue([(Subject.EDITION, proposal.edition_id)], by)


def republish_opinion_target(opinion, *, by, payload) -> None:
    """An opinion adopted, or recorded as not given: the bundle of its programme."""

    _enqueue(subjects_of_opinion(opinion), by)
