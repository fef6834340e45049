"""Pages of the consultation. Thin: a selector or a service, then a template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from workflows.accounts.roles import is_council_staff
from workflows.errors import WorkflowError
from workflows.parsing import parse_id

from . import report, schedule, selectors
from .flows import is_coordinator
from .forms import AnswerForm, CommentForm, QueueFilter, ScheduleForm
from .models import Comment, Programme
from .services import comments as comment_services
from .services import programmes as programme_services


def visible_programme(request, pk) -> Programme:
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None or not selectors.can_view_programme(request.user, programme):
        raise Http404(_("Nie ma takiego programu."))
    return programme


def form_refusal(form, exc: WorkflowError) -> None:
    """Show a service's refusal on the field it names, or above the form."""

    field = exc.details.get("field")
    form.add_error(field if field in form.fields else None, exc.message)


def programme_list(request):
    programmes = selectors.visible_programmes(request.user)
    return render(request, "consultations/list.html", {"programmes": programmes})


# Comments shown per page of the programme: 20,000 on one page took seconds (bench/pages.py).
COMMENTS_PER_PAGE = 100


def programme_page(request, pk: int):
    programme = visible_programme(request, pk)
    counts = selectors.comment_counts(programme)
    comments = Paginator(selectors.comments(programme), COMMENTS_PER_PAGE)
    comments.count = counts["total"]  # known already: no second COUNT query
    return render(
        request,
        "consultations/programme.html",
        {
            "programme": programme,
            "chapters": selectors.published_chapters(programme),
            "comments": comments.get_page(request.GET.get("uwagi")),
            "counts": counts,
            "commentable": programme.state in comment_services.COMMENTABLE,
            "coordinator": is_coordinator(programme, request.user),
            "staff": is_council_staff(request.user),
        },
    )


@login_required
def comment_form(request, pk: int):
    programme = visible_programme(request, pk)
    chapter_id = parse_id(request.GET.get("rozdzial") or request.POST.get("chapter"))
    chapter = programme.chapters.filter(pk=chapter_id).first() if chapter_id else None
    anchor = (request.GET.get("akapit") or request.POST.get("anchor") or "")[:40]
    initial = {"chapter": chapter.pk if chapter else None, "anchor": anchor}
    form = CommentForm(request.POST or None, user=request.user, initial=initial)
    quoted = selectors.block_text(chapter, anchor) if chapter and anchor else ""
    if request.method == "POST" and form.is_valid():
        try:
            comment_services.submit_comment(
                by=request.user,
                programme=programme,
                kind=form.cleaned_data["kind"],
                proposed_wording=form.cleaned_data["proposed_wording"],
                justification=form.cleaned_data["justification"],
                chapter=chapter,
                anchor=anchor,
                organisation=form.cleaned_data["organisation"],
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Dziękujemy — uwaga została zgłoszona."))
            return redirect("consultations:programme", pk=programme.pk)
    return render(
        request,
        "consultations/comment_form.html",
        {"programme": programme, "form": form, "chapter": chapter, "quoted": quoted},
        status=400 if form.errors else 200,
    )


@login_required
def answer_queue(request, pk: int):
    programme = visible_programme(request, pk)
    if not is_coordinator(programme, request.user):
        raise Http404(_("Kolejkę odpowiedzi widzi zespół koordynujący."))
    filters = QueueFilter(request.GET or None, programme=programme)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    comments = selectors.comments(
        programme,
        unanswered=True if chosen.get("unanswered") else None,
        chapter=chosen["chapter"].pk if chosen.get("chapter") else None,
        organisation=chosen["organisation"].pk if chosen.get("organisation") else None,
    )
    return render(
        request,
        "consultations/queue.html",
        {
            "programme": programme,
            "filters": filters,
            "comments": comments,
            "counts": selectors.comment_counts(programme),
        },
    )


@login_required
def answer_form(request, pk: int):
    comment = Comment.objects.select_related("programme", "organisation", "chapter").filter(pk=pk)
    comment = comment.first()
    if comment is None or not is_coordinator(comment.programme, request.user):
        raise Http404(_("Nie ma takiej uwagi."))
    existing = comment.answer_or_none
    initial = {"decision": existing.decision, "reason": existing.reason} if existing else None
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            comment_services.answer_comment(by=request.user, comment=comment, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano odpowiedź."))
            return redirect("consultations:queue", pk=comment.programme_id)
    return render(
        request,
        "consultations/answer_form.html",
        {"comment": comment, "form": form, "programme": comment.programme},
        status=400 if form.errors else 200,
    )


@login_required
def timeline(request, pk: int):
    programme = visible_programme(request, pk)
    staff = is_council_staff(request.user)
    if not staff and not is_coordinator(programme, request.user):
        raise Http404(_("Harmonogram widzą pracownicy urzędu."))
    current = schedule.build(programme)
    form = ScheduleForm(request.POST or None, steps=current.steps)
    if request.method == "POST" and staff and form.is_valid():
        planned = {s.code: form.cleaned_data.get(s.code) for s in current.steps}
        try:
            programme_services.save_schedule(
                by=request.user,
                programme=programme,
                planned={code: day for code, day in planned.items() if day},
                justification=form.cleaned_data["justification"],
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano harmonogram."))
            return redirect("consultations:timeline", pk=programme.pk)
    return render(
        request,
        "consultations/timeline.html",
        {"programme": programme, "schedule": current, "form": form, "staff": staff},
        status=400 if form.errors else 200,
    )


def report_page(request, pk: int):
    programme = visible_programme(request, pk)
    return render(request, "consultations/report.html", {"report": selectors.report(programme)})


def report_csv(request, pk: int):
    programme = visible_programme(request, pk)
    response = HttpResponse(report.as_csv(programme), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.filename(programme)}.csv"'
    return response


def report_pdf(request, pk: int):
    programme = visible_programme(request, pk)
    response = HttpResponse(report.report_pdf(programme), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report.filename(programme)}.pdf"'
    return response


def document_page(request, pk: int):
    programme = visible_programme(request, pk)
    return render(request, "consultations/document.html", report.document_context(programme))


def document_pdf(request, pk: int):
    programme = visible_programme(request, pk)
    response = HttpResponse(report.programme_pdf(programme), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="program-{programme.pk}.pdf"'
    return response
