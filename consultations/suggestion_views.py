"""The draft page's buttons on a suggestion: accept it into the chapter, or reject it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.errors import NotPermitted, WorkflowError

from .meetings.models import ChapterSuggestion
from .services import suggestions as services


def find(pk) -> ChapterSuggestion:
    suggestion = ChapterSuggestion.objects.filter(pk=pk).first()
    if suggestion is None:
        raise Http404(_("Nie ma takiej propozycji."))
    return suggestion


def back_to_draft(suggestion):
    chapter = services.suggestion_chapter(suggestion)
    if chapter is None:
        return redirect("consultations:list")
    return redirect("consultations:chapter-edit", pk=chapter.pk)


def decide(request, suggestion, action, done: str):
    try:
        action()
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return back_to_draft(suggestion)


@login_required
@require_POST
def suggestion_accept(request, pk: int):
    suggestion = find(pk)
    return decide(
        request,
        suggestion,
        lambda: services.accept_suggestion(
            by=request.user,
            suggestion=suggestion,
            anchor=request.POST.get("anchor", ""),
            kind=request.POST.get("kind", ""),
        ),
        _("Przyjęto propozycję: jest w szkicu rozdziału."),
    )


@login_required
@require_POST
def suggestion_reject(request, pk: int):
    suggestion = find(pk)
    return decide(
        request,
        suggestion,
        lambda: services.reject_suggestion(
            by=request.user, suggestion=suggestion, reason=request.POST.get("reason", "")
        ),
        _("Odrzucono propozycję."),
    )
