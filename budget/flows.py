"""Conditions and permissions of the edition and proposal state machines.

Conditions return None when met and a reason for a person when not. Models are looked up
lazily: the models module imports this one to declare its transitions.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.conditions import condition
from workflows.errors import Conflict
from workflows.timeutil import end_of_day, format_local

from . import phases

AUTHOR_ONLY = _("Tę czynność może wykonać tylko autor lub współautor projektu.")
STAFF_ONLY = _("Tę decyzję podejmuje pracownik urzędu.")
UNIT_ONLY = _("Projekt weryfikuje tylko jednostka, do której go przydzielono.")
IMPLEMENTER_ONLY = _("Realizację prowadzi urząd lub jednostka realizująca projekt.")
LIST_BY_OPENING = _("Listę do głosowania publikuje otwarcie głosowania.")
TALLY_ONLY = _("Wynik ustala wyłącznie liczenie głosów.")
NOT_CORRECTED = _("Braki formalne nie zostały uzupełnione w terminie.")
QUEUE_VERIFIERS_ONLY = _("Kolejkę weryfikacji widzą pracownicy urzędu i jednostki weryfikujące.")
APPEALS_STAFF_ONLY = _("Odwołania rozpatruje pracownik urzędu.")


def model(name: str):
    return apps.get_model("budget", name)


# Who acted, in the terms a public page uses (never a person's name but the author's): the
# role that a transition's permission (budget/rules.py), or an audited action's, stands for;
# every other permission is the office's.
ROLE_LABELS = {
    "budget.change_proposal": _("autor projektu"),
    "budget.appeal_proposal": _("autor projektu"),
    "budget.check_proposal": _("urząd miasta"),
    "budget.verify_proposal": _("jednostka weryfikująca"),
    "budget.implement_proposal": _("jednostka realizująca"),
    "budget.tally_proposal": _("automatycznie"),
}
ACTION_PERMISSIONS = {
    "assessment": "budget.verify_proposal",
    "merge_consent": "budget.change_proposal",
    "implementation_unit": "budget.assign_implementer",
}
AUTHOR = ROLE_LABELS["budget.change_proposal"]
OFFICE = ROLE_LABELS["budget.check_proposal"]
AUTOMATIC = ROLE_LABELS["budget.tally_proposal"]


# --- edition conditions ---


@condition
def edition_has_schedule(edition):
    kinds = {phase.kind for phase in edition.phases.all()}
    missing = [
        label
        for value, label in model("Phase")._meta.get_field("kind").choices
        if value not in kinds
    ]
    if missing:
        return _("Brakuje etapów harmonogramu: %(m)s.") % {"m": ", ".join(map(str, missing))}
    return None


@condition
def edition_has_pools(edition):
    if not edition.pools.filter(district__isnull=True).exists():
        return _("Edycja nie ma puli ogólnomiejskiej.")
    return None


@condition
def no_proposal_awaits_verification(edition):
    from .models.proposals import AWAITING_VERIFICATION

    waiting = edition.proposals.filter(state__in=AWAITING_VERIFICATION).count()
    if waiting:
        return _("%(n)s projektów czeka jeszcze na weryfikację.") % {"n": waiting}
    return None


@condition
def no_appeal_pending(edition):
    from .models import ProposalState

    pending = edition.proposals.filter(state=ProposalState.APPEALED).count()
    if pending:
        return _("%(n)s odwołań czeka na rozstrzygnięcie.") % {"n": pending}
    return None


@condition
def votes_counted(edition):
    # The results app owns the count; looked up by name so the models need not import it.
    if not apps.get_model("results", "TallyRun").objects.filter(edition=edition).exists():
        return _("Głosy nie zostały jeszcze policzone (Wyniki → Policz głosy).")
    return None


def protests_end(edition, published_at):
    """The end of the last day of protests against results published at `published_at`."""

    return end_of_day(timezone.localdate(published_at) + timedelta(days=edition.protest_days))


def protest_period_ends(edition):
    """None while the results are not published."""

    published = (
        apps.get_model("workflows", "AuditEntry")
        .objects.filter(kind="edition", object_id=str(edition.pk), action="publish_results")
        .order_by("-id")
        .values_list("at", flat=True)
        .first()
    )
    return None if published is None else protests_end(edition, published)


@condition
def protest_period_over(edition):
    ends = protest_period_ends(edition)
    if ends is None:
        return _("Wyniki nie zostały jeszcze ogłoszone.")
    if timezone.now() <= ends:
        # Voter keys answer protests (who voted twice, whose ballot was refused).
        return _("Protesty można składać do %(d)s: do tego czasu powiązanie zostaje.") % {
            "d": format_local(ends)
        }
    return None


@condition
def voter_links_kept(edition):
    if not edition.voter_salt:
        return _("Powiązanie głosów z głosującymi zostało już usunięte.")
    return None


@condition
def methods_linkable(edition):
    return methods_unlinkable(edition)


def methods_unlinkable(edition):
    """Why the edition may not accept both PESEL numbers and codes, or None: a code not
    issued to a person (CodeBatch by count) cannot be matched with a PESEL, so that
    resident could vote twice."""

    if not {"pesel", "code"} <= set(edition.identification or []):
        return None
    unbound = apps.get_model("budget", "VotingCode").objects.filter(
        edition=edition, person_key__isnull=True
    )
    if unbound.exists():
        return _(
            "Edycja ma kody niewydane imiennie, których nie da się powiązać z numerem PESEL: "
            "może przyjmować albo PESEL, albo kody."
        )
    return None


# --- proposal conditions ---


@condition
def in_submission_phase(proposal):
    from .models import EditionState

    edition = proposal.edition
    if edition.state != EditionState.SUBMISSION:
        return _("Nabór projektów w tej edycji nie trwa.")
    return phases.outside_reason(edition, "submission", _("Złożenie projektu"))


@condition
def in_appeals_phase(proposal):
    from .models import EditionState

    edition = proposal.edition
    if edition.state not in (EditionState.VERIFICATION, EditionState.APPEALS):
        return _("W tej edycji nie przyjmuje się już odwołań.")
    return phases.outside_reason(edition, "appeals", _("Odwołanie"))


@condition
def has_content(proposal):
    if not proposal.title.strip() or not proposal.description.strip():
        return _("Projekt potrzebuje tytułu i opisu.")
    return None


def _cost_reason(cost, pool):
    if cost is None or cost <= 0:
        return _("Podaj szacowany koszt projektu.")
    if cost > pool.max_project_cost:
        return _("Koszt %(cost)s zł przekracza najwyższy koszt projektu w puli (%(max)s zł).") % {
            "cost": cost,
            "max": pool.max_project_cost,
        }
    return None


@condition
def cost_within_pool_maximum(proposal):
    return _cost_reason(proposal.estimated_cost, proposal.pool)


@condition
def verified_cost_within_pool_maximum(proposal):
    return _cost_reason(proposal.verified_cost, proposal.pool)


@condition
def has_required_support(proposal):
    needed = proposal.pool.support_minimum
    have = proposal.signatures.count()
    if have < needed:
        return _("Zebrano %(have)s z %(need)s wymaganych podpisów poparcia.") % {
            "have": have,
            "need": needed,
        }
    return None


@condition
def before_correction_due(proposal):
    if proposal.correction_due and timezone.now() >= proposal.correction_due:
        return NOT_CORRECTED
    return None


@condition
def correction_due_passed(proposal):
    if proposal.correction_due and timezone.now() < proposal.correction_due:
        return _("Termin na uzupełnienie jeszcze trwa.")
    return None


@condition
def has_assessment(proposal):
    if proposal.verified_cost is None:
        return _("Najpierw zapisz ocenę merytoryczną i koszt po weryfikacji.")
    return None


@condition
def merge_consented(proposal):
    if not any(r.consented for r in proposal.merge_requests.all()):
        return _("Połączenie wymaga zgody obu autorów.")
    return None


def correction_deadline(proposal):
    return end_of_day(timezone.localdate() + timedelta(days=proposal.edition.correction_days))


@dataclass(frozen=True)
class AmendmentInput:
    proposal: object  # budget.Proposal
    change: str  # results.AmendmentChange
    resolution_number: str
    resolution_date: date
    reason: str  # public: the engine refuses the transition without one


def amendment_or_invalid(edition, *, proposal, change, resolution_number, resolution_date, reason):
    """The typed input of `amend_results` (budget.inputs.ResultsAmendmentInput) as the effect
    reads it; 409 when the project is not in the outcome the change reverses."""

    from .models import ProposalState

    needed = ProposalState.SELECTED if change == "withdraw" else ProposalState.NOT_SELECTED
    if proposal.state != needed:
        raise Conflict(
            str(
                _("Wycofać można tylko projekt wybrany, którego realizacja się nie rozpoczęła.")
                if change == "withdraw"
                else _("Dodać można tylko projekt, który w głosowaniu nie został wybrany.")
            ),
            state=proposal.state,
        )
    return AmendmentInput(proposal, change, resolution_number, resolution_date, reason.strip())
