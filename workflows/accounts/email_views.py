"""Password reset (Django's views) and e-mail confirmation, both rate-limited.

A reset request always gets the same answer, whether or not the address has an account;
the limits are in mail_limits.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from .email_confirmation import user_of
from .forms import ConfirmedAddressResetForm
from .mail_limits import new_link_limited, refused, reset_limited
from .services import confirm_email, request_email_confirmation


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ConfirmedAddressResetForm
    template_name = "accounts/password_reset_form.html"
    subject_template_name = "accounts/emails/reset_subject.txt"
    email_template_name = "accounts/emails/reset_body.txt"
    success_url = reverse_lazy("password-reset-done")

    def post(self, request, *args, **kwargs):
        if reset_limited(request):
            return refused(request, self.template_name, {"form": self.get_form()})
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    reset_url_token = "ustaw-haslo"  # noqa: S105 - a URL segment, not a secret
    success_url = reverse_lazy("password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
@require_http_methods(["GET", "POST"])
def email_confirmation(request):
    """Where the address stands, and a button that sends a new link."""

    user = request.user
    if request.method == "POST" and user.email and not user.email_confirmed_at:
        if new_link_limited(request):
            return refused(request, "accounts/email_confirmation.html", {})
        request_email_confirmation(user, base_url=request.build_absolute_uri("/"))
        messages.success(
            request, gettext("Wysłaliśmy nowy link na %(email)s.") % {"email": user.email}
        )
        return redirect("email-confirmation")
    return render(request, "accounts/email_confirmation.html", {})


@login_required
@require_http_methods(["GET", "POST"])
def email_confirm(request, uidb64: str, token: str):
    """The link from the mail. It confirms only for its owner, signed in (a stranger at a
    mistyped address cannot confirm it), and only by the button: mail scanners fetch links."""

    owner = user_of(uidb64)
    if owner is None or owner.pk != request.user.pk:
        messages.error(
            request,
            gettext("Ten link jest dla innego konta. Zaloguj się na konto, które go dostało."),
        )
        return render(request, "accounts/email_confirmation.html", {}, status=403)
    if request.method == "POST":
        if confirm_email(user=request.user, token=token):
            messages.success(request, gettext("Adres e-mail potwierdzony. Dziękujemy!"))
        else:
            messages.error(
                request,
                gettext("Ten link jest nieważny: wygasł albo został już użyty. Wyślij nowy."),
            )
        return redirect("email-confirmation")
    return render(request, "accounts/email_confirm.html", {})
