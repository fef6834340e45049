"""The administrator's page for loading a city's districts and their population."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from workflows.errors import WorkflowError
from workflows.forms import form_refusal
from workflows.permissions import has_perm

from .api import read_upload
from .forms import CouncilForm, DistrictImportForm
from .models import District, DistrictCouncil
from .selectors import council_body, councillors
from .services import council_save, import_districts


@login_required
def district_import(request):
    if not has_perm(request.user, "districts.import_district"):
        raise PermissionDenied(_("Dzielnice wczytuje administrator."))
    form = DistrictImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            city, rows, created = import_districts(
                by=request.user,
                city_name=form.cleaned_data["city"],
                text=read_upload(form.cleaned_data["file"]),
            )
        except WorkflowError as exc:
            form.add_error("file" if exc.details.get("field") != "city" else "city", exc.message)
        else:
            messages.success(
                request,
                _("%(city)s: wczytano dzielnic: %(rows)d (nowych: %(new)d).")
                % {"city": city, "rows": rows, "new": created},
            )
            return redirect("district-import")
    districts = District.objects.select_related("city", "council").order_by("city__name", "number")
    return render(
        request,
        "districts/import.html",
        {"form": form, "districts": districts},
        status=400 if form.errors else 200,
    )


@login_required
def council(request, pk: int):
    if not has_perm(request.user, "districts.change_council"):
        raise PermissionDenied(_("Rady dzielnic konfiguruje pracownik urzędu."))
    council = get_object_or_404(DistrictCouncil.objects.select_related("district"), pk=pk)
    initial = {
        "name": council.name,
        "seats": council.seats,
        "email": council.email,
        "members": councillors(council),
    }
    form = CouncilForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            council_save(
                by=request.user,
                council=council,
                name=data["name"],
                seats=data["seats"],
                email=data["email"],
                members=[u.pk for u in data["members"]],
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano radę: %(n)s.") % {"n": council.name})
            return redirect("district-council", pk=council.pk)
    return render(
        request,
        "districts/council.html",
        {"form": form, "council": council, "body": council_body(council.district_id)},
        status=400 if form.errors else 200,
    )
