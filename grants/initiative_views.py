"""Pages of local initiative (art. 19b–19h): the list, the residents' application form, an
application with the city's assessment on the resolution's criteria and its decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from workflows.describe import describe
from workflows.errors import NotFound, WorkflowError
from workflows.forms import form_refusal
from workflows.payload import with_fields
from workflows.registry import get_kind

from . import initiative_services, selectors
from .forms import InitiativeForm, ScoreForm
from .initiative import InitiativeState


def initiative_list(request):
    return render(
        request,
        "grants/initiative_list.html",
        {"initiatives": selectors.initiatives(request.user)},
    )


@login_required
def initiative_new(request):
    form = InitiativeForm(request.POST or None, organisations=request.user.organisations.all())
    if request.method == "POST" and form.is_valid():
        try:
            initiative = initiative_services.apply_for_initiative(
                by=request.user, **form.cleaned_data
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Złożono wniosek o realizację inicjatywy lokalnej."))
            return redirect("grants:initiative", pk=initiative.pk)
    return render(request, "grants/initiative_form.html", {"form": form})


def initiative_detail(request, pk: int):
    try:
        initiative = selectors.initiative(pk, request.user)
    except NotFound as exc:
        raise Http404(exc.message) from None
    user = request.user
    can_manage = user.has_perm("grants.manage_initiative")
    criteria = list(initiative.resolution.criteria.all())
    form = None
    if can_manage and initiative.state == InitiativeState.SUBMITTED:
        given = {str(a.criterion_id): a.points for a in initiative.assessments.all()}
        form = ScoreForm(request.POST or None, criteria=criteria, initial=given)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Wniosek ocenia pracownik urzędu przed zatwierdzeniem oceny."))
        if form.is_valid():
            try:
                initiative_services.assess_initiative(
                    by=user, initiative=initiative, points=form.cleaned_data
                )
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Zapisano ocenę wniosku."))
                return redirect("grants:initiative", pk=pk)
    info = None
    if can_manage:
        kind = get_kind("local_initiative")
        info = with_fields(kind, describe(kind, initiative, user, with_history=False))
    return render(
        request,
        "grants/initiative.html",
        {"initiative": initiative, "criteria": criteria, "form": form, "info": info},
    )
