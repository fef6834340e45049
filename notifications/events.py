"""The events people are told about, and how an audited action becomes notices.

Each app's table (`notifications/tables/<app>.py`) maps `(kind, action)` of the engine's
audit entries to a `Rule`: the event, who is told directly, and the text's parameters.
Whoever follows an object the action touched (`FOLLOWED`) and is not told directly gets
"followed_changed". Texts are stored as parameters and rendered in the reader's language.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from workflows.registry import get_kind
from workflows.timeutil import format_local


@dataclass(frozen=True)
class Event:
    code: str
    label: Promise  # what the settings page calls it
    text: Promise  # one sentence with {named} parameters
    staff: bool = False
    dates: tuple[str, ...] = ()  # parameters that hold ISO moments, shown in city time
    # params["state"] is a state of the workflow kind params["kind"], shown by its label.
    states: bool = False


@dataclass(frozen=True)
class Rule:
    event: str
    to: Callable[[Any, Any], Iterable]  # (obj, audit entry) -> users told directly
    params: Callable[[Any, Any], dict] = field(default=lambda obj, entry: {})


EVENTS: dict[str, Event] = {
    e.code: e
    for e in [
        Event(
            "comment_answered",
            _("Odpowiedź na moją uwagę"),
            _("Zespół koordynujący odpowiedział na Twoją uwagę do „{title}”: {decision}."),
        ),
        Event(
            "proposal_verified",
            _("Mój projekt przeszedł ocenę formalną"),
            _("Projekt „{title}” przeszedł ocenę formalną i trafił do weryfikacji merytorycznej."),
        ),
        Event(
            "proposal_needs_correction",
            _("Mój projekt wymaga uzupełnienia"),
            _("Projekt „{title}” wymaga uzupełnienia do {due}. Powód: {reason}"),
            dates=("due",),
        ),
        Event(
            "proposal_rejected",
            _("Mój projekt został odrzucony"),
            _("Projekt „{title}” został odrzucony ({reason}). Odwołanie można złożyć do {due}."),
            dates=("due",),
        ),
        Event(
            "proposal_admitted",
            _("Mój projekt dopuszczono do głosowania"),
            _("Projekt „{title}” został dopuszczony do głosowania."),
        ),
        Event(
            "appeal_decided",
            _("Rozstrzygnięcie mojego odwołania"),
            _("Odwołanie w sprawie projektu „{title}” rozstrzygnięto: {outcome}. {reason}"),
        ),
        Event(
            "voting_opened",
            _("Głosowanie się rozpoczęło"),
            _("Rozpoczęło się głosowanie w edycji „{title}”."),
        ),
        Event(
            "voting_closed",
            _("Głosowanie się zakończyło"),
            _("Głosowanie w edycji „{title}” zostało zakończone."),
        ),
        Event(
            "results_published",
            _("Ogłoszono wyniki"),
            _("Ogłoszono wyniki edycji „{title}”."),
        ),
        Event(
            "followed_changed",
            _("Zmiana etapu obserwowanej sprawy"),
            _("„{title}”: nowy etap — {state}."),
            states=True,
        ),
        Event(
            "meeting_planned",
            _("Zaplanowano spotkanie"),
            _("Zaplanowano spotkanie „{title}” na {starts}."),
            dates=("starts",),
        ),
        Event(
            "meeting_soon",
            _("Spotkanie wkrótce się zacznie"),
            _("Spotkanie „{title}” zaczyna się o {starts}."),
            dates=("starts",),
        ),
        Event(
            "minutes_published",
            _("Opublikowano protokół"),
            _("Opublikowano protokół spotkania „{title}”."),
        ),
        Event(
            "deadline_at_risk",
            _("Harmonogram zagrożony"),
            _("Harmonogram programu „{title}” jest zagrożony: uchwała musi zapaść do {due}."),
            staff=True,
            dates=("due",),
        ),
        Event(
            "deadline_missed",
            _("Termin nie został dotrzymany"),
            _("Termin „{transition}” dla „{title}” ({due}) minął bez skutku: {outcome}"),
            staff=True,
            dates=("due",),
        ),
        Event(
            "grant_offer_due",
            _("Termin składania oferty w konkursie"),
            _("Oferta „{title}” jest wersją roboczą, a oferty przyjmuje się do {due}."),
            dates=("due",),
        ),
        Event(
            "grant_report_due",
            _("Termin sprawozdania z realizacji zadania"),
            _("Sprawozdanie końcowe z umowy nr {number} trzeba złożyć do {due}."),
            dates=("due",),
        ),
        Event(
            "grant_return_due",
            _("Termin zwrotu niewykorzystanej dotacji"),
            _("Niewykorzystaną część dotacji z umowy nr {number} zwraca się do {due}."),
            dates=("due",),
        ),
        Event(
            "grant_report_returned",
            _("Sprawozdanie z zadania zwrócone do poprawy"),
            _("Urząd zwrócił sprawozdanie z umowy nr {number} do poprawy: {reason}"),
        ),
        Event(
            "grant_report_accepted",
            _("Sprawozdanie z zadania przyjęte"),
            _("Urząd przyjął sprawozdanie z umowy nr {number}."),
        ),
        Event(
            "grant_change_decided",
            _("Decyzja o zmianie umowy dotacji"),
            _("Wniosek o zmianę umowy nr {number} został {outcome}. {reason}"),
        ),
        Event(
            "queue_waiting",
            _("Kolejka czeka za długo"),
            _("{count} projektów czeka na ocenę formalną dłużej niż {days} dni."),
            staff=True,
        ),
    ]
}


def render(event_code: str, params: dict) -> str:
    """The notice's sentence in the active language."""

    event = EVENTS.get(event_code)
    if event is None:
        return event_code
    values = {key: _shown(key, value, event, params) for key, value in params.items()}
    return str(event.text).format_map(_Blank(values))


def _shown(key: str, value, event: Event, params: dict):
    if key in event.dates and value:
        return format_local(datetime.fromisoformat(value))
    if key == "state" and event.states:
        return state_label(params.get("kind", ""), value)
    return value


def state_label(kind_name: str, state: str) -> str:
    kind = get_kind(kind_name)
    if kind is None:
        return state
    choices = dict(kind.model._meta.get_field(kind.state_field).choices or ())
    return str(choices.get(state, state))


class _Blank(dict):
    def __missing__(self, key):
        return "—"
