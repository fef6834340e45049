"""A chapter's blocks arranged for reading: paragraphs, the SWOT as a table, goals with the
actions that follow them, and each block's comment count (one query for the programme)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Comment
from .models.chapters import SWOT_KINDS, BlockKind

SWOT_HEADINGS = {
    BlockKind.STRENGTH: _("Mocne strony"),
    BlockKind.WEAKNESS: _("Słabe strony"),
    BlockKind.OPPORTUNITY: _("Szanse"),
    BlockKind.THREAT: _("Zagrożenia"),
}


def comment_counts(programme) -> dict[tuple[int, str], int]:
    rows = (
        Comment.objects.filter(programme=programme)
        .exclude(anchor="")
        .order_by()
        .values_list("chapter_id", "anchor")
        .annotate(n=Count("pk"))
    )
    return {(chapter_id, anchor): n for chapter_id, anchor, n in rows}


def arrange(chapter, counts: dict[tuple[int, str], int]) -> dict:
    """{"text": [...], "swot": {kind: [...]} or None, "goals": [{"goal", "actions"}], ...}"""

    text, swot, goals, loose = [], {kind: [] for kind in SWOT_KINDS}, [], []
    for block in chapter.current.blocks.all():
        block.comment_count = counts.get((chapter.pk, block.anchor), 0)
        if block.kind in swot:
            swot[block.kind].append(block)
        elif block.kind == BlockKind.GOAL:
            goals.append({"goal": block, "actions": []})
        elif block.kind == BlockKind.ACTION:
            (goals[-1]["actions"] if goals else loose).append(block)
        else:
            text.append(block)
    has_swot = any(swot.values())
    return {
        "text": text,
        "swot": [(SWOT_HEADINGS[kind], swot[kind]) for kind in SWOT_KINDS] if has_swot else None,
        "goals": goals,
        "loose_actions": loose,
    }


def arrange_all(programme, chapters) -> None:
    counts = comment_counts(programme)
    for chapter in chapters:
        chapter.reading = arrange(chapter, counts) if chapter.current else None
