"""Pages of the bodies app. Thin: a selector or a service, then a template."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from budget.models import Edition
from workflows.errors import WorkflowError
from workflows.forms import form_refusal
from workflows.services import advance

from . import consultations, selectors, services, targets
from .forms import (
    AdoptionForm,
    BodyForm,
    ConsultationForm,
    DistrictCommentForm,
    DistrictOpinionsForm,
    MemberForm,
    RequestForm,
)
from .models import (
    Body,
    ConsultationState,
    DistrictConsultation,
    Membership,
    OpinionRequest,
    OpinionState,
)

# The RDPP is asked about every programme, competition and chapter year after year.
OPINIONS_PER_PAGE = 25


def body_list(request):
    return render(
        request,
        "bodies/list.html",
        {"bodies": selectors.bodies(), "can_manage": request.user.has_perm("bodies.manage_body")},
    )


@login_required
def body_new(request):
    if not request.user.has_perm("bodies.manage_body"):
        raise PermissionDenied(_("Organy doradcze zakłada pracownik urzędu."))
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = services.create_body(by=request.user, **form.cleaned_data)
        messages.success(request, _("Utworzono organ „%(name)s”.") % {"name": body.name})
        return redirect("bodies:detail", pk=body.pk)
    return render(request, "bodies/body_form.html", {"form": form})


def body_detail(request, pk: int):
    try:
        body = selectors.body_detail(pk)
    except Body.DoesNotExist:
        raise Http404(_("Nie ma takiego organu.")) from None
    can_manage = request.user.has_perm("bodies.manage_body")
    form = MemberForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Skład organu zmienia pracownik urzędu."))
        if form.is_valid():
            data = form.cleaned_data
            person = get_user_model().objects.filter(username=data["person"].strip()).first()
            if person is None:
                form.add_error("person", _("Nie ma konta o takim loginie."))
            else:
                try:
                    services.add_member(
                        by=request.user,
                        body=body,
                        person=person,
                        role=data["role"],
                        term_start=data["term_start"],
                        term_end=data["term_end"],
                        organisation=data["organisation"],
                    )
                except WorkflowError as exc:
                    form_refusal(form, exc)
                else:
                    messages.success(request, _("Dodano członka."))
                    return redirect("bodies:detail", pk=body.pk)
    return render(
        request,
        "bodies/detail.html",
        {
            "body": body,
            "today": selectors.today(),
            "requests": Paginator(selectors.requests_of(body), OPINIONS_PER_PAGE).get_page(
                request.GET.get("opinie")
            ),
            "form": form,
            "meetings": body.meetings.order_by("-starts_at")[:20],
            "may_meet": request.user.has_perm("bodies.run_consultation", body),
        },
    )


@login_required
def request_new(request, kind: str, pk: int):
    if not request.user.has_perm("bodies.request_opinion"):
        raise PermissionDenied(_("O opinię prosi pracownik urzędu."))
    found = targets.queryset(kind)
    target = found.filter(pk=pk).first() if found is not None else None
    if target is None:
        raise Http404(_("Nie ma takiego obiektu."))
    form = RequestForm(
        request.POST or None, bodies=selectors.bodies_in_term(), initial={"subject": str(target)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            opinion = services.request_opinion(by=request.user, target=target, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Wysłano wniosek o opinię."))
            return redirect("bodies:opinion", pk=opinion.pk)
    return render(request, "bodies/request_form.html", {"form": form, "target": target})


def opinion_detail(request, pk: int):
    opinion = get_object_or_404(
        OpinionRequest.objects.select_related("body", "content_type"), pk=pk
    )
    form = None
    can_record = opinion.state in (OpinionState.REQUESTED, OpinionState.NOT_GIVEN) and (
        request.user.has_perm("bodies.record_opinion", opinion.body)
    )
    if can_record:
        members = list(
            Membership.objects.in_term(selectors.today())
            .filter(body=opinion.body_id)
            .select_related("person")
        )
        form = AdoptionForm(
            request.POST or None,
            members=members,
            on_chapter=(opinion.content_type.app_label, opinion.content_type.model)
            == ("consultations", "chapter"),
        )
        if request.method == "POST" and form.is_valid():
            try:
                advance(opinion, "adopt", by=request.user, **form.payload())
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Odnotowano opinię."))
                return redirect("bodies:opinion", pk=opinion.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Opinię odnotowuje przewodniczący lub sekretarz organu."))
    votes = opinion.votes.select_related("membership__person", "membership__organisation")
    return render(
        request,
        "bodies/opinion.html",
        {
            "opinion": opinion,
            "target": opinion.target,
            "form": form,
            "votes": votes,
            "motion": selectors.adopting_motion(opinion),
        },
    )


@login_required
@require_POST
def district_opinions(request, pk: int):
    """Staff ask every district council about the projects of its district pool."""

    if not request.user.has_perm("bodies.request_opinion"):
        raise PermissionDenied(_("O opinię prosi pracownik urzędu."))
    edition = get_object_or_404(Edition, pk=pk)
    form = DistrictOpinionsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Podaj termin na opinie rad dzielnic."))
        return redirect("budget:edition", year=edition.year)
    try:
        asked = services.request_district_opinions(
            by=request.user, edition=edition, due_on=form.cleaned_data["due_on"]
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext(
                "Poproszono rady dzielnic o opinię o %(n)d projekcie.",
                "Poproszono rady dzielnic o opinie o %(n)d projektach.",
                asked,
            )
            % {"n": asked},
        )
    return redirect("budget:edition", year=edition.year)


@login_required
def consultation_new(request, pk: int):
    body = get_object_or_404(Body.objects.select_related("district"), pk=pk)
    if not request.user.has_perm("bodies.run_consultation", body):
        raise PermissionDenied(
            _("Konsultacje prowadzi przewodniczący lub sekretarz rady albo pracownik urzędu.")
        )
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = consultations.consultation_create(
                by=request.user, body=body, **form.cleaned_data
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Przygotowano dokument do konsultacji."))
            return redirect("bodies:consultation", pk=consultation.pk)
    return render(
        request,
        "bodies/consultation_form.html",
        {"form": form, "body": body},
        status=400 if form.errors else 200,
    )


def consultation_detail(request, pk: int):
    consultation = get_object_or_404(
        DistrictConsultation.objects.select_related("body__district"), pk=pk
    )
    manages = request.user.has_perm("bodies.run_consultation", consultation.body)
    if not selectors.can_see_consultation(request.user, consultation):
        raise Http404(_("Nie ma takich konsultacji."))
    form = DistrictCommentForm(request.POST or None) if consultation.is_open else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Uwagi zbiera się tylko w czasie konsultacji."))
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                consultations.comment_add(
                    by=request.user, consultation=consultation, **form.cleaned_data
                )
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Dziękujemy, uwaga została zapisana."))
                return redirect("bodies:consultation", pk=consultation.pk)
    return render(
        request,
        "bodies/consultation.html",
        {
            "consultation": consultation,
            "comments": consultation.comments.select_related("author"),
            "form": form,
            "manages": manages,
            "ConsultationState": ConsultationState,
        },
        status=400 if form is not None and form.errors else 200,
    )
