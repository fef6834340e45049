"""Pages of the consultation. Thin: a selector or a service, then a template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.meetings.services import can_plan
from notifications.bip.views import pdf_download
from workflows.errors import Conflict, NotPermitted, WorkflowError
from workflows.forms import form_refusal
from workflows.parsing import parse_id
from workflows.permissions import has_perm

from . import reading, report, schedule, selectors
from .flows import is_coordinator
from .forms import (
    AnswerForm,
    BlockFormSet,
    CommentForm,
    DraftForm,
    ProgrammeForm,
    QueueFilter,
    ScheduleForm,
    block_initial,
)
from .guidance import answer_action, programme_guide
from .models import Chapter, Comment, Programme, StrategyGoal, TaskArea
from .models.chapters import BlockKind
from .services import chapters as chapter_services
from .services import comments as comment_services
from .services import programmes as programme_services


def visible_programme(request, pk) -> Programme:
    programme = Programme.objects.filter(pk=pk).first()
    if programme is None or not selectors.can_view_programme(request.user, programme):
        raise Http404(_("Nie ma takiego programu."))
    return programme


def allowed(check, *args) -> None:
    """Run a service's permission check; its refusal becomes the 403 page with the reason."""

    try:
        check(*args)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


def programme_list(request):
    programmes = selectors.visible_programmes(request.user)
    return render(
        request,
        "consultations/list.html",
        {"programmes": programmes},
    )


