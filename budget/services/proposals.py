"""What authors, residents and verifiers do with proposals (states change only via advance)."""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows.accounts.models import User
from workflows.errors import Conflict, InvalidInput, NotPermitted
from workflows.parsing import parse_id
from workflows.services import advance, record

from .. import maps, phases, rules
from ..models import (
    Category,
    Edition,
    EditionState,
    LandOwnership,
    MergeRequest,
    Pool,
    Proposal,
    ProposalState,
    SupportSignature,
    Verification,
)

EDITABLE_FIELDS = (
    "title",
    "description",
    "location",
    "latitude",
    "longitude",
    "category",
    "estimated_cost",
    "pool",
)
EDITABLE_STATES = (ProposalState.DRAFT, ProposalState.NEEDS_CORRECTION)


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("Podaj kwotę w złotych, np. 120000.00."), field=field) from None
    if amount < 0 or amount >= Decimal("1e10"):
        raise InvalidInput(_("Kwota spoza dopuszczalnego zakresu."), field=field)
    return amount


def _apply(proposal: Proposal, data: dict) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("Nieoczekiwane pola: %(f)s.") % {"f": ", ".join(sorted(unknown))},
            field=sorted(unknown)[0],
        )
    for name in ("title", "description", "location"):
        if name in data:
            setattr(proposal, name, str(data[name] or "").strip())
    if len(proposal.title) > 200:
        raise InvalidInput(_("Tytuł może mieć najwyżej 200 znaków."), field="title")
    if len(proposal.location) > 300:
        raise InvalidInput(_("Lokalizacja może mieć najwyżej 300 znaków."), field="location")
    if "latitude" in data or "longitude" in data:
        # Either coordinate alone keeps the other as it was: both are checked together.
        point = maps.parse_point(
            data.get("latitude", proposal.latitude), data.get("longitude", proposal.longitude)
        )
        proposal.latitude, proposal.longitude = point or (None, None)
    if "category" in data:
        if data["category"] not in Category.values:
            raise InvalidInput(_("Wybierz kategorię z listy."), field="category")
        proposal.category = data["category"]
    if "pool" in data:
        pool_id = parse_id(data["pool"])
        pool = (
            Pool.objects.filter(pk=pool_id, edition_id=proposal.edition_id).first()
            if pool_id
            else None
        )
        if pool is None:
            raise InvalidInput(_("Wybierz pulę tej edycji."), field="pool")
        proposal.pool = pool
    if "estimated_cost" in data:
        proposal.estimated_cost = _money(data["estimated_cost"], "estimated_cost")
        if proposal.estimated_cost > proposal.pool.max_project_cost:
            raise InvalidInput(
                _("Koszt przekracza najwyższy koszt projektu w puli (%(max)s zł).")
                % {"max": proposal.pool.max_project_cost},
                field="estimated_cost",
            )


@transaction.atomic
def proposal_create(*, edition: Edition, author, data: dict) -> Proposal:
    """A saved draft: the multi-step form stores each step here."""

    if not author.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby zgłosić projekt."))
    if edition.state != EditionState.SUBMISSION:
        raise Conflict(_("Nabór projektów w tej edycji nie trwa."))
    phases.ensure_open(edition, "submission", _("Zgłoszenie projektu"))
    if not str(data.get("title", "")).strip():
        raise InvalidInput(_("Podaj tytuł projektu."), field="title")
    if "pool" not in data:
        raise InvalidInput(_("Wybierz pulę (ogólnomiejska lub dzielnica)."), field="pool")
    proposal = Proposal(edition=edition, author=author)
    _apply(proposal, data)
    proposal.save()
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, by, data: dict) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("edition", "pool")
        .get(pk=proposal.pk)
    )
    rules.changes_proposal(by, proposal)
    if proposal.state not in EDITABLE_STATES:
        raise Conflict(
            _("Projekt można poprawiać tylko jako szkic lub po wezwaniu do uzupełnienia.")
        )
    if proposal.state == ProposalState.DRAFT:
        phases.ensure_open(proposal.edition, "submission", _("Edycja projektu"))
    _apply(proposal, data)
    proposal.save()
    return proposal


@transaction.atomic
def proposal_add_coauthor(*, proposal: Proposal, by, username: str) -> User:
    if proposal.author_id != getattr(by, "pk", None):
        raise NotPermitted(_("Współautorów dodaje autor projektu."))
    if proposal.state not in EDITABLE_STATES:
        raise Conflict(_("Współautorów dodaje się przed złożeniem projektu."))
    user = User.objects.filter(username=username).first()
    if user is None or user.pk == proposal.author_id:
        raise InvalidInput(_("Nie ma takiego użytkownika."), field="username")
    proposal.coauthors.add(user)
    return user


