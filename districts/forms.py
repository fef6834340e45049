from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.accounts.models import User


class DistrictImportForm(forms.Form):
    city = forms.CharField(label=_("Miasto"), max_length=100, help_text=_("Np. Gdańsk."))
    file = forms.FileField(
        label=_("Plik CSV z dzielnicami"),
        help_text=_(
            "Kolumny: number, name, a także roman i population (liczba mieszkańców; "
            "potrzebna do limitu podpisów poparcia: 0,1% mieszkańców). Kodowanie UTF-8."
        ),
    )


class CouncilForm(forms.Form):
    name = forms.CharField(label=_("Nazwa rady"), max_length=200)
    seats = forms.IntegerField(label=_("Liczba mandatów"), min_value=1, max_value=100)
    email = forms.EmailField(label=_("E-mail rady"), required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Radni"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Osoby z kontem w systemie; najwyżej tyle, ile mandatów."),
    )
