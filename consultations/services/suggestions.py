"""Suggestions to change a chapter (a sector team's consensus in a meeting, or a body's
opinion proposing a wording): the chapter they concern, and the writers' decision on them,
each through the workflow engine."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.errors import InvalidInput
from workflows.services import advance
from workflows.timeutil import city_tz

from ..models import Block, Chapter
from ..models.chapters import SWOT_KINDS, BlockKind
from .chapters import FINAL_EDITS, TEAM_EDITS, create_version

# The blocks of the chapter each part of a meeting's agenda works on (meetings.Section).
SECTION_KINDS = {
    "swot": list(SWOT_KINDS),
    "goals": [BlockKind.GOAL],
    "actions": [BlockKind.ACTION],
}
NEW_BLOCK_KIND = {"goals": BlockKind.GOAL, "actions": BlockKind.ACTION}


def new_block_kind(section: str) -> str:
    """The kind of the block an accepted suggestion adds unless the writer picks another."""

    return NEW_BLOCK_KIND.get(section, BlockKind.TEXT)


def team_chapter_in_writing(team_id: int) -> Chapter | None:
    """The team's chapter whose text is being written now (the newest programme's): the
    chapter its meetings' suggestions change."""

    return (
        Chapter.objects.select_related("programme", "sector_team")
        .filter(sector_team_id=team_id, programme__state__in=TEAM_EDITS | FINAL_EDITS)
        .order_by("-programme__year_from", "-programme_id")
        .first()
    )


def suggestion_chapter(suggestion) -> Chapter | None:
    """The team's chapter in writing; for an opinion, only if that is the chapter it was
    given on (an opinion on last cycle's chapter changes no text of this one)."""

    current = team_chapter_in_writing(suggestion.team_id)
    elsewhere = suggestion.opinion_id and current and suggestion.opinion.object_id != current.pk
    return None if elsewhere else current


@transaction.atomic
def accept_suggestion(*, by, suggestion, anchor: str = "", kind: str = ""):
    """The text goes into the chapter's draft: in place of the block `anchor`, or as a new
    block of `kind` (the effect `apply_suggestion` does it)."""

    placement = {name: value for name, value in (("anchor", anchor), ("kind", kind)) if value}
    return advance(suggestion, "accept", by=by, **placement)


@transaction.atomic
def reject_suggestion(*, by, suggestion, reason: str):
    return advance(suggestion, "reject", by=by, reason=reason)


def _insert_position(draft, section: str) -> int:
    """After the last block of the suggestion's section, or at the end of the chapter."""

    blocks = list(draft.blocks.order_by("position", "id").values_list("kind", "position"))
    kinds = SECTION_KINDS.get(section, [])
    positions = [position for kind, position in blocks if kind in kinds]
    if positions:
        return max(positions) + 1
    return (blocks[-1][1] + 1) if blocks else 0


def _origin(suggestion) -> str:
    if suggestion.opinion_id:
        opinion = suggestion.opinion
        return _("Przyjęto propozycję z opinii: %(body)s, %(day)s.") % {
            "body": opinion.body.name,
            "day": f"{opinion.adopted_on:%d.%m.%Y}",
        }
    meeting = suggestion.decision.item.meeting
    return _("Przyjęto propozycję ze spotkania „%(meeting)s” z %(day)s.") % {
        "meeting": meeting.title,
        "day": f"{timezone.localtime(meeting.starts_at, city_tz()):%d.%m.%Y}",
    }


def put_into_draft(suggestion, *, by, anchor: str, kind: str) -> dict:
    """Write an accepted suggestion into the chapter's draft (a new draft version when the
    latest is published), recording it as the block's origin and in the version's note."""

    chapter = suggestion_chapter(suggestion)
    latest = chapter.versions.order_by("-number").first()
    draft = latest
    if latest is None or latest.is_published:
        draft = create_version(by=by, chapter=chapter)
    # A new block's anchor is readable, and the same whichever door accepted it.
    own = f"propozycja-{suggestion.pk}"
    block = draft.blocks.filter(anchor=anchor or own).first()
    if block is not None:
        block.text = suggestion.text
        block.suggestion = suggestion
        block.save(update_fields=["text", "suggestion"])
    elif anchor:
        raise InvalidInput(
            _("Szkic rozdziału nie ma bloku „%(anchor)s”.") % {"anchor": anchor}, field="anchor"
        )
    else:
        position = _insert_position(draft, suggestion.section)
        draft.blocks.filter(position__gte=position).update(position=F("position") + 1)
        block = Block.objects.create(
            version=draft,
            anchor=own,
            position=position,
            kind=kind or new_block_kind(suggestion.section),
            text=suggestion.text,
            suggestion=suggestion,
        )
    draft.note = f"{draft.note} {_origin(suggestion)}".strip()[:500]
    draft.save(update_fields=["note"])
    return {"chapter": chapter.pk, "version": draft.number, "anchor": block.anchor}
