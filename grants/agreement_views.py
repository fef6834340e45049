"""Pages of agreements: the lists (public, the organisation's, the staff's with filters),
drafting one for a granted offer, the agreement with its tranches, annexes, reports and
settlement, the organisation's estimate, change request and report forms. Decisions go
through the engine's forms (`workflow-take`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.describe import describe
from workflows.errors import InvalidInput, NotFound, WorkflowError
from workflows.forms import form_refusal
from workflows.payload import with_fields
from workflows.registry import get_kind

from . import agreement_selectors as selectors
from . import agreement_services as services
from .agreement_forms import (
    AgreementFilterForm,
    AgreementForm,
    ChangeForm,
    EstimateForm,
    ReportForm,
    ReturnForm,
    TrancheFormSet,
    TransferForm,
)
from .agreements import REPORT_DRIVEN, AgreementState, ReportState, estimate_problems
from .forms import CostLineFormSet, filled_rows
from .models import Offer, OfferState
from .selectors import offer as find_offer

LINE_FIELDS = ("name", "quantity", "unit_cost", "from_grant", "from_own")


def _found(find, *args):
    try:
        return find(*args)
    except NotFound as exc:
        raise Http404(exc.message) from None


def _info(kind_name: str, obj, user, hide=()):
    kind = get_kind(kind_name)
    info = with_fields(kind, describe(kind, obj, user, with_history=False))
    info["available"] = [t for t in info["available"] if t["name"] not in hide]
    info["unavailable"] = [t for t in info["unavailable"] if t["name"] not in hide]
    return info


def agreement_list(request):
    user = request.user
    form = AgreementFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    try:
        rows = selectors.agreements(user, {k: v for k, v in params.items() if v})
    except InvalidInput as exc:
        form.add_error(None, exc.message)
        rows = selectors.agreements(user)
    waiting = None
    if user.has_perm("grants.manage_agreement"):
        # Granted offers of published results still without an agreement.
        waiting = Offer.objects.filter(
            state=OfferState.GRANTED,
            competition__state="results_published",
            agreement__isnull=True,
        ).select_related("organisation", "competition")
    mine = rows.filter(Q(organisation__representatives=user.pk)) if user.is_authenticated else None
    return render(
        request,
        "grants/agreement_list.html",
        {"agreements": rows, "form": form, "waiting": waiting, "mine": mine},
    )


@login_required
def agreement_new(request, offer_pk: int):
    if not request.user.has_perm("grants.manage_agreement"):
        raise PermissionDenied(_("Umowę przygotowuje pracownik urzędu."))
    offer = _found(find_offer, offer_pk, request.user)
    form = AgreementForm(request.POST or None)
    tranches = TrancheFormSet(request.POST or None, prefix="tranches")
    if request.method == "POST" and form.is_valid() and tranches.is_valid():
        try:
            agreement = services.draft_agreement(
                by=request.user,
                offer=offer,
                tranches=filled_rows(tranches) or None,
                **form.cleaned_data,
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano projekt umowy."))
            return redirect("grants:agreement", pk=agreement.pk)
    return render(
        request,
        "grants/agreement_form.html",
        {"offer": offer, "form": form, "tranches": tranches},
    )


def agreement_detail(request, pk: int):
    agreement = _found(selectors.agreement, pk, request.user)
    user = request.user
    is_staff = user.has_perm("grants.manage_agreement")
    is_org = user.has_perm("grants.carry_out_agreement", agreement)
    changes = [
        (c, _info("agreement_change", c, user) if is_staff else None)
        for c in agreement.changes.all()
        if is_staff or is_org or c.state == "approved"
    ]
    reports = [r for r in agreement.reports.all() if is_staff or is_org or r.state == "accepted"]
    drafted = agreement.state == AgreementState.DRAFTED
    return render(
        request,
        "grants/agreement_detail.html",
        {
            "agreement": agreement,
            "info": _info("grant_agreement", agreement, user, hide=REPORT_DRIVEN),
            "is_staff": is_staff,
            "is_org": is_org,
            "changes": changes,
            "reports": reports,
            "problems": estimate_problems(agreement) if drafted else [],
            "tranche_forms": TrancheFormSet(
                prefix="tranches",
                initial=[{"year": t.year, "amount": t.amount} for t in agreement.tranches.all()],
            )
            if is_staff and drafted
            else None,
            "transfer_form": TransferForm() if is_staff else None,
            "return_form": ReturnForm() if is_staff else None,
            "running": agreement.state in (AgreementState.SIGNED, AgreementState.REPORT_RETURNED),
        },
    )


def _staff_only(request) -> None:
    if not request.user.has_perm("grants.manage_agreement"):
        raise PermissionDenied(services.STAFF_ONLY)


def _staff_write(request, pk: int, write, done: str):
    _staff_only(request)
    agreement = _found(selectors.agreement, pk, request.user)
    try:
        write(agreement)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("grants:agreement", pk=pk)


@login_required
@require_POST
def agreement_tranches(request, pk: int):
    formset = TrancheFormSet(request.POST, prefix="tranches")
    rows = filled_rows(formset) if formset.is_valid() else []
    return _staff_write(
        request,
        pk,
        lambda a: services.set_tranches(by=request.user, agreement=a, tranches=rows),
        _("Zapisano transze."),
    )


@login_required
@require_POST
def agreement_transfer(request, pk: int):
    form = TransferForm(request.POST)
    day = form.cleaned_data["transferred_on"] if form.is_valid() else None
    return _staff_write(
        request,
        pk,
        lambda a: services.record_transfer(
            by=request.user, agreement=a, tranche=request.POST.get("tranche"), transferred_on=day
        ),
        _("Zapisano przekazanie transzy."),
    )


@login_required
@require_POST
def agreement_return(request, pk: int):
    _staff_only(request)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Podaj kwotę i datę zwrotu."))
        return redirect("grants:agreement", pk=pk)
    return _staff_write(
        request,
        pk,
        lambda a: services.record_return(by=request.user, agreement=a, **form.cleaned_data),
        _("Zapisano zwrot dotacji."),
    )


def _organisation_agreement(request, pk: int):
    agreement = _found(selectors.agreement, pk, request.user)
    if not request.user.has_perm("grants.carry_out_agreement", agreement):
        raise PermissionDenied(services.ORGANISATION_ONLY)
    return agreement


def _line_rows(lines) -> list[dict]:
    return [{f: getattr(x, f) for f in LINE_FIELDS} for x in lines]


@login_required
def agreement_estimate(request, pk: int):
    agreement = _organisation_agreement(request, pk)
    form = EstimateForm(request.POST or None, initial={"schedule": agreement.schedule})
    costs = CostLineFormSet(
        request.POST or None, prefix="costs", initial=_line_rows(agreement.cost_lines.all())
    )
    if request.method == "POST" and form.is_valid() and costs.is_valid():
        try:
            services.update_estimate(
                by=request.user,
                agreement=agreement,
                cost_lines=filled_rows(costs),
                **form.cleaned_data,
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano zaktualizowany kosztorys i harmonogram."))
            return redirect("grants:agreement", pk=pk)
    return render(
        request,
        "grants/agreement_estimate.html",
        {"agreement": agreement, "form": form, "costs": costs},
    )


@login_required
def agreement_change(request, pk: int):
    agreement = _organisation_agreement(request, pk)
    form = ChangeForm(request.POST or None)
    costs = CostLineFormSet(
        request.POST or None, prefix="costs", initial=_line_rows(agreement.cost_lines.all())
    )
    if request.method == "POST" and form.is_valid() and costs.is_valid():
        fields = dict(form.cleaned_data)
        change_costs = fields.pop("change_costs")
        try:
            services.request_change(
                by=request.user,
                agreement=agreement,
                cost_lines=filled_rows(costs) if change_costs else None,
                **fields,
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Złożono wniosek o zmianę umowy."))
            return redirect("grants:agreement", pk=pk)
    return render(
        request,
        "grants/agreement_change.html",
        {"agreement": agreement, "form": form, "costs": costs},
    )


@login_required
def report_new(request, pk: int):
    agreement = _organisation_agreement(request, pk)
    form = ReportForm(request.POST or None, cost_lines=agreement.cost_lines.all(), new=True)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.write_report(
                by=request.user,
                agreement=agreement,
                final=form.cleaned_data["final"],
                achieved=form.cleaned_data["achieved"],
                beneficiaries=form.cleaned_data["beneficiaries"],
                lines=form.lines(),
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano sprawozdanie; złóż je, gdy będzie gotowe."))
            return redirect("grants:task-report", pk=report.pk)
    return render(request, "grants/task_report_form.html", {"agreement": agreement, "form": form})


def report_detail(request, pk: int):
    report = _found(selectors.report, pk, request.user)
    user = request.user
    editable = report.state in (ReportState.DRAFT, ReportState.RETURNED) and user.has_perm(
        "grants.report_on_agreement", report
    )
    form = None
    if editable:
        spent = {x.cost_line_id: x for x in report.lines.all()}
        initial = {"achieved": report.achieved, "beneficiaries": report.beneficiaries}
        for line_id, x in spent.items():
            initial[f"grant_{line_id}"] = x.spent_grant
            initial[f"own_{line_id}"] = x.spent_own
        form = ReportForm(
            request.POST or None,
            cost_lines=report.agreement.cost_lines.all(),
            new=False,
            initial=initial,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.update_report(
                    by=user,
                    report=report,
                    achieved=form.cleaned_data["achieved"],
                    beneficiaries=form.cleaned_data["beneficiaries"],
                    lines=form.lines(),
                )
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Zapisano sprawozdanie."))
                return redirect("grants:task-report", pk=pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Złożone sprawozdanie poprawia się dopiero po zwrocie."))
    return render(
        request,
        "grants/task_report.html",
        {"report": report, "form": form, "info": _info("task_report", report, user)},
    )
