from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .forms import SignUpForm
from .services import register_resident
from .throttle import MESSAGE, RETRY_AFTER, login_limited


class LoginView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        if login_limited(request):
            # Refused before the password is checked: a guess past the limit learns nothing.
            messages.error(request, MESSAGE)
            response = self.render_to_response(self.get_context_data(form=self.form_class(request)))
            response.status_code = 429
            response["Retry-After"] = str(RETRY_AFTER)
            return response
        return super().post(request, *args, **kwargs)


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = register_resident(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            email=form.cleaned_data["email"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(request.GET.get("next") or "home")
    return render(request, "accounts/signup.html", {"form": form})
