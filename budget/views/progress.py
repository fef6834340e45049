"""The implementing unit (or council staff) reports a selected project's progress on its
page: actual cost and planned completion, progress notes, photos. Each form posts here,
one service call each; on a refusal the proposal page comes back with the form as typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.errors import NotPermitted, WorkflowError
from workflows.forms import form_refusal

from .. import rules
from ..forms import NoteForm, PhotoForm, ProgressForm
from ..services import implementation as services
from .proposals import _visible, detail_page


def _report(request, pk: int, form_class, context_name: str, service, done: str):
    proposal = _visible(request, pk)
    try:
        rules.implements(request.user, proposal)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    form = form_class(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            service(proposal=proposal, by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
            status = exc.status
        else:
            messages.success(request, done)
            return redirect("budget:proposal", pk=pk)
    return detail_page(request, proposal, status=status, **{context_name: form})


@login_required
@require_POST
def proposal_progress(request, pk: int):
    return _report(
        request,
        pk,
        ProgressForm,
        "progress_form",
        services.implementation_update,
        _("Zapisano koszt i termin realizacji."),
    )


@login_required
@require_POST
def proposal_note(request, pk: int):
    return _report(
        request,
        pk,
        NoteForm,
        "note_form",
        services.implementation_add_note,
        _("Dodano opis postępu prac."),
    )


@login_required
@require_POST
def proposal_photo(request, pk: int):
    return _report(
        request,
        pk,
        PhotoForm,
        "photo_form",
        services.implementation_add_photo,
        _("Dodano zdjęcie z realizacji."),
    )
