"""Pages where council staff set up a programme: sections, chapters, teams, the checklist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from bodies.conditions import rdpp_opinion_settled
from bodies.selectors import active_rdpp
from workflows.errors import WorkflowError
from workflows.forms import form_refusal

from . import checklist, rules
from .models import SectorTeam, TaskArea
from .services import programmes as programme_services
from .services import setup
from .setup_forms import ChapterForm, CoordinatingForm, OpinionForm, SectionsForm, TeamForm
from .views import allowed, visible_programme


def page(request, template, context, form):
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def sections(request, pk: int):
    allowed(programme_services.ensure_staff, request.user)
    programme = visible_programme(request, pk)
    form = SectionsForm(
        request.POST or None,
        areas=list(TaskArea.objects.all()),
        initial=SectionsForm.initial_of(programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            setup.update_programme(by=request.user, programme=programme, data=form.sections())
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano treść programu."))
            return redirect("consultations:checklist", pk=programme.pk)
    context = {"form": form, "programme": programme}
    return page(request, "consultations/setup/sections.html", context, form)


@login_required
def chapters(request, pk: int):
    allowed(programme_services.ensure_staff, request.user)
    programme = visible_programme(request, pk)
    form = ChapterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme_services.add_chapter(
                by=request.user, programme=programme, **form.cleaned_data
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Dodano rozdział."))
            return redirect("consultations:chapters", pk=programme.pk)
    rows = programme.chapters.select_related("sector_team")
    context = {"form": form, "programme": programme, "chapters": rows}
    return page(request, "consultations/setup/chapters.html", context, form)


@login_required
def coordinating_team(request, pk: int):
    allowed(programme_services.ensure_staff, request.user)
    programme = visible_programme(request, pk)
    team = programme.coordinating_team
    form = CoordinatingForm(
        request.POST or None, initial={"name": team.name, "members": team.members.all()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            setup.set_coordinating_team(
                by=request.user,
                programme=programme,
                name=data["name"],
                members=[u.pk for u in data["members"]],
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano skład zespołu koordynującego."))
            return redirect("consultations:checklist", pk=programme.pk)
    context = {"form": form, "programme": programme}
    return page(request, "consultations/setup/coordinating.html", context, form)


@login_required
def checklist_page(request, pk: int):
    allowed(programme_services.ensure_staff, request.user)
    programme = visible_programme(request, pk)
    items = checklist.items(programme)
    return render(
        request,
        "consultations/setup/checklist.html",
        {
            "programme": programme,
            "items": items,
            "complete": all(i.done for i in items),
            "missing": sum(not i.done for i in items),
        },
    )


@login_required
def rdpp_opinion(request, pk: int):
    """The RDPP's opinion: where its request stands, and its file attached for the council."""

    programme = visible_programme(request, pk)
    allowed(rules.attaches_opinion, request.user, programme)
    form = OpinionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme_services.attach_council_opinion(
                by=request.user,
                programme=programme,
                file=form.cleaned_data["file"],
                given_on=form.cleaned_data["given_on"].isoformat(),
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Dołączono opinię rady."))
            return redirect("consultations:rdpp-opinion", pk=programme.pk)
    context = {
        "form": form,
        "programme": programme,
        "rdpp": active_rdpp(),
        "waiting": rdpp_opinion_settled.reason(programme),
    }
    return page(request, "consultations/setup/rdpp_opinion.html", context, form)


@login_required
def teams(request, pk: int | None = None):
    allowed(programme_services.ensure_staff, request.user)
    team = get_object_or_404(SectorTeam, pk=pk) if pk else None
    initial = None
    if team:
        initial = {
            "name": team.name,
            "description": team.description,
            "moderator": team.moderator_id,
            "members": team.members.all(),
        }
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            setup.save_sector_team(by=request.user, team=team, **form.team())
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano zespół sektorowy."))
            return redirect("consultations:teams")
    rows = SectorTeam.objects.select_related("moderator").prefetch_related("members")
    context = {"form": form, "team": team, "teams": rows}
    return page(request, "consultations/setup/teams.html", context, form)
