"""Pages of small grants (art. 19a): the list, the organisation's offer form, an offer with
its remarks, the remark form and the staff's decisions (through the engine's forms)."""

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

from . import selectors, small_services
from .forms import RemarkForm, SmallGrantForm, StaffRemarkForm
from .small import SmallGrantState


def small_list(request):
    user = request.user
    return render(
        request,
        "grants/small_list.html",
        {
            "grants": selectors.small_grants(user),
            "can_offer": user.is_authenticated and user.organisations.exists(),
        },
    )


@login_required
def small_new(request):
    organisations = request.user.organisations.all()
    if not organisations.exists():
        raise PermissionDenied(_("Ofertę składa przedstawiciel organizacji."))
    form = SmallGrantForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            grant = small_services.offer_small_grant(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Złożono ofertę; urząd opublikuje ją do uwag na 7 dni."))
            return redirect("grants:small", pk=grant.pk)
    return render(request, "grants/small_form.html", {"form": form})


def small_detail(request, pk: int):
    try:
        grant = selectors.small_grant(pk, request.user)
    except NotFound as exc:
        raise Http404(exc.message) from None
    user = request.user
    is_staff = user.has_perm("grants.manage_small_grant", grant)
    open_for_remarks = grant.state == SmallGrantState.PUBLISHED and user.is_authenticated
    form_class = StaffRemarkForm if is_staff else RemarkForm
    form = form_class(request.POST or None) if open_for_remarks else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Uwagi zgłasza się w ciągu 7 dni od publikacji oferty."))
        if form.is_valid():
            try:
                small_services.comment(by=user, grant=grant, **form.cleaned_data)
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Zapisano uwagę."))
                return redirect("grants:small", pk=grant.pk)
    kind = get_kind("small_grant")
    info = with_fields(kind, describe(kind, grant, user, with_history=False)) if is_staff else None
    return render(
        request,
        "grants/small_detail.html",
        {
            "grant": grant,
            "form": form,
            "info": info,
        },
    )
