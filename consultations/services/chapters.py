"""Sector teams write their chapters; every published version is kept and never edited."""

import difflib
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import Conflict, InvalidInput, NotPermitted

from ..flows import is_coordinator
from ..models import Block, Chapter, ChapterVersion, SectorTeam, StrategyGoal, TaskArea
from ..models.chapters import BlockKind
from ..models.programme import State
from .comments import choice, clean_text

# Sector teams draft before publication; the coordinating team edits the final text.
TEAM_EDITS = {State.DRAFT, State.DRAFTING}
FINAL_EDITS = {State.ANSWERING, State.RETURNED}


def writable_chapters(programme, chapters, user) -> set[int]:
    """Ids of the chapters the user writes at this stage (a query at most, whatever their
    number): council staff always, a sector team its own, the coordinating team all."""

    if is_council_staff(user):
        return {c.pk for c in chapters}
    if programme.state in TEAM_EDITS and user and user.is_authenticated:
        teams = SectorTeam.objects.filter(Q(members=user) | Q(moderator=user))
        mine = set(teams.values_list("pk", flat=True))
        return {c.pk for c in chapters if c.sector_team_id in mine}
    if programme.state in FINAL_EDITS and is_coordinator(programme, user):
        return {c.pk for c in chapters}
    return set()


def editable_chapters(programme, chapters, user) -> set[int]:
    """The chapters the user may change now (none while the text is frozen)."""

    if programme.state not in TEAM_EDITS | FINAL_EDITS:
        return set()
    return writable_chapters(programme, chapters, user)


def edits_chapter(user, chapter: Chapter) -> None:
    programme = chapter.programme
    if chapter.pk not in writable_chapters(programme, [chapter], user):
        raise NotPermitted(
            _(
                "Rozdział redaguje jego zespół sektorowy (przed publikacją) "
                "albo zespół koordynujący (tekst końcowy)."
            )
        )
    if programme.state not in TEAM_EDITS | FINAL_EDITS:
        raise Conflict(
            _("W etapie „%(stage)s” tekstu programu się nie zmienia.")
            % {"stage": programme.get_state_display()},
            state=programme.state,
        )


def _amount(value, index: int):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0:
        raise InvalidInput(f"Blok {index + 1}: koszt to kwota ≥ 0.", field="budget_estimate")
    return amount


def clean_blocks(blocks) -> list[dict]:
    if not isinstance(blocks, list) or not blocks:
        raise InvalidInput(_("Podaj treść rozdziału (listę bloków)."), field="blocks")
    areas = {a.number: a for a in TaskArea.objects.all()}
    goals = {g.code: g for g in StrategyGoal.objects.all()}
    cleaned, anchors = [], set()
    for i, raw in enumerate(blocks):
        if not isinstance(raw, dict):
            raise InvalidInput(_("Blok %(n)s musi być obiektem.") % {"n": i + 1}, field="blocks")
        anchor = str(raw.get("anchor") or "").strip()[:40]
        if anchor and anchor in anchors:
            raise InvalidInput(
                _("Kotwica „%(anchor)s” powtarza się.") % {"anchor": anchor}, field="anchor"
            )
        anchors.add(anchor)
        unknown_areas = [n for n in raw.get("task_areas") or [] if n not in areas]
        unknown_goals = [c for c in raw.get("strategy_goals") or [] if c not in goals]
        if unknown_areas or unknown_goals:
            raise InvalidInput(
                f"Blok {i + 1}: nieznane obszary lub cele: {unknown_areas + unknown_goals}.",
                field="task_areas" if unknown_areas else "strategy_goals",
            )
        cleaned.append(
            {
                "anchor": anchor,
                "kind": choice(raw.get("kind", BlockKind.TEXT), BlockKind, "kind"),
                "text": clean_text(raw.get("text"), "text", required=True),
                "responsible_unit": clean_text(
                    raw.get("responsible_unit", ""), "responsible_unit", required=False
                )[:300],
                "indicator": clean_text(raw.get("indicator", ""), "indicator", required=False)[
                    :500
                ],
                "budget_estimate": _amount(raw.get("budget_estimate"), i),
                "task_areas": [areas[n] for n in raw.get("task_areas") or []],
                "strategy_goals": [goals[c] for c in raw.get("strategy_goals") or []],
            }
        )
    return cleaned


