"""An edition's phases for its pages, and whether a resident can submit or vote now —
the same window check (`phases.outside_reason`) the writes run."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflows.guidance import Action, Guide, in_future, mark

from .models.editions import PHASE_ORDER, EditionState, PhaseKind, PoolMode, VoteRule
from .phases import outside_reason, phase_of

# The phase that is current in each state (voting stays current until results are out).
CURRENT = {
    EditionState.SUBMISSION: PhaseKind.SUBMISSION,
    EditionState.VERIFICATION: PhaseKind.VERIFICATION,
    EditionState.APPEALS: PhaseKind.APPEALS,
    EditionState.VOTING: PhaseKind.VOTING,
    EditionState.VOTING_CLOSED: PhaseKind.RESULTS,
    EditionState.RESULTS_PUBLISHED: PhaseKind.RESULTS,
}


def _action(edition, state, kind, label, url) -> Action:
    phase = phase_of(edition, kind)
    reason = outside_reason(edition, kind, label)
    if reason is None and edition.state != state:
        reason = _("Edycja jest na etapie: %(state)s.") % {"state": edition.get_state_display()}
    if reason is None:
        return Action(label, url=url)
    opens = phase.opens_at if phase is not None and in_future(phase.opens_at) else None
    return Action(label, reason=reason, opens=opens)


def submit_action(edition) -> Action:
    url = reverse("budget:proposal-new", args=[edition.year])
    return _action(edition, EditionState.SUBMISSION, PhaseKind.SUBMISSION, _("Zgłoś projekt"), url)


def vote_action(edition) -> Action:
    url = reverse("budget:vote", args=[edition.year])
    return _action(edition, EditionState.VOTING, PhaseKind.VOTING, _("Głosuj"), url)


def how_to_vote(edition) -> str:
    if edition.vote_rule == VoteRule.APPROVAL:
        each = ngettext("na %(k)d projekt", "na %(k)d projektów", edition.max_choices) % {
            "k": edition.max_choices
        }
    elif edition.vote_rule == VoteRule.CUMULATIVE:
        each = _("rozdzielając %(p)d punktów") % {"p": edition.max_points}
    else:
        each = _("układając projekty w kolejności (punkty %(points)s)") % {
            "points": "-".join(str(p) for p in edition.ordinal_points)
        }
    if edition.pool_mode == PoolMode.ONE_DISTRICT:
        return _(
            "Możesz zagłosować %(each)s w puli ogólnomiejskiej i tak samo w jednej wybranej "
            "dzielnicy."
        ) % {"each": each}
    return _("Możesz zagłosować %(each)s w puli ogólnomiejskiej i w każdej dzielnicy.") % {
        "each": each
    }


SUMMARY = {
    EditionState.DRAFT: lambda e: _("Edycja jest w przygotowaniu; harmonogram jest poniżej."),
    EditionState.SUBMISSION: lambda e: _(
        "Każdy mieszkaniec może zgłosić projekt: opis, koszt i miejsce."
    ),
    EditionState.VERIFICATION: lambda e: _(
        "Urząd sprawdza zgłoszone projekty; ocenę każdego zobaczysz na jego stronie."
    ),
    EditionState.APPEALS: lambda e: _(
        "Autor projektu, który nie przeszedł weryfikacji, może się odwołać."
    ),
    EditionState.VOTING: how_to_vote,
    EditionState.VOTING_CLOSED: lambda e: _("Głosowanie zakończone; trwa liczenie głosów."),
    EditionState.RESULTS_PUBLISHED: lambda e: _(
        "Wyniki są ogłoszone; zwycięskie projekty są realizowane."
    ),
}


def edition_guide(edition) -> Guide:
    rows, by_kind = [], {p.kind: p for p in edition.phases.all()}
    for kind in PHASE_ORDER:
        phase = by_kind.get(kind)
        dates = (phase.opens_at, phase.closes_at) if phase else (None, None)
        rows.append((PhaseKind(kind).label, *dates))
    current_kind = CURRENT.get(edition.state)
    current = PHASE_ORDER.index(current_kind) if current_kind else -1
    actions = []
    if edition.state in (EditionState.DRAFT, EditionState.SUBMISSION):
        actions.append(submit_action(edition))
    if edition.state in (EditionState.VERIFICATION, EditionState.APPEALS, EditionState.VOTING):
        actions.append(vote_action(edition))
    if edition.state == EditionState.RESULTS_PUBLISHED:
        actions.append(
            Action(_("Zobacz wyniki"), url=reverse("results:edition", args=[edition.year]))
        )
    return Guide(
        phases=mark(rows, current), summary=SUMMARY[edition.state](edition), actions=actions
    )
