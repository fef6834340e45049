"""Pages where council staff set up an edition: settings, copy, pools, counting, schedule,
units."""

from datetime import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.models import District
from workflows.errors import WorkflowError
from workflows.forms import form_refusal
from workflows.parsing import parse_money
from workflows.permissions import has_perm
from workflows.timeutil import city_tz, end_of_day, local_datetime

from ..models import CityUnit, Edition
from ..services import editions as edition_services
from ..services import setup
from ..setup_forms import CopyForm, CountingForm, EditionForm, PoolForm, ScheduleForm, UnitForm


def staff_only(request) -> None:
    if not has_perm(request.user, "budget.manage_edition"):
        raise PermissionDenied(_("Edycję konfiguruje pracownik urzędu."))


def page(request, template, context, form):
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def edition_list(request):
    staff_only(request)
    editions = Edition.objects.select_related("city").order_by("-year")
    return render(request, "budget/setup/list.html", {"editions": editions, "copy": CopyForm()})


@login_required
def edition_new(request):
    staff_only(request)
    form = EditionForm(
        request.POST or None,
        initial=EditionForm.initial_of(Edition(identification=["pesel"], total_amount=None)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            edition = setup.edition_create(
                by=request.user, city=form.cleaned_data["city"], data=form.settings()
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Utworzono edycję „%(t)s”.") % {"t": edition})
            return redirect("budget:setup-pools", pk=edition.pk)
    return page(request, "budget/setup/edition_form.html", {"form": form}, form)


@login_required
def edition_settings(request, pk: int):
    staff_only(request)
    edition = get_object_or_404(Edition, pk=pk)
    has_rulebook = edition.pool_rules.exists()
    form = EditionForm(
        request.POST or None, initial=EditionForm.initial_of(edition), rulebook=has_rulebook
    )
    form.fields["city"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            setup.edition_update(by=request.user, edition=edition, data=form.settings())
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano ustawienia edycji."))
            return redirect("budget:setup-settings", pk=edition.pk)
    context = {"form": form, "edition": edition, "has_rulebook": has_rulebook}
    return page(request, "budget/setup/edition_form.html", context, form)


@login_required
def edition_copy(request, pk: int):
    staff_only(request)
    source = get_object_or_404(Edition, pk=pk)
    form = CopyForm(request.POST or None, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            edition = setup.edition_copy(by=request.user, source=source, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Skopiowano edycję jako „%(t)s”.") % {"t": edition})
            return redirect("budget:setup-settings", pk=edition.pk)
    context = {"form": form, "source": source}
    return page(request, "budget/setup/copy_form.html", context, form)


@login_required
def edition_pools(request, pk: int):
    staff_only(request)
    edition = get_object_or_404(Edition, pk=pk)
    districts = list(District.objects.filter(city=edition.city_id))
    form = PoolForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        district = next((d for d in districts if str(d.pk) == data["district"]), None)
        population = data["population"]
        if population is None:
            population = district.population if district and district.population else 0
        try:
            edition_services.pool_save(
                edition=edition,
                by=request.user,
                district=district,
                name=data["name"],
                amount=parse_money(data["amount"], "amount"),
                max_project_cost=parse_money(data["max_project_cost"], "max_project_cost"),
                population=population,
                support_minimum=data["support_minimum"],
                kind=data["kind"],
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano pulę „%(n)s”.") % {"n": data["name"]})
            return redirect("budget:setup-pools", pk=edition.pk)
    context = {"form": form, "edition": edition, "pools": edition.pools.select_related("district")}
    return page(request, "budget/setup/pools.html", context, form)


@login_required
def edition_counting(request, pk: int):
    staff_only(request)
    edition = get_object_or_404(Edition, pk=pk)
    form = CountingForm(
        request.POST or None,
        initial={"tally_rule": edition.tally_rule, "score_threshold": edition.score_threshold},
    )
    if request.method == "POST" and form.is_valid():
        try:
            edition_services.edition_set_counting(
                edition=edition, by=request.user, **form.cleaned_data
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano regułę liczenia głosów."))
            return redirect("budget:setup-counting", pk=edition.pk)
    context = {"form": form, "edition": edition}
    return page(request, "budget/setup/counting.html", context, form)


@login_required
def edition_schedule(request, pk: int):
    staff_only(request)
    edition = get_object_or_404(Edition, pk=pk)
    saved = {
        p.kind: {
            "opens": timezone.localtime(p.opens_at, city_tz()).date(),
            "closes": timezone.localtime(p.closes_at, city_tz()).date(),
        }
        for p in edition.phases.all()
    }
    form = ScheduleForm(request.POST or None, phases=saved)
    if request.method == "POST" and form.is_valid():
        phases, missing = {}, None
        for _label, opens, closes in form.pairs():
            first, last = form.cleaned_data[opens.name], form.cleaned_data[closes.name]
            if bool(first) != bool(last):
                missing = (closes if first else opens).name
            elif first:
                kind = opens.name.removesuffix("_opens")
                phases[kind] = (local_datetime(first, time(0, 0)), end_of_day(last))
        if missing:
            form.add_error(missing, _("Podaj początek i koniec etapu."))
        else:
            try:
                edition_services.edition_set_schedule(
                    edition=edition,
                    by=request.user,
                    phases=phases,
                    reason=form.cleaned_data["reason"],
                )
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Zapisano harmonogram edycji."))
                return redirect("budget:setup-schedule", pk=edition.pk)
    context = {"form": form, "edition": edition}
    return page(request, "budget/setup/schedule.html", context, form)


@login_required
def units(request, pk: int | None = None):
    staff_only(request)
    unit = get_object_or_404(CityUnit, pk=pk) if pk else None
    initial = (
        {"name": unit.name, "short_name": unit.short_name, "verifiers": unit.members.all()}
        if unit
        else None
    )
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            setup.unit_save(
                by=request.user,
                unit=unit,
                name=data["name"],
                short_name=data["short_name"],
                verifiers=[u.pk for u in data["verifiers"]],
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano jednostkę „%(n)s”.") % {"n": data["name"]})
            return redirect("budget:setup-units")
    context = {"form": form, "unit": unit, "units": CityUnit.objects.prefetch_related("members")}
    return page(request, "budget/setup/units.html", context, form)