@transaction.atomic
def proposal_support(*, proposal: Proposal, by) -> SupportSignature:
    if not by.is_authenticated:
        raise NotPermitted(_("Zaloguj się, aby poprzeć projekt."))
    if proposal.state != ProposalState.DRAFT:
        raise Conflict(_("Podpisy poparcia zbiera się przed złożeniem projektu."))
    phases.ensure_open(proposal.edition, "submission", _("Poparcie projektu"))
    try:
        with transaction.atomic():
            return SupportSignature.objects.create(proposal=proposal, user=by)
    except IntegrityError:
        raise Conflict(_("Ten projekt ma już Twój podpis poparcia.")) from None


def proposal_request_correction(*, proposal: Proposal, by, reason: str) -> Proposal:
    """An alias of the transition; its deadline is the kind's effect (budget/effects.py)."""

    return advance(proposal, "request_correction", by=by, reason=reason)


def _flag(value, field: str) -> bool:
    if value in (True, "true", "on", "1", 1):
        return True
    if value in (False, "false", "0", 0, "", None):
        return False
    raise InvalidInput(_("Oczekiwano tak/nie."), field=field)


@transaction.atomic
def proposal_record_assessment(
    *,
    proposal: Proposal,
    by,
    verified_cost,
    feasible,
    legal,
    land_ownership: str,
    maintenance_cost=0,
    cost_change_reason: str = "",
    notes: str = "",
) -> Verification:
    """Merit and cost assessment by the assigned unit; a changed cost needs a reason."""

    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("pool").get(pk=proposal.pk)
    )
    rules.assesses(by, proposal)
    if proposal.state != ProposalState.FORMALLY_PASSED:
        raise Conflict(_("Ocenę merytoryczną zapisuje się po pozytywnej ocenie formalnej."))
    cost = _money(verified_cost, "verified_cost")
    if cost != proposal.estimated_cost and not str(cost_change_reason or "").strip():
        raise InvalidInput(_("Zmiana kosztu wymaga uzasadnienia."), field="cost_change_reason")
    if land_ownership not in LandOwnership.values:
        raise InvalidInput(_("Wskaż własność terenu."), field="land_ownership")
    verification = Verification.objects.create(
        proposal=proposal,
        unit_id=proposal.unit_id,
        by=by,
        verified_cost=cost,
        cost_change_reason=str(cost_change_reason or "").strip(),
        feasible=_flag(feasible, "feasible"),
        legal=_flag(legal, "legal"),
        land_ownership=land_ownership,
        maintenance_cost=_money(maintenance_cost or 0, "maintenance_cost"),
        notes=str(notes or "").strip(),
    )
    proposal.verified_cost = cost
    proposal.save(update_fields=["verified_cost"])
    record(
        proposal,
        "assessment",
        by=by,
        reason=verification.cost_change_reason,
        payload={
            "verified_cost": cost,
            "estimated_cost": proposal.estimated_cost,
            "feasible": verification.feasible,
            "legal": verification.legal,
            "land_ownership": land_ownership,
        },
    )
    return verification


@transaction.atomic
def merge_request(*, source: Proposal, target: Proposal, by) -> MergeRequest:
    rules.proposes_merges(by)
    if source.pk == target.pk or source.edition_id != target.edition_id:
        raise InvalidInput(_("Wskaż inny projekt tej samej edycji."), field="target")
    if source.pool_id != target.pool_id:
        raise InvalidInput(_("Łączyć można projekty z tej samej puli."), field="target")
    request, _created = MergeRequest.objects.get_or_create(
        source=source, target=target, defaults={"requested_by": by}
    )
    return request


@transaction.atomic
def merge_consent(*, request: MergeRequest, by) -> MergeRequest:
    """Each author's consent is recorded (and audited); both are needed to merge."""

    request = (
        MergeRequest.objects.select_for_update(of=("self",))
        .select_related("source", "target")
        .get(pk=request.pk)
    )
    side = None
    if request.source.author_id == by.pk:
        side, request.source_consent_at = "source", timezone.now()
    elif request.target.author_id == by.pk:
        side, request.target_consent_at = "target", timezone.now()
    if side is None:
        raise NotPermitted(_("Zgodę na połączenie wyrażają autorzy obu projektów."))
    request.save()
    record(
        request.source, "merge_consent", by=by, payload={"target": request.target_id, "side": side}
    )
    return request
