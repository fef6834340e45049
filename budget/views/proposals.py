"""Proposal pages: list with filters, detail with its history, the submission wizard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows import payload
from workflows.describe import describe
from workflows.errors import NotPermitted, WorkflowError
from workflows.permissions import has_perm
from workflows.registry import get_kind
from workflows.services import advance
from workflows.transitions import ensure_may_take

from .. import maps, rules, selectors
from ..forms import (
    WIZARD,
    AssessmentForm,
    ImplementerForm,
    NoteForm,
    PhotoForm,
    ProgressForm,
    ProposalFilter,
    UnitForm,
)
from ..guidance import submit_action
from ..models import Proposal, ProposalState
from ..models.proposals import FINISHED_STATES, IMPLEMENTATION_STATES
from ..services import implementation as implementation_services
from ..services import proposals as services
from ..setup_forms import money_text
from .common import edition_or_404, refused

PER_PAGE = 50
MAP_VIEW = "mapa"  # ?widok=mapa: the filtered proposals on a map instead of the cards


def proposal_list(request, year: int):
    edition = edition_or_404(request, year)
    pools = list(edition.pools.all())
    form = ProposalFilter(request.GET or None, pools=pools)
    qs = selectors.proposals(user=request.user).filter(edition=edition)
    if form.is_valid():
        qs = selectors.filter_proposals(qs, **form.cleaned_data)
    query = request.GET.copy()
    query.pop("strona", None)
    on_map = query.pop("widok", None) == [MAP_VIEW]
    context = {"edition": edition, "form": form, "query": query.urlencode(), "on_map": on_map}
    if on_map:
        # Every filtered proposal with a point, not one page of them: one query.
        context["map_points"] = maps.markers(selectors.proposal_points(qs))
    else:
        context["page"] = Paginator(qs.order_by("title", "id"), PER_PAGE).get_page(
            request.GET.get("strona")
        )
    return render(request, "budget/proposal_list.html", context)


def _visible(request, pk) -> Proposal:
    proposal = selectors.proposal_detail(pk, request.user)
    if proposal is None:
        raise Http404(_("Nie ma takiego projektu."))
    return proposal


def proposal_detail(request, pk: int):
    return detail_page(request, _visible(request, pk))


def detail_page(request, proposal: Proposal, *, status: int = 200, **forms):
    """The proposal's page; `forms` replace the blank ones (a form sent back with its errors)."""

    kind = get_kind("proposal")
    info = payload.with_fields(kind, describe(kind, proposal, request.user, with_history=False))
    context = {
        "proposal": proposal,
        "info": info,
        "timeline": selectors.proposal_timeline(proposal),
        "map_points": maps.markers(
            [(proposal.pk, proposal.title, proposal.latitude, proposal.longitude)]
        ),
        "is_author": has_perm(request.user, "budget.change_proposal", proposal),
        "unit_form": UnitForm(),
    }
    if proposal.state in IMPLEMENTATION_STATES:
        current = selectors.implementation_of(proposal)
        context["implementation"] = current
        if has_perm(request.user, "budget.assign_implementer", proposal):
            context["implementer_form"] = ImplementerForm(
                initial={"unit": current.unit_id if current else None}
            )
        if (
            current
            and proposal.state not in FINISHED_STATES
            and has_perm(request.user, "budget.implement_proposal", proposal)
        ):
            context["progress_form"] = ProgressForm(
                initial={
                    "actual_cost": money_text(current.actual_cost),
                    "planned_completion": current.planned_completion,
                }
            )
            context["note_form"] = NoteForm()
            context["photo_form"] = PhotoForm()
    if proposal.state == ProposalState.FORMALLY_PASSED and has_perm(
        request.user, "budget.verify_proposal", proposal
    ):
        context["assessment_form"] = AssessmentForm(
            initial={"verified_cost": proposal.verified_cost or proposal.estimated_cost}
        )
    context.update(forms)
    return render(request, "budget/proposal_detail.html", context, status=status)


