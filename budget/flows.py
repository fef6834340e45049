"""Conditions and permissions of the edition and proposal state machines.

Conditions return None when met and a reason for a person when not. Models are looked up
lazily: the models module imports this one to declare its transitions.
"""

from datetime import timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.accounts.roles import is_council_staff
from workflows.conditions import condition
from workflows.parsing import parse_id
from workflows.timeutil import end_of_day

from . import phases

AUTHOR_ONLY = _("Tę czynność może wykonać tylko autor lub współautor projektu.")
STAFF_ONLY = _("Tę decyzję podejmuje pracownik urzędu.")
UNIT_ONLY = _("Projekt weryfikuje tylko jednostka, do której go przydzielono.")
IMPLEMENTER_ONLY = _("Realizację prowadzi urząd lub jednostka realizująca projekt.")
LIST_BY_OPENING = _("Listę do głosowania publikuje otwarcie głosowania.")
TALLY_ONLY = _("Wynik ustala wyłącznie liczenie głosów.")
NOT_CORRECTED = _("Braki formalne nie zostały uzupełnione w terminie.")


def model(name: str):
    return apps.get_model("budget", name)


# --- permissions: (obj, user) -> bool; the SYSTEM actor passes all of them ---


def is_staff(obj, user) -> bool:
    return bool(is_council_staff(user))


def nobody(obj, user) -> bool:
    return False


def is_author(proposal, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if proposal.author_id == user.pk:
        return True
    return proposal.coauthors.filter(pk=user.pk).exists()


def is_unit_member(unit_id, user) -> bool:
    if unit_id is None or not getattr(user, "is_authenticated", False):
        return False
    return (
        model("CityUnit")
        .members.through.objects.filter(cityunit_id=unit_id, user_id=user.pk)
        .exists()
    )


def is_unit_verifier(proposal, user) -> bool:
    # Object-level: a verifier verifies only proposals assigned to their own unit.
    return is_unit_member(proposal.unit_id, user)


def is_implementer(proposal, user) -> bool:
    if is_council_staff(user):
        return True
    unit_id = (
        model("Implementation")
        .objects.filter(proposal=proposal)
        .values_list("unit_id", flat=True)
        .first()
    )
    return is_unit_member(unit_id, user)


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
    pending = edition.proposals.filter(state="appealed").count()
    if pending:
        return _("%(n)s odwołań czeka na rozstrzygnięcie.") % {"n": pending}
    return None


@condition
def votes_counted(edition):
    # The results app owns the count; looked up by name so the models need not import it.
    if not apps.get_model("results", "TallyRun").objects.filter(edition=edition).exists():
        return _("Głosy nie zostały jeszcze policzone (Wyniki → Policz głosy).")
    return None


# --- proposal conditions ---


@condition
def in_submission_phase(proposal):
    edition = proposal.edition
    if edition.state != "submission":
        return _("Nabór projektów w tej edycji nie trwa.")
    return phases.outside_reason(edition, "submission", _("Złożenie projektu"))


@condition
def in_appeals_phase(proposal):
    edition = proposal.edition
    if edition.state not in ("verification", "appeals"):
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


# --- payload helpers used by transition bodies (raise ValidationError → 400) ---


def unit_or_invalid(unit):
    unit_id = parse_id(unit)
    found = model("CityUnit").objects.filter(pk=unit_id).first() if unit_id else None
    if found is None:
        raise ValidationError(_("Wskaż istniejącą jednostkę weryfikującą (pole „unit”)."))
    return found


def merge_target_or_invalid(proposal, into):
    for request in proposal.merge_requests.all():
        if str(request.target_id) == str(into) and request.consented:
            return request.target
    raise ValidationError(_("Brak zgody obu autorów na połączenie z tym projektem."))


def correction_deadline(proposal):
    return end_of_day(timezone.localdate() + timedelta(days=proposal.edition.correction_days))