def _origins(version: ChapterVersion | None) -> dict[str, int]:
    """The blocks an accepted suggestion wrote, by anchor: their origin stays with them when
    the draft is saved again or copied into the next version."""

    if version is None:
        return {}
    written = version.blocks.filter(suggestion__isnull=False)
    return dict(written.values_list("anchor", "suggestion_id"))


def _write_blocks(version: ChapterVersion, blocks: list[dict], origins: dict[str, int]) -> None:
    version.blocks.all().delete()
    for position, data in enumerate(blocks):
        areas, goals = data.pop("task_areas"), data.pop("strategy_goals")
        anchor = data.pop("anchor")
        block = Block(version=version, position=position, **data)
        if anchor:
            block.anchor = anchor
        block.suggestion_id = origins.get(block.anchor)
        block.save()
        block.task_areas.set(areas)
        block.strategy_goals.set(goals)


def _copy(source: ChapterVersion | None) -> list[dict]:
    if source is None:
        return []
    return [
        {
            "anchor": b.anchor,
            "kind": b.kind,
            "text": b.text,
            "responsible_unit": b.responsible_unit,
            "indicator": b.indicator,
            "budget_estimate": b.budget_estimate,
            "task_areas": list(b.task_areas.all()),
            "strategy_goals": list(b.strategy_goals.all()),
        }
        for b in source.blocks.all()
    ]


@transaction.atomic
def create_version(*, by, chapter: Chapter, note: str = "", blocks=None) -> ChapterVersion:
    """A new draft version: the given blocks, or a copy of the latest version (anchors kept)."""

    chapter = (
        Chapter.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=chapter.pk)
    )
    edits_chapter(by, chapter)
    latest = chapter.versions.order_by("-number").first()
    if latest is not None and not latest.is_published:
        raise Conflict(
            _("Wersja %(number)s jest jeszcze szkicem — zmieniaj ją.") % {"number": latest.number},
            version=latest.number,
        )
    content = clean_blocks(blocks) if blocks is not None else _copy(latest)
    version = ChapterVersion.objects.create(
        chapter=chapter,
        number=(latest.number + 1) if latest else 1,
        note=clean_text(note, "note", required=False)[:500],
        created_by=by if getattr(by, "pk", None) else None,
    )
    _write_blocks(version, content, _origins(latest))
    return version


@transaction.atomic
def update_version(*, by, version: ChapterVersion, blocks, note: str = "") -> ChapterVersion:
    version = ChapterVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    edits_chapter(by, version.chapter)
    if version.is_published:
        raise Conflict(
            _("Wersja %(number)s jest opublikowana i nie można jej zmieniać; utwórz nową wersję.")
            % {"number": version.number},
            version=version.number,
        )
    _write_blocks(version, clean_blocks(blocks), _origins(version))
    if note:
        version.note = clean_text(note, "note", required=False)[:500]
        version.save(update_fields=["note"])
    return version


@transaction.atomic
def publish_version(*, by, version: ChapterVersion) -> ChapterVersion:
    version = ChapterVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    edits_chapter(by, version.chapter)
    if version.is_published:
        raise Conflict(_("Wersja %(number)s jest już opublikowana.") % {"number": version.number})
    if not version.blocks.exists():
        raise InvalidInput(_("Pusta wersja nie może być opublikowana."), field="blocks")
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    return version


def as_lines(version: ChapterVersion) -> list[str]:
    lines = []
    for block in version.blocks.all():
        lines.append(f"[{block.get_kind_display()}] {block.text}")
        if block.kind == BlockKind.ACTION:
            lines.append(f"    jednostka: {block.responsible_unit}; wskaźnik: {block.indicator}")
    return lines


def diff(old: ChapterVersion, new: ChapterVersion) -> list[str]:
    """Unified diff of two versions' text, line per block."""

    return list(
        difflib.unified_diff(
            as_lines(old),
            as_lines(new),
            fromfile=f"wersja {old.number}",
            tofile=f"wersja {new.number}",
            lineterm="",
        )
    )
