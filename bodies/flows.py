"""Who may take the opinion transitions and when; the adoption's checks.

Imported by the models (no model imports at module level).
"""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.conditions import condition
from workflows.errors import InvalidInput
from workflows.parsing import require_id
from workflows.timeutil import city_tz, format_local

from .voting import Count, refusal

MAX_TEXT = 20_000


def is_officer(body, user) -> bool:
    """The chair or the secretary of `body`, in term today."""

    if not user or not user.is_authenticated:
        return False
    membership = apps.get_model("bodies", "Membership")
    today = timezone.localdate(timezone=city_tz())
    return (
        membership.objects.in_term(today)
        .filter(body=body, person=user, role__in=["chair", "secretary"])
        .exists()
    )


@condition
def closes_in_future(consultation):
    if consultation.closes_at <= timezone.now():
        return _("Termin zbierania uwag już minął: ustaw późniejszy.")
    return None


@condition
def window_over(consultation):
    if timezone.now() < consultation.closes_at:
        return _("Uwagi można zgłaszać do %(moment)s.") % {
            "moment": format_local(consultation.closes_at)
        }
    return None


@condition
def due_passed(request):
    today = timezone.localdate(timezone=city_tz())
    if today <= request.due_on:
        return _("Rada ma czas na opinię do %(date)s włącznie.") % {
            "date": request.due_on.strftime("%d.%m.%Y")
        }
    return None


def _invalid(message, field: str):
    raise InvalidInput(str(message), field=field)


def _choice(value, choices, field: str) -> str:
    value = str(value or "").strip()
    if value not in dict(choices):
        allowed = ", ".join(str(label) for _, label in choices)
        _invalid(
            _("Pole „%(field)s”: wybierz jedno z: %(allowed)s.")
            % {"field": field, "allowed": allowed},
            field,
        )
    return value


def _votes(votes: dict, present: set[int], by_person: dict) -> dict[int, str]:
    parsed: dict[int, str] = {}
    for person, vote in votes.items():
        person_id = require_id(person, "votes")  # a JSON object's keys are text
        if person_id not in by_person:
            _invalid(
                _("Osoba %(id)s nie jest członkiem w kadencji w dniu głosowania.")
                % {"id": person_id},
                "votes",
            )
        if person_id not in present:
            _invalid(_("Głosować mogą tylko obecni członkowie."), "votes")
        parsed[person_id] = vote
    return parsed


def apply_adoption(request, text, stance, procedure, adopted_on, present, votes) -> None:
    """Check the adoption against the body's members and rules and store its count; the
    input is typed (bodies.inputs.AdoptionInput); the votes are written by the effect."""

    from .models import Membership, Method

    body = request.body
    if adopted_on > timezone.localdate(timezone=city_tz()):
        _invalid(_("Data podjęcia opinii nie może być w przyszłości."), "adopted_on")
    members = {m.person_id: m for m in Membership.objects.in_term(adopted_on).filter(body=body)}
    attending = set(present)
    outsiders = sorted(attending - set(members))
    if outsiders:
        _invalid(
            _("Nie są członkami w kadencji w dniu głosowania: %(ids)s.")
            % {"ids": ", ".join(map(str, outsiders))},
            "present",
        )
    cast = _votes(votes, attending, members)
    if procedure == Method.CIRCULATION:
        # By circulation, the members who answered are those taking part.
        attending = set(cast)
    tally = Count(
        members=len(members),
        present=len(attending),
        votes_for=sum(v == "for" for v in cast.values()),
        votes_against=sum(v == "against" for v in cast.values()),
        votes_abstained=sum(v == "abstain" for v in cast.values()),
    )
    reason = refusal(tally, quorum_percent=body.quorum_percent, majority=body.majority)
    if reason:
        _invalid(reason, "votes")
    request.text, request.stance, request.procedure = text, stance, procedure
    request.adopted_on = adopted_on
    request.late = adopted_on > request.due_on
    request.members_count, request.present_count = tally.members, tally.present
    request.votes_for, request.votes_against = tally.votes_for, tally.votes_against
    request.votes_abstained = tally.votes_abstained


def apply_wording(request, wording, section) -> None:
    request.proposed_wording, request.proposed_section = clean_wording(request, wording, section)


def clean_wording(request, wording, section) -> tuple[str, str]:
    """The wording an opinion proposes for its chapter: only an opinion on a chapter changes a
    text, so on any other object the field is refused rather than silently dropped."""

    from consultations.meetings.sections import Section

    if not isinstance(wording, str) or not isinstance(section, str):
        _invalid(_("Proponowany zapis i część rozdziału muszą być tekstem."), "wording")
    wording, section = wording.strip(), section.strip()
    if not wording:
        if section:
            _invalid(_("Część rozdziału podaje się razem z proponowanym zapisem."), "section")
        return "", ""
    if (request.content_type.app_label, request.content_type.model) != (
        "consultations",
        "chapter",
    ):
        _invalid(_("Proponowany zapis można dołączyć tylko do opinii o rozdziale."), "wording")
    if len(wording) > MAX_TEXT:
        _invalid(
            _("Proponowany zapis może mieć najwyżej %(n)d znaków.") % {"n": MAX_TEXT}, "wording"
        )
    if section:
        section = _choice(section, Section.choices, "section")
    return wording, section