@login_required
@require_POST
def proposal_decide(request, pk: int, name: str):
    proposal = _visible(request, pk)
    try:
        # Before the form is read: whoever may never take it is refused, whatever they sent.
        ensure_may_take(proposal, name, request.user)
        reason = request.POST.get("reason", "")[:4000]
        advance(proposal, name, by=request.user, reason=reason, **payload.from_post(request.POST))
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Zapisano decyzję."))
    return redirect("budget:proposal", pk=pk)


@login_required
@require_POST
def proposal_implementer(request, pk: int):
    try:
        rules.assigns_implementers(request.user)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    proposal = _visible(request, pk)
    form = ImplementerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Wskaż jednostkę realizującą."))
        return redirect("budget:proposal", pk=pk)
    try:
        implementation_services.implementation_assign(
            proposal=proposal, by=request.user, unit_id=form.cleaned_data["unit"].pk
        )
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(
            request, _("Jednostka realizująca: %(u)s.") % {"u": form.cleaned_data["unit"]}
        )
    return redirect("budget:proposal", pk=pk)


@login_required
@require_POST
def proposal_assess(request, pk: int):
    proposal = _visible(request, pk)
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Popraw formularz oceny: %(e)s")
            % {"e": "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())},
        )
        return redirect("budget:proposal", pk=pk)
    try:
        services.proposal_record_assessment(proposal=proposal, by=request.user, **form.cleaned_data)
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Zapisano ocenę merytoryczną."))
    return redirect("budget:proposal", pk=pk)


@login_required
@require_POST
def proposal_support(request, pk: int):
    proposal = Proposal.objects.select_related("edition").filter(pk=pk).first()
    if proposal is None:
        raise Http404(_("Nie ma takiego projektu."))
    try:
        services.proposal_support(proposal=proposal, by=request.user)
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Dziękujemy za poparcie projektu."))
    return redirect("budget:proposal", pk=pk)


def _steps(current: str):
    return [
        {"slug": slug, "label": label, "current": slug == current} for slug, label, _form in WIZARD
    ]


@login_required
def proposal_new(request, year: int):
    """Step 1 creates the draft; later steps edit it. Every step is saved."""

    edition = edition_or_404(request, year)
    submit = submit_action(edition)
    form_class = WIZARD[0][2]
    form = form_class(request.POST or None, edition=edition)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "pool": form.cleaned_data["pool"].pk}
        try:
            proposal = services.proposal_create(edition=edition, author=request.user, data=data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            messages.success(request, _("Zapisano szkic."))
            return redirect("budget:proposal-edit", pk=proposal.pk, step=WIZARD[1][0])
    return render(
        request,
        "budget/proposal_form.html",
        {
            "edition": edition,
            "form": form,
            "steps": _steps(WIZARD[0][0]),
            "proposal": None,
            # Outside the submission window: the reason and the date instead of the form.
            "blocked": None if submit.available else submit,
        },
        status=status,
    )


@login_required
def proposal_edit(request, pk: int, step: str):
    proposal = _visible(request, pk)
    if not has_perm(request.user, "budget.change_proposal", proposal):
        raise Http404(_("Nie ma takiego projektu."))
    slugs = [slug for slug, _label, _form in WIZARD]
    if step not in slugs:
        raise Http404(_("Nie ma takiego kroku."))
    index = slugs.index(step)
    form_class = WIZARD[index][2]
    extra = {"edition": proposal.edition} if index == 0 else {}
    initial = {name: getattr(proposal, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial, **extra)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if "pool" in data:
            data["pool"] = data["pool"].pk
        try:
            services.proposal_update(proposal=proposal, by=request.user, data=data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
            status = exc.status
        else:
            messages.success(request, _("Zapisano szkic."))
            if index + 1 < len(WIZARD):
                return redirect("budget:proposal-edit", pk=pk, step=slugs[index + 1])
            return redirect("budget:proposal", pk=pk)
    return render(
        request,
        "budget/proposal_form.html",
        {
            "edition": proposal.edition,
            "form": form,
            "steps": _steps(step),
            "proposal": proposal,
            "pick_point": "latitude" in form.fields,
        },
        status=status,
    )
