from django import forms
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import Role, User


class SignUpForm(UserCreationForm):
    display_name = forms.CharField(label=_("Imię i nazwisko"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Wyślemy na niego link do potwierdzenia; przyda się, gdy zapomnisz hasła."),
    )
    privacy_accepted = forms.BooleanField(
        label=_("Zapoznałam/zapoznałem się z informacją o przetwarzaniu danych osobowych."),
        error_messages={
            "required": _(
                "Aby założyć konto, potwierdź, że znasz informację o przetwarzaniu "
                "danych osobowych (zaznacz pole pod informacją)."
            )
        },
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")


class ConfirmedAddressResetForm(PasswordResetForm):
    """Sends the reset link only to confirmed addresses: an unconfirmed one may be a typo that
    belongs to a stranger. The page says the same whatever happens (no account enumeration)."""

    def get_users(self, email):
        return (u for u in super().get_users(email) if u.email_confirmed_at)


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Administrator ma uprawnienia każdej roli."),
    )


class InviteForm(RolesForm):
    username = forms.CharField(
        label=_("Login"),
        max_length=150,
        help_text=_("Litery, cyfry i znaki @ . + - _; osoba ustawi hasło z linku zaproszenia."),
    )
    display_name = forms.CharField(label=_("Imię i nazwisko"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    field_order = ["username", "display_name", "email", "roles"]
