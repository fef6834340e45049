"""Pages: the notification centre, settings, one-click unsubscribe, follow buttons, calendar."""

from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from districts.models import District
from workflows.errors import NotFound, WorkflowError
from workflows.parsing import parse_int
from workflows.redirects import safe_next

from . import calendar, ics, selectors, services
from .dispatch import stream_of
from .mail import read_unsubscribe_token
from .months import month_grid


@login_required
def centre(request):
    if request.method == "POST":
        try:
            services.mark_read(user=request.user, notice_id=request.POST.get("notice"))
        except NotFound as exc:
            raise Http404(exc.message) from exc
        return redirect("notifications:centre")
    return render(
        request,
        "notifications/centre.html",
        {
            "notices": selectors.notices(request.user),
            "unread": selectors.unread_count(request.user),
            "stream": stream_of(request.user.pk),
        },
    )


@login_required
def preferences(request):
    if request.method == "POST":
        modes = {
            key.removeprefix("event-"): value
            for key, value in request.POST.items()
            if key.startswith("event-")
        }
        try:
            services.set_preferences(
                user=request.user, modes=modes, language=request.POST.get("language")
            )
        except WorkflowError as exc:
            messages.error(request, exc.message)
            return render(
                request,
                "notifications/settings.html",
                {**selectors.settings_of(request.user), **_feeds(request)},
                status=exc.status,
            )
        messages.success(request, _("Zapisano ustawienia powiadomień."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {**selectors.settings_of(request.user), **_feeds(request)},
    )


def _feeds(request) -> dict:
    path = reverse("notifications:my-feed", args=[ics.feed_token(request.user)])
    return {"my_feed": request.build_absolute_uri(path)}


# Mail clients send the one-click POST without a session or a CSRF token (RFC 8058); the
# signed token in the URL is the authority.
@csrf_exempt
def unsubscribe(request, token: str):
    found = read_unsubscribe_token(token)
    if found is None:
        raise Http404(_("Ten link do wypisania się jest nieprawidłowy."))
    user = get_user_model().objects.filter(pk=found[0]).first()
    if user is None:
        raise Http404(_("Ten link do wypisania się jest nieprawidłowy."))
    if request.method == "POST":
        try:
            services.unsubscribe(token=token)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        return render(request, "notifications/unsubscribed.html", {"person": user})
    return render(
        request, "notifications/unsubscribe.html", {"person": user, "all": found[1] == "*"}
    )


@login_required
@require_POST
def follow(request, target: str, pk: int):
    action = services.unfollow if request.POST.get("action") == "unfollow" else services.follow
    try:
        action(user=request.user, target=target, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except WorkflowError as exc:
        messages.error(request, exc.message)
    return redirect(safe_next(request, "notifications:centre"))


def _scope(request) -> calendar.Scope | None:
    process = request.GET.get("process", "")
    if process and process not in dict(calendar.processes()):
        return None
    district = request.GET.get("district", "")
    district_id = parse_int(district) if district else None
    if district and district_id is None:
        return None
    return calendar.Scope(process=process, district=district_id)


def city_calendar(request):
    scope = _scope(request)
    today = timezone.localdate()
    year = parse_int(request.GET.get("year", str(today.year)), low=2000, high=2100)
    month = parse_int(request.GET.get("month", str(today.month)), low=1, high=12)
    view = request.GET.get("view", "month")
    if scope is None or year is None or month is None or view not in ("month", "list"):
        return HttpResponseBadRequest(
            _("Nieprawidłowy filtr: wybierz proces i dzielnicę z listy, rok i miesiąc liczbą.")
        )
    start, end = calendar.window(year, month if view == "month" else None)
    found = calendar.entries(start, end, scope)
    district = District.objects.filter(pk=scope.district).first() if scope.district else None
    return render(
        request,
        "notifications/calendar.html",
        {
            "entries": found,
            "weeks": month_grid(year, month, found) if view == "month" else None,
            "view": view,
            "year": year,
            "month": month,
            "month_start": date(year, month, 1),
            "processes": calendar.processes(),
            "districts": District.objects.order_by("number"),
            "scope": scope,
            "district": district,
            "query": request.GET.urlencode(),
        },
    )


def _ics(entries, name: str) -> HttpResponse:
    response = HttpResponse(ics.build(entries, name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="kalendarz.ics"'
    return response


def _year_around() -> tuple[date, date]:
    today = timezone.localdate()
    return date(today.year - 1, 1, 1), date(today.year + 2, 1, 1)


def calendar_feed(request):
    scope = _scope(request)
    if scope is None:
        return HttpResponseBadRequest(_("Nieprawidłowy filtr: wybierz proces i dzielnicę z listy."))
    start, end = _year_around()
    return _ics(calendar.entries(start, end, scope), _("Wspólnota — kalendarz miasta"))


def my_feed(request, token: str):
    user_id = ics.read_feed_token(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise Http404(_("Ten adres kalendarza jest nieprawidłowy."))
    start, end = _year_around()
    scope = calendar.followed_scope(user)
    return _ics(calendar.entries(start, end, scope), _("Wspólnota — obserwowane"))
