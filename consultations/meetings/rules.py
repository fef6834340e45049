"""Who may act in a meeting, in one place: django-rules predicates and one
`rules.add_perm("meetings.<action>_<model>", ...)` per action, and the guards the services and
websocket commands call and the API checks first (workflows.gates), each raising NotPermitted
with the sentence a person reads."""

import rules
from django.utils.translation import gettext_lazy as _

from bodies.models import Membership
from bodies.rules import is_body_officer
from workflows.accounts.roles import is_council_staff
from workflows.errors import NotPermitted
from workflows.gates import perm_guard
from workflows.permissions import has_perm

from ..models import SectorTeam
from .flows import MODERATOR_ONLY
from .selectors import is_participant, members_in_term, plannable_bodies, today


@rules.predicate
def is_meeting_moderator(user, meeting) -> bool:
    return meeting is not None and meeting.is_moderator(user)


@rules.predicate
def is_published(user, meeting) -> bool:
    from .models import MeetingState

    return meeting is not None and meeting.state == MeetingState.PUBLISHED


@rules.predicate
def takes_part(user, meeting) -> bool:
    return meeting is not None and is_participant(meeting, user)


@rules.predicate
def is_member_in_term(user, meeting) -> bool:
    return meeting is not None and members_in_term(meeting).filter(person=user.pk).exists()


@rules.predicate
def moderates_team(user, team) -> bool:
    return team is not None and team.is_moderator(user)


@rules.predicate
def plans_somewhere(user) -> bool:
    return user.is_authenticated and (
        SectorTeam.objects.filter(moderator=user.pk).exists() or plannable_bodies(user).exists()
    )


# Meetings are public (sector teams' are part of a public consultation, bodies' opinions are
# public documents); their minutes once published, the moderator's draft before.
rules.add_perm("meetings.view_meeting", rules.always_allow)
rules.add_perm("meetings.view_minutes", is_published | is_meeting_moderator)
# The meeting's moderator opens and closes it, runs the floor and votes, edits the minutes.
rules.add_perm("meetings.moderate_meeting", is_meeting_moderator)
rules.add_perm("meetings.attend_meeting", takes_part)
rules.add_perm("meetings.vote_meeting", is_member_in_term)
# Planning: the office anywhere, a team's moderator its team, a body's chair or secretary it.
rules.add_perm("meetings.add_meeting", is_council_staff | plans_somewhere)
rules.add_perm("meetings.add_team_meeting", is_council_staff | moderates_team)
rules.add_perm("meetings.add_body_meeting", is_council_staff | is_body_officer)

PLANNER_ONLY = _("Spotkanie planuje moderator zespołu albo pracownik urzędu.")
BODY_PLANNER_ONLY = _(
    "Posiedzenie organu zwołuje jego przewodniczący lub sekretarz albo pracownik urzędu."
)


def plans_meetings(user, obj=None) -> None:
    """Someone who may plan a meeting of some team or body; which one is the service's check."""

    if not has_perm(user, "meetings.add_meeting"):
        # A body's member is told who convenes the body's meetings.
        is_member = Membership.objects.in_term(today()).filter(person=user.pk).exists()
        raise NotPermitted(str(BODY_PLANNER_ONLY if is_member else PLANNER_ONLY))


moderates = perm_guard("meetings.moderate_meeting", MODERATOR_ONLY)
checks_in = perm_guard(
    "meetings.attend_meeting", _("Obecność odnotowuje się tylko uczestnikom spotkania.")
)
asks_for_floor = perm_guard(
    "meetings.attend_meeting", _("Tylko uczestnicy spotkania mogą zgłaszać się do głosu.")
)
writes_contribution = perm_guard(
    "meetings.attend_meeting", _("Głos pisemny mogą dodać tylko uczestnicy spotkania.")
)
# The speaker may finish early; who has the floor now is the service's check.
ends_floor = perm_guard("meetings.attend_meeting", _("Wypowiedź kończy moderator albo sam mówca."))


def votes(user, meeting) -> None:
    """A body's member whose term covers today; outside their term a member cannot vote."""

    if has_perm(user, "meetings.vote_meeting", meeting):
        return
    term = (
        Membership.objects.filter(body=meeting.body_id, person=user.pk)
        .order_by("-term_start")
        .first()
    )
    if term is None:
        raise NotPermitted(_("Głosują tylko członkowie organu."))
    if term.term_start > today():
        raise NotPermitted(
            _("Twoja kadencja w organie zaczyna się %(date)s; do tego dnia nie głosujesz.")
            % {"date": term.term_start.strftime("%d.%m.%Y")}
        )
    raise NotPermitted(
        _("Twoja kadencja w organie skończyła się %(date)s; nie możesz głosować.")
        % {"date": term.term_end.strftime("%d.%m.%Y")}
    )
