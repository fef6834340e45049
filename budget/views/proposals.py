"""Proposal pages: list with filters, detail with its history, the submission wizard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.describe import describe
from workflows.errors import WorkflowError
from workflows.registry import get_kind
from workflows.selectors import labelled_history
from workflows.services import advance

from .. import flows, selectors
from ..forms import WIZARD, AssessmentForm, ProposalFilter, UnitForm
from ..models import Proposal
from ..services import proposals as services
from .common import edition_or_404, refused

PER_PAGE = 50
# Transitions a page may take with a payload field, and which one.
PAYLOAD = {"pass_formal_check": "unit"}


def proposal_list(request, year: int):
    edition = edition_or_404(request, year)
    pools = list(edition.pools.all())
    form = ProposalFilter(request.GET or None, pools=pools)
    qs = selectors.proposals(user=request.user).filter(edition=edition)
    if form.is_valid():
        qs = selectors.filter_proposals(qs, **form.cleaned_data)
    page = Paginator(qs.order_by("title", "id"), PER_PAGE).get_page(request.GET.get("strona"))
    query = request.GET.copy()
    query.pop("strona", None)
    return render(
        request,
        "budget/proposal_list.html",
        {
            "edition": edition,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


def _visible(request, pk) -> Proposal:
    proposal = selectors.proposal_detail(pk, request.user)
    if proposal is None:
        raise Http404(_("Nie ma takiego projektu."))
    return proposal


def proposal_detail(request, pk: int):
    proposal = _visible(request, pk)
    info = describe(get_kind("proposal"), proposal, request.user, with_history=False)
    context = {
        "proposal": proposal,
        "info": info,
        "history": labelled_history(proposal),
        "is_author": flows.is_author(proposal, request.user),
        "unit_form": UnitForm(),
        "payload": PAYLOAD,
    }
    if proposal.state == "formally_passed" and flows.is_unit_verifier(proposal, request.user):
        context["assessment_form"] = AssessmentForm(
            initial={"verified_cost": proposal.verified_cost or proposal.estimated_cost}
        )
    return render(request, "budget/proposal_detail.html", context)


@login_required
@require_POST
def proposal_decide(request, pk: int, name: str):
    proposal = _visible(request, pk)
    reason = request.POST.get("reason", "")[:4000]
    try:
        if name == "request_correction":
            services.proposal_request_correction(proposal=proposal, by=request.user, reason=reason)
        else:
            payload = {}
            if name in PAYLOAD:
                payload[PAYLOAD[name]] = request.POST.get(PAYLOAD[name], "")
            advance(proposal, name, by=request.user, reason=reason, **payload)
    except WorkflowError as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Zapisano decyzję."))
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
    form_class = WIZARD[0][2]
    form = form_class(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "pool": form.cleaned_data["pool"].pk}
        try:
            proposal = services.proposal_create(edition=edition, author=request.user, data=data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Zapisano szkic."))
            return redirect("budget:proposal-edit", pk=proposal.pk, step=WIZARD[1][0])
    return render(
        request,
        "budget/proposal_form.html",
        {"edition": edition, "form": form, "steps": _steps(WIZARD[0][0]), "proposal": None},
    )


@login_required
def proposal_edit(request, pk: int, step: str):
    proposal = _visible(request, pk)
    if not flows.is_author(proposal, request.user):
        raise Http404(_("Nie ma takiego projektu."))
    slugs = [slug for slug, _label, _form in WIZARD]
    if step not in slugs:
        raise Http404(_("Nie ma takiego kroku."))
    index = slugs.index(step)
    form_class = WIZARD[index][2]
    extra = {"edition": proposal.edition} if index == 0 else {}
    initial = {name: getattr(proposal, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial, **extra)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if "pool" in data:
            data["pool"] = data["pool"].pk
        try:
            services.proposal_update(proposal=proposal, by=request.user, data=data)
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Zapisano szkic."))
            if index + 1 < len(WIZARD):
                return redirect("budget:proposal-edit", pk=pk, step=slugs[index + 1])
            return redirect("budget:proposal", pk=pk)
    return render(
        request,
        "budget/proposal_form.html",
        {"edition": proposal.edition, "form": form, "steps": _steps(step), "proposal": proposal},
    )
