"""Pages of the grants app. Thin: a selector or a service, then a template."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bodies import selectors as bodies_selectors
from bodies import services as bodies_services
from bodies.forms import RequestForm
from workflows.accounts.models import User
from workflows.describe import describe
from workflows.errors import InvalidInput, NotFound, WorkflowError
from workflows.forms import form_refusal
from workflows.parsing import require_int
from workflows.registry import get_kind
from workflows.services import advance

from . import flows, selectors, services, statistics
from .forms import (
    CompetitionForm,
    CopyOfferForm,
    CostLineFormSet,
    CriterionFormSet,
    MemberForm,
    OfferForm,
    ScoreForm,
    filled_rows,
)
from .models import CompetitionState, OfferState


def _competition(pk: int, user):
    try:
        return selectors.competition(pk, user)
    except NotFound as exc:
        raise Http404(exc.message) from None


def competition_list(request):
    return render(
        request,
        "grants/list.html",
        {
            "competitions": selectors.competitions(request.user),
            "can_manage": request.user.has_perm("grants.manage_competition"),
        },
    )


@login_required
def competition_new(request):
    if not request.user.has_perm("grants.manage_competition"):
        raise PermissionDenied(_("Konkurs ogłasza pracownik urzędu."))
    form = CompetitionForm(request.POST or None)
    criteria = CriterionFormSet(request.POST or None, prefix="criteria")
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        try:
            competition = services.draft_competition(
                by=request.user, criteria=filled_rows(criteria), **form.cleaned_data
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Zapisano projekt ogłoszenia."))
            return redirect("grants:detail", pk=competition.pk)
    return render(request, "grants/competition_form.html", {"form": form, "criteria": criteria})


def competition_detail(request, pk: int):
    competition = _competition(pk, request.user)
    user = request.user
    can_manage = user.has_perm("grants.manage_competition")
    return render(
        request,
        "grants/detail.html",
        {
            "competition": competition,
            "info": describe(get_kind("competition"), competition, user, with_history=False),
            "results": selectors.results(competition) if competition.results_public else None,
            "mine": selectors.offers_of(user, competition),
            "can_offer": competition.state == CompetitionState.PUBLISHED
            and user.is_authenticated
            and user.organisations.exists(),
            "on_commission": user.has_perm("grants.score", competition),
            "commission": competition.commission.select_related("person") if can_manage else None,
            # The formal check and the corrections are done from each offer's page.
            "submitted": selectors.results(competition).prefetch_related("partners")
            if can_manage
            else None,
            "member_form": MemberForm() if can_manage else None,
        },
    )


def competition_opinions(request, pk: int):
    """The opinions asked of standing bodies on a competition's announcement (a commission
    of its field, the RDPP), and for staff the form that asks another body."""

    competition = _competition(pk, request.user)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    may_ask = request.user.has_perm("bodies.request_opinion")
    if request.method == "POST" and not may_ask:
        raise PermissionDenied(_("O opinię prosi pracownik urzędu."))
    form = None
    if may_ask:
        subject = _("Ogłoszenie konkursu: %(title)s") % {"title": competition.title}
        form = RequestForm(
            request.POST or None,
            bodies=bodies_selectors.bodies_in_term(),
            initial={"subject": subject[: bodies_services.MAX_SUBJECT]},
        )
    if request.method == "POST" and form.is_valid():
        try:
            bodies_services.request_opinion(
                by=request.user, target=competition, **form.cleaned_data
            )
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            messages.success(request, _("Wysłano wniosek o opinię."))
            return redirect("grants:opinions", pk=competition.pk)
    return render(
        request,
        "grants/opinions.html",
        {
            "competition": competition,
            "opinions": list(bodies_selectors.opinions_on(competition)),
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def appoint_member(request, pk: int):
    if not request.user.has_perm("grants.manage_competition"):
        raise PermissionDenied(_("Komisję konkursową powołuje pracownik urzędu."))
    competition = _competition(pk, request.user)
    form = MemberForm(request.POST)
    person = None
    if form.is_valid():
        person = User.objects.filter(username=form.cleaned_data["username"].strip()).first()
    if person is None:
        messages.error(request, _("Nie ma osoby o takim loginie."))
    else:
        try:
            services.appoint_member(by=request.user, competition=competition, person=person)
        except WorkflowError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Powołano członka komisji konkursowej."))
    return redirect("grants:detail", pk=pk)


OFFER_TEXT = ("title", "description", "schedule", "resources", "starts_on", "ends_on")
LINE_FIELDS = ("name", "quantity", "unit_cost", "from_grant", "from_own", "from_personal")


def _offer_page(request, competition, offer=None):
    organisations = request.user.organisations.all()
    initial = {}
    lines = []
    if offer is not None:
        initial = {k: getattr(offer, k) for k in OFFER_TEXT}
        initial["organisation"] = offer.organisation_id
        initial["partners"] = [p.pk for p in offer.partners.all()]
        lines = [{k: getattr(x, k) for k in LINE_FIELDS} for x in offer.cost_lines.all()]
    editable = offer is None or (
        offer.state in (OfferState.DRAFT, OfferState.TO_CORRECT)
        and request.user.has_perm("grants.change_offer", offer)
    )
    form = OfferForm(
        request.POST or None,
        organisations=organisations,
        competition=competition,
        initial=initial,
    )
    costs = CostLineFormSet(request.POST or None, prefix="costs", initial=lines)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Złożonej oferty nie można już zmienić."))
        if form.is_valid() and costs.is_valid():
            fields = dict(form.cleaned_data)
            organisation = fields.pop("organisation")
            fields["partners"] = list(fields["partners"])
            try:
                if offer is None:
                    offer = services.start_offer(
                        by=request.user,
                        competition=competition,
                        organisation=organisation,
                        cost_lines=filled_rows(costs),
                        **fields,
                    )
                else:
                    services.update_offer(
                        by=request.user, offer=offer, cost_lines=filled_rows(costs), **fields
                    )
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Zapisano ofertę."))
                if "submit" in request.POST:
                    _submit(request, offer)
                return redirect("grants:offer", pk=offer.pk)
    copy_form = None
    if offer is None:
        earlier = selectors.earlier_offers(request.user)
        copy_form = CopyOfferForm(offers=earlier) if earlier.exists() else None
    return render(
        request,
        "grants/offer_form.html",
        {
            "competition": competition,
            "offer": offer,
            "form": form,
            "costs": costs,
            "copy_form": copy_form,
            "info": describe(get_kind("offer"), offer, request.user, with_history=False)
            if offer is not None
            else None,
            "editable": editable,
            "problems": flows.cost_problems(offer) if offer is not None else [],
            "scores_visible": offer is not None
            and selectors.can_see_scores(request.user, competition),
        },
    )


def _submit(request, offer) -> None:
    """The draft is kept either way; a refused submission says what to correct. An offer
    called for correction is submitted again (resubmit)."""

    name = "resubmit" if offer.state == OfferState.TO_CORRECT else "submit"
    try:
        advance(offer, name, by=request.user)
    except WorkflowError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Złożono ofertę."))


@login_required
def offer_new(request, pk: int):
    competition = _competition(pk, request.user)
    if not request.user.organisations.exists():
        raise PermissionDenied(_("Ofertę składa przedstawiciel organizacji."))
    return _offer_page(request, competition)


@login_required
@require_POST
def offer_copy(request, pk: int):
    """A new draft in this competition from one of my organisation's earlier offers."""

    competition = _competition(pk, request.user)
    form = CopyOfferForm(request.POST, offers=selectors.earlier_offers(request.user))
    if not form.is_valid():
        messages.error(request, _("Wybierz jedną z wcześniejszych ofert swojej organizacji."))
        return redirect("grants:offer-new", pk=pk)
    try:
        offer = services.copy_offer(
            by=request.user, source=form.cleaned_data["source"], competition=competition
        )
    except WorkflowError as exc:
        messages.error(request, exc.message)
        return redirect("grants:offer-new", pk=pk)
    messages.success(request, _("Utworzono wersję roboczą na podstawie wcześniejszej oferty."))
    return redirect("grants:offer", pk=offer.pk)


