"""Reads of the consultation: who may see what, and querysets with their joins decided once."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet

from workflows.accounts.roles import is_council_staff
from workflows.parsing import parse_id
from workflows.permissions import has_perm

from .flows import is_coordinator
from .models import Block, Chapter, ChapterVersion, Comment, Programme
from .models.comments import CommentKind, Decision
from .models.programme import PUBLIC_STATES
from .suggestion_flow import SuggestionState


def is_author(user, programme: Programme) -> bool:
    """Council staff, the coordinating team and the sector teams writing its chapters."""

    if not user or not user.is_authenticated:
        return False
    if is_council_staff(user) or is_coordinator(programme, user):
        return True
    return programme.chapters.filter(
        Q(sector_team__members=user) | Q(sector_team__moderator=user)
    ).exists()


def can_view_programme(user, programme: Programme) -> bool:
    return has_perm(user, "consultations.view_programme", programme)


def visible_programmes(user) -> QuerySet[Programme]:
    programmes = Programme.objects.all()
    if is_council_staff(user):
        return programmes
    if not (user and user.is_authenticated):
        return programmes.filter(state__in=PUBLIC_STATES)
    own = Q(chapters__sector_team__members=user) | Q(chapters__sector_team__moderator=user)
    own |= Q(coordinating_team__members=user)
    return programmes.filter(Q(state__in=PUBLIC_STATES) | own).distinct()


def can_read_stream(user, key: str) -> bool:
    programme_id = parse_id(key)
    programme = Programme.objects.filter(pk=programme_id).first() if programme_id else None
    return programme is not None and can_view_programme(user, programme)


def comment_counts(programme: Programme) -> dict:
    totals = programme.comments.aggregate(
        total=Count("id"), answered=Count("id", filter=Q(answer__isnull=False))
    )
    return {**totals, "unanswered": totals["total"] - totals["answered"]}


def snapshot(key: str, user) -> dict:
    programme = Programme.objects.get(pk=key)
    return {
        "programme": programme.pk,
        "state": programme.state,
        "state_label": programme.get_state_display(),
        "counts": comment_counts(programme),
    }


def home_panel(request) -> dict:
    return {"programmes": list(visible_programmes(request.user)[:3])}


def comments(
    programme: Programme,
    *,
    unanswered: bool | None = None,
    chapter: int | None = None,
    organisation: int | None = None,
) -> QuerySet[Comment]:
    """Comments with everything a list shows, in one query whatever their number."""

    qs = programme.comments.select_related(
        "author", "organisation", "chapter", "answer", "answer__answered_by"
    ).order_by("created_at", "id")
    if unanswered is True:
        qs = qs.filter(answer__isnull=True)
    elif unanswered is False:
        qs = qs.filter(answer__isnull=False)
    if chapter:
        qs = qs.filter(chapter_id=chapter)
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    return qs


def blocks_prefetch() -> Prefetch:
    return Prefetch(
        "blocks",
        queryset=Block.objects.select_related(
            "suggestion__decision__item", "suggestion__opinion__body"
        ).prefetch_related("task_areas", "strategy_goals"),
    )


def published_chapters(programme: Programme) -> list[Chapter]:
    """Chapters with their latest published version (`chapter.current`) and its blocks."""

    chapters = list(programme.chapters.select_related("sector_team"))
    versions = (
        ChapterVersion.objects.filter(chapter__in=chapters, published_at__isnull=False)
        .order_by("chapter_id", "-number")
        .prefetch_related(blocks_prefetch())
    )
    latest: dict[int, ChapterVersion] = {}
    for version in versions:
        latest.setdefault(version.chapter_id, version)
    for chapter in chapters:
        chapter.current = latest.get(chapter.pk)
    return chapters


def version(chapter: Chapter, number: int) -> ChapterVersion | None:
    return chapter.versions.filter(number=number).prefetch_related(blocks_prefetch()).first()


def report(programme: Programme) -> dict:
    """The consultation report: every comment with its answer, and the counts."""

    rows = list(comments(programme))
    by_kind = Counter(c.kind for c in rows)
    by_decision = Counter(c.answer_or_none.decision if c.answer_or_none else "" for c in rows)
    return {
        "programme": programme,
        "comments": rows,
        "by_kind": [(k.value, str(k.label), by_kind.get(k.value, 0)) for k in CommentKind],
        "by_decision": [(d.value, str(d.label), by_decision.get(d.value, 0)) for d in Decision]
        + [("unanswered", "bez odpowiedzi", by_decision.get("", 0))],
        "organisations": len({c.organisation_id for c in rows if c.organisation_id}),
        "total": len(rows),
    }


def readable_versions(chapter: Chapter, user) -> list[ChapterVersion]:
    """The chapter's versions the user may read: published ones, and drafts for its authors."""

    versions = chapter.versions.order_by("number").prefetch_related(blocks_prefetch())
    if not is_author(user, chapter.programme):
        versions = versions.filter(published_at__isnull=False)
    return list(versions)


def block_text(chapter: Chapter, anchor: str) -> str:
    block = (
        Block.objects.filter(
            version__chapter=chapter, version__published_at__isnull=False, anchor=anchor
        )
        .order_by("-version__number")
        .first()
    )
    return block.text if block else ""


def suggestions(chapter: Chapter) -> QuerySet:
    """Suggestions of the chapter's sector team, with the meeting or opinion each comes from."""

    from .meetings.models import ChapterSuggestion

    return ChapterSuggestion.objects.filter(team_id=chapter.sector_team_id).select_related(
        "decision__item__meeting", "opinion__body", "decided_by"
    )


def open_suggestions(chapter: Chapter) -> list:
    """Undecided suggestions to show on the draft, when this is the chapter they change."""

    from .services.suggestions import new_block_kind, team_chapter_in_writing

    current = team_chapter_in_writing(chapter.sector_team_id)
    if current is None or current.pk != chapter.pk:
        return []
    # An opinion's wording is offered on the chapter the opinion was given on only.
    elsewhere = Q(opinion__isnull=False) & ~Q(opinion__object_id=chapter.pk)
    offered = list(suggestions(chapter).filter(state=SuggestionState.OPEN).exclude(elsewhere))
    for suggestion in offered:
        suggestion.new_kind = new_block_kind(suggestion.section)
    return offered


def suggestions_beside(offered: list, blocks: list) -> tuple[dict[str, list], list]:
    """Each suggestion beside the first block of the section its meeting worked on (SWOT,
    goals, actions); those with no such block (or no section) go before the chapter."""

    from .services.suggestions import SECTION_KINDS

    beside: dict[str, list] = {}
    general = []
    for suggestion in offered:
        kinds = SECTION_KINDS.get(suggestion.section, [])
        block = next((b for b in blocks if b.kind in kinds), None)
        if block is None:
            general.append(suggestion)
        else:
            beside.setdefault(block.anchor, []).append(suggestion)
    return beside, general


def latest_version(chapter: Chapter) -> ChapterVersion | None:
    return chapter.versions.order_by("-number").prefetch_related(blocks_prefetch()).first()
