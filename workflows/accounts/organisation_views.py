"""Pages of organisations: the list (staff register one), and one organisation's page where
a person claims to speak for it and its representatives confirm."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..errors import WorkflowError
from ..forms import form_refusal
from ..permissions import has_perm
from . import organisations as services
from .models import Organisation, OrganisationKind, RepresentationClaim


class OrganisationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nazwa"), max_length=300)
    kind = forms.ChoiceField(
        label=gettext_lazy("Rodzaj"), choices=OrganisationKind.choices, widget=forms.RadioSelect
    )
    krs = forms.CharField(
        label=gettext_lazy("Numer KRS"),
        max_length=14,
        required=False,
        help_text=gettext_lazy("10 cyfr; puste, jeśli podmiot nie jest wpisany do KRS."),
    )
    register = forms.CharField(
        label=gettext_lazy("Rejestr lub dokument (bez KRS)"), max_length=300, required=False
    )
    regon = forms.CharField(label=gettext_lazy("REGON"), max_length=20, required=False)


class ClaimForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Funkcja w organizacji lub upoważnienie"),
        max_length=300,
        required=False,
    )


def organisation_list(request):
    staff = has_perm(request.user, "accounts.change_organisation")
    if request.method == "POST" and not staff:  # refused before the form is read
        raise PermissionDenied(_("Organizacje rejestruje pracownik urzędu."))
    form = OrganisationForm(request.POST or None, initial={"kind": OrganisationKind.NGO})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_save(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Dodano organizację „%(n)s”.") % {"n": organisation})
            return redirect("organisation", pk=organisation.pk)
    return render(
        request,
        "accounts/organisations.html",
        {"organisations": Organisation.objects.all(), "form": form, "staff": staff},
        status=400 if form.errors else 200,
    )


def organisation_page(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    user = request.user
    claims = organisation.claims.filter(confirmed_at__isnull=True).select_related("user")
    return render(
        request,
        "accounts/organisation.html",
        {
            "organisation": organisation,
            "representatives": organisation.representatives.all(),
            "claims": claims if services.may_confirm(user, organisation) else [],
            "form": ClaimForm(),
        },
    )


@login_required
@require_POST
def organisation_claim(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ClaimForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.claim_representation(by=request.user, organisation=organisation, note=note)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Zgłoszenie wysłane; organizacja je potwierdzi."))
    return redirect("organisation", pk=pk)


@login_required
@require_POST
def claim_confirm(request, pk: int):
    claim = get_object_or_404(RepresentationClaim, pk=pk)
    try:
        services.confirm_representation(by=request.user, claim=claim)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Potwierdzono przedstawiciela: %(u)s.") % {"u": claim.user})
    return redirect("organisation", pk=claim.organisation_id)
