from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from workflows.redirects import safe_next

from ..errors import WorkflowError
from ..forms import form_refusal
from ..permissions import has_perm
from . import demo, services
from .forms import InviteForm, RolesForm, SignUpForm
from .login_limits import ADDRESS_RETRY_AFTER, address_flooded, address_message, login_refused_page
from .mail_limits import address_limited, refused
from .models import Role, User
from .services import register_resident


class LoginView(auth_views.LoginView):
    """Django's login page; django-axes refuses a locked-out name and address (login_limits)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO_MODE:
            context["demo_accounts"] = demo.demo_accounts()
            context["demo_password"] = demo.DEMO_PASSWORD
        return context

    def post(self, request, *args, **kwargs):
        if address_flooded(request):
            # Refused before the password is checked: a guess past the limit learns nothing.
            return login_refused_page(request, address_message(), ADDRESS_RETRY_AFTER)
        return super().post(request, *args, **kwargs)


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Counted once the form is complete: fixing a typo costs nothing, a new mail does.
        if address_limited(request):
            return refused(request, "accounts/signup.html", {"form": form})
        user = register_resident(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            email=form.cleaned_data["email"],
            privacy_accepted=form.cleaned_data["privacy_accepted"],
            base_url=request.build_absolute_uri("/"),
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            gettext(
                "Witamy w serwisie Wspólnota, %(name)s! Możesz teraz zgłaszać uwagi do "
                "programów współpracy, składać projekty do budżetu obywatelskiego i głosować."
            )
            % {"name": user},
        )
        messages.info(
            request,
            gettext(
                "Konto założone. Potwierdź adres e-mail linkiem, który wysłaliśmy na %(email)s."
            )
            % {"email": user.email},
        )
        return redirect(safe_next(request, "home"))
    return render(request, "accounts/signup.html", {"form": form})


def _administrator_only(request) -> None:
    if not has_perm(request.user, "accounts.manage_people"):
        raise PermissionDenied(_("Osoby i ich role zarządza administrator."))


@login_required
@require_http_methods(["GET", "POST"])
def people(request):
    """Invite a person with roles; the page shows the link they set their password with."""

    _administrator_only(request)
    form = InviteForm(request.POST or None)
    invitation = None
    if request.method == "POST" and form.is_valid():
        try:
            user, link = services.invite_person(by=request.user, **form.cleaned_data)
        except WorkflowError as exc:
            form_refusal(form, exc)
        else:
            invitation = {"user": user, "link": request.build_absolute_uri(link)}
            form = InviteForm()
    users = User.objects.prefetch_related("groups").order_by("username", "pk")
    page = Paginator(users, PEOPLE_PER_PAGE).get_page(request.GET.get("strona"))
    rows = [(person, role_labels(person)) for person in page.object_list]
    return render(
        request,
        "accounts/people.html",
        {"form": form, "rows": rows, "page": page, "invitation": invitation},
        status=400 if form.errors else 200,
    )


PEOPLE_PER_PAGE = 50


def role_labels(person) -> list[str]:
    """The person's global roles by name (their prefetched groups)."""

    return [Role(g.name).label for g in person.groups.all() if g.name in Role.values]


@login_required
@require_http_methods(["GET", "POST"])
def person_roles(request, pk: int):
    _administrator_only(request)
    person = get_object_or_404(User, pk=pk)
    current = [g.name for g in person.groups.all() if g.name in Role.values]
    form = RolesForm(request.POST or None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_roles(by=request.user, user=person, roles=form.cleaned_data["roles"])
        except WorkflowError as exc:
            form.add_error("roles", exc.message)
        else:
            messages.success(request, _("Zapisano role: %(who)s.") % {"who": person})
            return redirect("people")
    return render(
        request,
        "accounts/person_roles.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )
