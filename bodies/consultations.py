"""A district council's own comment round on a district document: its writes, one function
per action, one transaction each (the round's transitions go through the engine)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.services import record
from workflows.timeutil import format_local

from . import rules
from .models import Body, BodyKind, DistrictComment, DistrictConsultation

TITLE_MAX = 300
TEXT_MAX = 50_000
COMMENT_MAX = 5_000


def _text(value, *, field: str, limit: int, empty: str) -> str:
    value = str(value or "").strip()
    if not value:
        raise InvalidInput(empty, field=field)
    if len(value) > limit:
        raise InvalidInput(
            _("Tekst jest za długi (najwyżej %(limit)d znaków).") % {"limit": limit}, field=field
        )
    return value


@transaction.atomic
def consultation_create(*, by, body: Body, title: str, text: str, closes_at):
    """The council (its chair or secretary) or council staff prepare a district document
    for residents' comments; it opens with the engine's `open`."""

    if not by.has_perm("bodies.run_consultation", body):
        raise NotPermitted(
            _("Konsultacje prowadzi przewodniczący lub sekretarz rady albo pracownik urzędu.")
        )
    if body.kind != BodyKind.DISTRICT_COUNCIL or body.district_id is None:
        raise InvalidInput(
            _("Konsultacje dokumentów dzielnicy prowadzi rada dzielnicy."), field="body"
        )
    title = _text(title, field="title", limit=TITLE_MAX, empty=_("Podaj tytuł dokumentu."))
    text = _text(text, field="text", limit=TEXT_MAX, empty=_("Wpisz treść dokumentu."))
    if closes_at <= timezone.now():
        raise InvalidInput(_("Koniec zbierania uwag musi być w przyszłości."), field="closes_at")
    consultation = DistrictConsultation.objects.create(
        body=body, title=title, text=text, closes_at=closes_at, created_by=by
    )
    record(consultation, "consultation_drafted", by=by, payload={"title": title})
    return consultation


@transaction.atomic
def comment_add(*, by, consultation: DistrictConsultation, text: str, resident: bool):
    """A resident of the district comments while the round is open. The deadline is checked
    here: a late comment is refused even if the scheduler has not closed the round yet."""

    rules.comments_in_district(by, consultation)
    consultation = (
        DistrictConsultation.objects.select_for_update(of=("self",))
        .select_related("body__district")
        .get(pk=consultation.pk)
    )
    if not consultation.is_open:
        raise Conflict(
            _("Uwagi zbiera się tylko w czasie konsultacji (stan: %(state)s).")
            % {"state": consultation.get_state_display()},
            state=consultation.state,
        )
    if timezone.now() >= consultation.closes_at:
        raise Conflict(
            _("Termin zgłaszania uwag minął %(moment)s.")
            % {"moment": format_local(consultation.closes_at)}
        )
    if resident is not True:
        raise InvalidInput(
            _("Uwagi zgłaszają mieszkańcy dzielnicy: potwierdź, że mieszkasz w dzielnicy %(d)s.")
            % {"d": consultation.body.district},
            field="resident",
        )
    text = _text(text, field="text", limit=COMMENT_MAX, empty=_("Wpisz treść uwagi."))
    comment = DistrictComment.objects.create(consultation=consultation, author=by, text=text)
    record(consultation, "district_comment", by=by, payload={"comment": comment.pk})
    return comment
