"""Pages of the 31 May report: the list (staff generate one there), a report with its
sections, the staff's commentary and transitions, and its PDF, CSV and JSON."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.describe import describe
from workflows.errors import NotFound, WorkflowError
from workflows.forms import form_refusal
from workflows.payload import with_fields
from workflows.registry import get_kind

from . import operational_services, report_documents, report_selectors, report_services
from .cooperation_report import CooperationReportState, deadline_status
from .forms import OperationalProgrammeForm, ReportYearForm, SectionCommentForm


def _report(request, year: int):
    """The city's report, or an operational programme's one (?program=<id>)."""

    try:
        operational = report_selectors.operational_programme(request.GET.get("program"))
        return report_selectors.report(year, request.user, operational)
    except NotFound as exc:
        raise Http404(exc.message) from None


def report_list(request):
    can_manage = request.user.has_perm("grants.manage_report")
    form = ReportYearForm(request.POST or None) if can_manage else None
    # The pages' forms name an operational programme by id; the service checks the rest.
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Sprawozdanie przygotowuje pracownik urzędu."))
        if form.is_valid():
            try:
                report = report_services.generate_report(by=request.user, **form.cleaned_data)
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Wygenerowano dane sprawozdania z bazy."))
                return redirect(reverse("grants:report", args=[report.year]) + report.query)
    rows = [(r, deadline_status(r)) for r in report_selectors.reports(request.user)]
    return render(
        request, "grants/report_list.html", {"rows": rows, "form": form, "can_manage": can_manage}
    )


def report_detail(request, year: int):
    report = _report(request, year)
    can_manage = request.user.has_perm("grants.manage_report")
    editable = can_manage and report.state == CooperationReportState.DRAFT
    sections = report_selectors.sections(report)
    for section in sections:
        section["form"] = (
            SectionCommentForm(initial={"text": section["commentary"]}, prefix=section["key"])
            if editable
            else None
        )
    info = None
    if can_manage:
        kind = get_kind("cooperation_report")
        info = with_fields(kind, describe(kind, report, request.user, with_history=False))
    return render(
        request,
        "grants/report.html",
        {
            "report": report,
            "sections": sections,
            "status": deadline_status(report),
            "info": info,
            "editable": editable,
        },
    )


@require_POST
def report_comment(request, year: int, section: str):
    if not request.user.has_perm("grants.manage_report"):
        raise PermissionDenied(_("Komentarze do sprawozdania pisze pracownik urzędu."))
    report = _report(request, year)
    form = SectionCommentForm(request.POST, prefix=section)
    if form.is_valid():
        try:
            report_services.comment_section(
                by=request.user, report=report, section=section, text=form.cleaned_data["text"]
            )
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Zapisano komentarz."))
    url = reverse("grants:report", kwargs={"year": report.year}) + report.query
    return redirect(url + f"#sekcja-{section}")


def report_pdf(request, year: int):
    report = _report(request, year)
    response = HttpResponse(report_documents.as_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report_documents.filename(report)}.pdf"'
    return response


def report_csv(request, year: int):
    report = _report(request, year)
    response = HttpResponse(report_documents.as_csv(report), content_type="text/csv; charset=utf-8")
    name = report_documents.filename(report)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def report_json(request, year: int):
    report = _report(request, year)
    return HttpResponse(
        json.dumps(report_documents.as_data(report), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


def operational_programmes(request):
    """The operational programmes with their coordinators and teams; staff set them up."""

    can_manage = request.user.has_perm("grants.manage_operational_programme")
    form = OperationalProgrammeForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Programy operacyjne ustala pracownik urzędu."))
        if form.is_valid():
            try:
                operational_services.create_operational_programme(
                    by=request.user, **form.cleaned_data
                )
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Utworzono program operacyjny."))
                return redirect("grants:operational-programmes")
    return render(
        request,
        "grants/operational_programmes.html",
        {"programmes": report_selectors.operational_programmes(), "form": form},
    )
