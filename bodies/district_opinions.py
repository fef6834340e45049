"""District councils' part in the civic budget: where the edition's rules give them the role,
the council of a district gives its opinion on each project of its district pool while the
projects are verified (the opinion goes to the verifiers and onto the project's page)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from budget.models import Edition, EditionState, Proposal
from budget.models.proposals import AWAITING_VERIFICATION

from .models import Body, BodyKind, OpinionRequest, OpinionState
from .selectors import opinion_targets


def _no_role() -> str:
    return _(
        "Zasady tej edycji budżetu obywatelskiego nie dają radom dzielnic opinii o projektach."
    )


def refusal(body: Body, target) -> str | None:
    """Why `body` may not be asked about `target` (None: it may). Only a district council's
    opinions on civic-budget projects have rules of their own."""

    if body.kind != BodyKind.DISTRICT_COUNCIL or not isinstance(target, Proposal):
        return None
    if not target.edition.district_council_opinions:
        return _no_role()
    if target.pool.district_id is None or target.pool.district_id != body.district_id:
        return _("Rada dzielnicy opiniuje tylko projekty z puli swojej dzielnicy.")
    if target.state not in AWAITING_VERIFICATION:
        return _("Rada dzielnicy opiniuje projekty w czasie ich weryfikacji.")
    return None


def edition_refusal(edition: Edition) -> str | None:
    if not edition.district_council_opinions:
        return _no_role()
    # Projects are checked as they come in (formally during submission already).
    if edition.state not in (EditionState.SUBMISSION, EditionState.VERIFICATION):
        return _("O opinie rad dzielnic prosi się, gdy projekty są zgłaszane i weryfikowane.")
    return None


def unasked(edition: Edition, councils: dict[int, Body]) -> list[Proposal]:
    """The edition's district projects under verification that their council was not asked
    about yet (a withdrawn request does not count)."""

    asked = opinion_targets(Proposal, bodies=councils.values())
    return list(
        Proposal.objects.filter(
            edition=edition,
            state__in=AWAITING_VERIFICATION,
            pool__district__in=list(councils),
        )
        .exclude(pk__in=asked)
        .select_related("pool", "edition")
        .order_by("pool__district__number", "pk")
    )


def councils_in_term(on) -> dict[int, Body]:
    """Each district's council in term, by district id."""

    councils = Body.objects.in_term(on).filter(kind=BodyKind.DISTRICT_COUNCIL)
    return {c.district_id: c for c in councils.exclude(district=None)}


def summary(edition: Edition) -> dict:
    """How many district projects of the edition their councils were asked about, and how
    many opinions are in (one query)."""

    return (
        OpinionRequest.objects.filter(
            content_type=ContentType.objects.get_for_model(Proposal),
            object_id__in=Proposal.objects.filter(edition=edition).values("pk"),
            body__kind=BodyKind.DISTRICT_COUNCIL,
        )
        .exclude(state=OpinionState.WITHDRAWN)
        .aggregate(
            asked=Count("pk"),
            adopted=Count("pk", filter=Q(state=OpinionState.ADOPTED)),
            not_given=Count("pk", filter=Q(state=OpinionState.NOT_GIVEN)),
        )
    )
