"""Reads of the consultation: who may see what, and querysets with their joins decided once."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet

from workflows.accounts.roles import is_council_staff
from workflows.parsing import parse_id

from .flows import is_coordinator
from .models import Block, Chapter, ChapterVersion, Comment, Programme
from .models.comments import CommentKind, Decision
from .models.programme import PUBLIC_STATES


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
    return programme.state in PUBLIC_STATES or is_author(user, programme)


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
        queryset=Block.objects.prefetch_related("task_areas", "strategy_goals"),
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


def block_text(chapter: Chapter, anchor: str) -> str:
    block = (
        Block.objects.filter(
            version__chapter=chapter, version__published_at__isnull=False, anchor=anchor
        )
        .order_by("-version__number")
        .first()
    )
    return block.text if block else ""


def latest_version(chapter: Chapter) -> ChapterVersion | None:
    return chapter.versions.order_by("-number").prefetch_related(blocks_prefetch()).first()