@login_required
def programme_new(request):
    allowed(programme_services.ensure_staff, request.user)
    areas = list(TaskArea.objects.all())
    form = ProgrammeForm(request.POST or None, areas=areas)
    # The override is offered once the 30 November rule refused the dates, and kept after.
    override = bool(form["justification"].value())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = programme_services.create_programme(
                by=request.user,
                **{name: data[name] for name in form.CONTENTS if name != "task_areas"},
                task_areas=[a for a in areas if str(a.number) in data["task_areas"]],
                planned=form.planned(),
                justification=data["justification"],
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
            override = override or "problems" in exc.details
        else:
            messages.success(request, _("Utworzono program „%(title)s”.") % {"title": programme})
            return redirect("consultations:programme", pk=programme.pk)
    return render(
        request,
        "consultations/programme_form.html",
        {"form": form, "override": override},
        status=400 if form.errors else 200,
    )


# Comments shown per page of the programme: 20,000 on one page took seconds (bench/pages.py).
COMMENTS_PER_PAGE = 100


def programme_page(request, pk: int):
    programme = visible_programme(request, pk)
    counts = selectors.comment_counts(programme)
    comments = Paginator(selectors.comments(programme), COMMENTS_PER_PAGE)
    comments.count = counts["total"]  # known already: no second COUNT query
    chapters = selectors.published_chapters(programme)
    reading.arrange_all(programme, chapters)
    user = request.user
    guide = programme_guide(programme)
    return render(
        request,
        "consultations/programme.html",
        {
            "programme": programme,
            "chapters": chapters,
            "editable": chapter_services.editable_chapters(programme, chapters, user),
            "planners": {c.sector_team_id for c in chapters if can_plan(c.sector_team, user)},
            "comments": comments.get_page(request.GET.get("uwagi")),
            "counts": counts,
            # Comment links only while a comment can be sent (the window is open).
            "commentable": any(a.available for a in guide.actions),
            "coordinator": is_coordinator(programme, request.user),
            "staff": has_perm(request.user, "consultations.manage_programme"),
            "guide": guide,
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


def visible_chapter(request, pk) -> Chapter:
    chapter = Chapter.objects.select_related("programme", "sector_team").filter(pk=pk).first()
    if chapter is None or not selectors.can_view_programme(request.user, chapter.programme):
        raise Http404(_("Nie ma takiego rozdziału."))
    return chapter


def chapter_refused(request, chapter, exc: Conflict):
    return render(
        request,
        "consultations/chapter_form.html",
        {"chapter": chapter, "programme": chapter.programme, "refusal": exc.message},
        status=exc.status,
    )


def save_draft(user, chapter, data: dict, blocks):
    rows = [row for row in blocks.cleaned_data if row.get("text", "").strip()]
    if not data["version"]:
        return chapter_services.create_version(
            by=user, chapter=chapter, blocks=rows, note=data["note"]
        )
    version = selectors.version(chapter, data["version"])
    if version is None:
        raise Http404(_("Rozdział nie ma takiej wersji."))
    return chapter_services.update_version(by=user, version=version, blocks=rows, note=data["note"])


@login_required
def chapter_edit(request, pk: int):
    """The chapter's draft: saving changes the draft, or starts one after a published version."""

    chapter = visible_chapter(request, pk)
    try:
        allowed(chapter_services.edits_chapter, request.user, chapter)
    except Conflict as exc:
        return chapter_refused(request, chapter, exc)
    latest = selectors.latest_version(chapter)
    draft = latest if latest and not latest.is_published else None
    form = DraftForm(
        request.POST or None,
        initial={"version": draft.number if draft else None, "note": draft.note if draft else ""},
    )
    blocks = BlockFormSet(
        request.POST or None,
        initial=[block_initial(b) for b in latest.blocks.all()] if latest else [],
        form_kwargs={
            "areas": list(TaskArea.objects.all()),
            "goals": list(StrategyGoal.objects.all()),
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and blocks.is_valid():
            try:
                version = save_draft(request.user, chapter, form.cleaned_data, blocks)
            except WorkflowError as exc:
                form_refusal(form, exc)
                status = exc.status
            else:
                saved = _("Zapisano szkic (wersja %(n)s).") % {"n": version.number}
                messages.success(request, saved)
                return redirect("consultations:chapter-edit", pk=chapter.pk)
    offered = selectors.open_suggestions(chapter)
    current = list(latest.blocks.all()) if latest else []
    beside, general = selectors.suggestions_beside(offered, current)
    return render(
        request,
        "consultations/chapter_form.html",
        {
            "chapter": chapter,
            "programme": chapter.programme,
            "latest": latest,
            "draft": draft,
            "form": form,
            "blocks": blocks,
            "rows": [(row, beside.get(row.initial.get("anchor"), [])) for row in blocks],
            "suggestions": offered,
            "general_suggestions": general,
            "current_blocks": current,
            "block_kinds": BlockKind.choices,
        },
        status=status,
    )


@login_required
@require_POST
def chapter_publish(request, pk: int):
    chapter = visible_chapter(request, pk)
    number = parse_id(request.POST.get("version", ""))
    version = selectors.version(chapter, number) if number else None
    if version is None:
        raise Http404(_("Rozdział nie ma takiej wersji."))
    try:
        chapter_services.publish_version(by=request.user, version=version)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("consultations:chapter-edit", pk=chapter.pk)
    messages.success(request, _("Opublikowano wersję %(n)s rozdziału.") % {"n": version.number})
    page = reverse("consultations:programme", args=[chapter.programme_id])
    return redirect(f"{page}#rozdzial-{chapter.pk}")


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
            "answer": answer_action(programme),
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
        {
            "comment": comment,
            "form": form,
            "programme": comment.programme,
            "answer": answer_action(comment.programme),
        },
        status=400 if form.errors else 200,
    )


@login_required
def timeline(request, pk: int):
    programme = visible_programme(request, pk)
    staff = has_perm(request.user, "consultations.manage_programme")
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
    return pdf_download(
        request,
        report.REPORT_PRINT,
        report.report_print_context(programme),
        f"{report.filename(programme)}.pdf",
        _("Raport z konsultacji"),
    )


def document_page(request, pk: int):
    programme = visible_programme(request, pk)
    return render(request, "consultations/document.html", report.document_context(programme))


def document_pdf(request, pk: int):
    programme = visible_programme(request, pk)
    return pdf_download(
        request,
        report.PROGRAMME_PRINT,
        report.document_context(programme),
        f"program-{programme.pk}.pdf",
        programme.title,
    )
