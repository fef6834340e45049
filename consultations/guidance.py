"""The programme's phases for its page: seven steps a resident recognises, with the dates
from the programme's milestones (or the comment window), and whether a comment can be
sent now — the same check `submit_comment` runs."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflows.errors import OutsideWindow
from workflows.guidance import Action, Guide, in_future, mark

from .models.programme import MilestoneCode as M
from .models.programme import State
from .services.comments import ANSWERABLE, ensure_window

# (label, states in which this phase is the current one)
PHASES = [
    (
        gettext_lazy("przygotowanie projektów przez zespoły sektorowe"),
        {State.DRAFT, State.DRAFTING},
    ),
    (gettext_lazy("publikacja projektów"), {State.DRAFTS_PUBLISHED}),
    (gettext_lazy("zbieranie uwag"), {State.COMMENTS_OPEN}),
    (
        gettext_lazy("odpowiedzi na uwagi i raport z konsultacji"),
        {
            State.COMMENTS_CLOSED,
            State.ANSWERING,
            State.RETURNED,
            State.FINAL_TEXT_PREPARED,
            State.REPORT_PUBLISHED,
        },
    ),
    (gettext_lazy("przekazanie projektu Radzie Miasta"), {State.SUBMITTED}),
    (gettext_lazy("czytania w Radzie Miasta"), {State.FIRST_READING, State.SECOND_READING}),
    (gettext_lazy("uchwalenie programu"), {State.ADOPTED}),
]


def _dates(programme) -> list[tuple]:
    planned = {m.code: m.planned_on for m in programme.milestones.all()}
    opens, closes = programme.comments_open_at, programme.comments_close_at
    return [
        (None, planned.get(M.SECTOR_MEETINGS)),
        (planned.get(M.PUBLICATION), opens),
        (opens or planned.get(M.PUBLICATION), closes or planned.get(M.COMMENTS_END)),
        (closes or planned.get(M.COMMENTS_END), planned.get(M.SUBMISSION)),
        (planned.get(M.SUBMISSION), None),
        (planned.get(M.FIRST_READING), planned.get(M.SECOND_READING)),
        (None, programme.statutory_deadline),
    ]


def comment_action(programme) -> Action:
    label = _("Zgłoś uwagę")
    try:
        ensure_window(programme)
    except OutsideWindow as exc:
        opens = programme.comments_open_at
        return Action(label, reason=exc.message, opens=opens if in_future(opens) else None)
    return Action(label, url=reverse("consultations:comment", args=[programme.pk]))


def _summary(programme, current: int) -> str:
    if programme.state == State.COMMENTS_OPEN:
        return _(
            "Każdy mieszkaniec i każda organizacja może zgłosić uwagę do całego programu, "
            "do rozdziału albo do jednego zapisu. Zespół koordynujący odpowie na każdą."
        )
    if current < 2:
        return _(
            "Projekty rozdziałów przygotowują zespoły sektorowe; uwagi będzie można "
            "zgłaszać po ich publikacji."
        )
    if current == 3:
        return _(
            "Zbieranie uwag zakończone. Zespół koordynujący odpowiada na uwagi; "
            "odpowiedzi i raport z konsultacji pojawią się na tej stronie."
        )
    if programme.state == State.ADOPTED:
        return _("Rada Miasta przyjęła program uchwałą.")
    return _("Projekt programu jest w Radzie Miasta.")


def programme_guide(programme) -> Guide:
    current = next(i for i, (_label, states) in enumerate(PHASES) if programme.state in states)
    rows = [(label, *dates) for (label, _s), dates in zip(PHASES, _dates(programme), strict=True)]
    return Guide(
        phases=mark(rows, current),
        summary=_summary(programme, current),
        actions=[comment_action(programme)] if current <= 3 else [],
    )


def answer_action(programme) -> Action:
    """Answers are written only while the programme is in answering (as `answer_comment`)."""

    label = _("Odpowiedz")
    if programme.state in ANSWERABLE:
        return Action(label)
    reason = _("Na uwagi odpowiada się w etapie „%(answering)s”; program jest w etapie „%(now)s”.")
    reason %= {"answering": State.ANSWERING.label, "now": programme.get_state_display()}
    closes = programme.comments_close_at
    return Action(label, reason=reason, opens=closes if in_future(closes) else None)