@login_required
def offer_edit(request, pk: int):
    try:
        offer = selectors.offer(pk, request.user)
    except NotFound as exc:
        raise Http404(exc.message) from None
    return _offer_page(request, offer.competition, offer)


def results(request, pk: int):
    """The list of funded and not funded offers (art. 15 ust. 2h), once results are out."""

    competition = _competition(pk, request.user)
    if not competition.results_public:
        raise Http404(_("Wyniki konkursu nie zostały jeszcze ogłoszone."))
    funded, not_funded = selectors.funded_and_not(competition)
    return render(
        request,
        "grants/results.html",
        {"competition": competition, "funded": funded, "not_funded": not_funded},
    )


@login_required
def scoring(request, pk: int):
    competition = _competition(pk, request.user)
    if not request.user.has_perm("grants.score", competition):
        raise PermissionDenied(_("Oferty oceniają członkowie komisji konkursowej."))
    if request.method == "POST" and request.POST.get("action") == "declare":
        services.sign_declaration(by=request.user, competition=competition)
        messages.success(request, _("Podpisano oświadczenie o braku konfliktu interesów."))
        return redirect("grants:scoring", pk=pk)
    mine = selectors.declared_member(request.user, competition)
    if mine is None:
        return render(request, "grants/declaration.html", {"competition": competition})
    offers = selectors.offers_for_commission(request.user, competition)
    criteria = list(competition.criteria.all())
    open_for_scores = competition.state == CompetitionState.OFFERS_CLOSED
    # The member's organisations once: an offer of any of them (leader or partner) is not theirs
    # to score.
    represented = set(request.user.organisations.values_list("pk", flat=True))
    sheets = []
    for offer in offers:
        given = {
            str(s.criterion_id): s.points for s in offer.scores.all() if s.member_id == mine.pk
        }
        posted = request.POST if request.POST.get("offer") == str(offer.pk) else None
        form = ScoreForm(posted, criteria=criteria, initial=given, prefix=f"offer{offer.pk}")
        if posted is not None and form.is_valid():
            try:
                services.score_offer(by=request.user, offer=offer, points=form.cleaned_data)
            except WorkflowError as exc:
                form_refusal(form, exc)
            else:
                messages.success(request, _("Zapisano ocenę oferty „%(t)s”.") % {"t": offer.title})
                return redirect("grants:scoring", pk=pk)
        conflicted = bool(flows.offer_organisations(offer) & represented)
        scorable = open_for_scores and offer.state == OfferState.FORMALLY_ACCEPTED
        sheets.append((offer, form if scorable and not conflicted else None, conflicted))
    return render(request, "grants/scoring.html", {"competition": competition, "sheets": sheets})


def _statistics_year(request) -> int | None:
    value = request.GET.get("rok") or ""
    if not value:
        return None
    try:
        return require_int(value, "rok", low=2000, high=2100)
    except InvalidInput as exc:
        raise BadRequest(exc.message) from None


def statistics_page(request):
    """Statistics per task area and year, with the totals per year and form."""

    year = _statistics_year(request)
    found = statistics.rows(year)
    return render(
        request,
        "grants/statistics.html",
        {"rows": found, "totals": statistics.totals(found), "year": year},
    )


def statistics_csv(request):
    year = _statistics_year(request)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(statistics.FIELDS)
    for row in statistics.rows(year):
        writer.writerow([row.as_dict()[k] for k in statistics.FIELDS])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"statystyki-dotacji-{year}" if year else "statystyki-dotacji"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
