"""Public comments and the coordinating team's answers."""

from django.db import transaction
from django.utils.translation import gettext as _

from workflows.accounts.roles import represents
from workflows.deadlines import ensure_within
from workflows.errors import Conflict, InvalidInput, NotPermitted, OutsideWindow
from workflows.services import record

from ..flows import MAX_TEXT
from ..models import Answer, Block, Chapter, Comment, Programme
from ..models.chapters import BlockKind
from ..models.comments import CommentKind, Decision, Target
from ..models.programme import State
from ..rules import answers_comments
from .events import comment_event

# Comments are taken once the drafts are published and the announced window has begun,
# even if the scheduler has not yet moved the round to "comments open".
COMMENTABLE = {State.DRAFTS_PUBLISHED, State.COMMENTS_OPEN}
ANSWERABLE = {State.ANSWERING}


def clean_text(value, field: str, *, required: bool) -> str:
    text = value if isinstance(value, str) else ("" if value is None else None)
    if text is None:
        raise InvalidInput(_("Pole „%(field)s” musi być tekstem.") % {"field": field}, field=field)
    text = text.strip()
    if required and not text:
        raise InvalidInput(
            _("Pole „%(field)s” nie może być puste.") % {"field": field}, field=field
        )
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            _("Pole „%(field)s” może mieć najwyżej %(limit)s znaków (ma %(length)s).")
            % {"field": field, "limit": MAX_TEXT, "length": len(text)},
            field=field,
        )
    return text


def choice(value, choices, field: str) -> str:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise InvalidInput(
            _("Pole „%(field)s”: dozwolone wartości: %(allowed)s.")
            % {"field": field, "allowed": allowed},
            field=field,
        )
    return value


def ensure_window(programme: Programme) -> None:
    """Art. 5a ust. 1 with the city's consultation rules: comments only in the announced
    window. Checked here, at write time, whatever the scheduler has done."""

    if programme.state not in COMMENTABLE:
        opens, closes = programme.comments_open_at, programme.comments_close_at
        raise OutsideWindow(
            _("Zbieranie uwag do tego programu nie trwa."),
            state=programme.state,
            opens_at=opens.isoformat() if opens else None,
            closes_at=closes.isoformat() if closes else None,
        )
    ensure_within(programme.comments_open_at, programme.comments_close_at, _("Zgłoszenie uwagi"))


def locate(programme: Programme, chapter: Chapter | None, anchor: str):
    """The target of a comment: (target, version, quoted text)."""

    if chapter is None:
        if anchor:
            # Named by the field sent: the anchor is what needs its chapter.
            raise InvalidInput(_("Akapit wskazuje się razem z rozdziałem."), field="anchor")
        return Target.PROGRAMME, None, ""
    if chapter.programme_id != programme.pk:
        raise InvalidInput(_("Ten rozdział należy do innego programu."), field="chapter")
    version = chapter.versions.filter(published_at__isnull=False).order_by("-number").first()
    if version is None:
        raise InvalidInput(_("Ten rozdział nie ma opublikowanej wersji."), field="chapter")
    if not anchor:
        return Target.CHAPTER, version, ""
    block = Block.objects.filter(version=version, anchor=anchor).first()
    if block is None:
        raise InvalidInput(_("W opublikowanym rozdziale nie ma takiego akapitu."), field="anchor")
    target = Target.ACTION if block.kind == BlockKind.ACTION else Target.PARAGRAPH
    return target, version, block.text


@transaction.atomic
def submit_comment(
    *,
    by,
    programme: Programme,
    kind,
    justification,
    proposed_wording="",
    chapter: Chapter | None = None,
    anchor: str = "",
    organisation=None,
) -> Comment:
    if not by or not by.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby zgłosić uwagę."))
    if organisation is not None and not represents(by, organisation):
        raise NotPermitted(
            _("Nie reprezentujesz organizacji „%(name)s”.") % {"name": organisation.name}
        )
    kind = choice(kind, CommentKind, "kind")
    wording_needed = kind in (CommentKind.CHANGE, CommentKind.ADDITION)
    wording = clean_text(proposed_wording, "proposed_wording", required=wording_needed)
    reason = clean_text(justification, "justification", required=True)
    target, version, quoted = locate(programme, chapter, str(anchor or "").strip())
    # Lock the programme: a comment cannot slip in while staff close the window.
    locked = Programme.objects.select_for_update(of=("self",)).get(pk=programme.pk)
    ensure_window(locked)
    comment = Comment.objects.create(
        programme=locked,
        chapter=chapter,
        version=version,
        anchor=str(anchor or "").strip(),
        target=target,
        quoted_text=quoted,
        kind=kind,
        proposed_wording=wording,
        justification=reason,
        author=by,
        organisation=organisation,
    )
    comment_event("comment.created", comment)
    return comment


@transaction.atomic
def answer_comment(*, by, comment: Comment, decision, reason) -> Answer:
    """The coordinating team answers a comment (or corrects its answer while answering)."""

    programme = Programme.objects.select_for_update(of=("self",)).get(pk=comment.programme_id)
    answers_comments(by, programme)
    if programme.state not in ANSWERABLE:
        raise Conflict(
            _("Na uwagi odpowiada się w etapie „%(label)s”; program jest w etapie „%(current)s”.")
            % {"label": State.ANSWERING.label, "current": programme.get_state_display()},
            state=programme.state,
        )
    decision = choice(decision, Decision, "decision")
    text = clean_text(reason, "reason", required=True)
    answer, _created = Answer.objects.update_or_create(
        comment=comment, defaults={"decision": decision, "reason": text, "answered_by": by}
    )
    comment.answer = answer
    comment_event("comment.answered", comment)
    # Audited (and so announced to its author by the notifications app).
    record(comment, "answer_comment", by=by, payload={"decision": decision})
    return answer
