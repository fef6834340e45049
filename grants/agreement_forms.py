"""Forms of the agreement pages: they collect input; the services check it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .agreements import AgreementState


def _date(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class AgreementFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Etap"), choices=[("", _("wszystkie")), *AgreementState.choices], required=False
    )
    year = forms.IntegerField(label=_("Rok"), min_value=2000, max_value=2100, required=False)
    organisation = forms.CharField(label=_("Organizacja"), max_length=100, required=False)
    late = forms.BooleanField(label=_("Tylko ze sprawozdaniem po terminie"), required=False)


class AgreementForm(forms.Form):
    number = forms.CharField(label=_("Numer umowy"), max_length=100)
    starts_on = _date(_("Realizacja od"), False, _("Domyślnie jak w ogłoszeniu konkursu."))
    ends_on = _date(_("Realizacja do"), False, _("Domyślnie jak w ogłoszeniu konkursu."))
    report_due = _date(
        _("Termin sprawozdania końcowego"),
        False,
        _("Domyślnie 30 dni od zakończenia zadania (art. 18 ust. 1 ustawy)."),
    )
    partial_report_due = _date(_("Termin sprawozdania częściowego"), False)


class TrancheForm(forms.Form):
    year = forms.IntegerField(label=_("Rok budżetowy"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Kwota transzy (zł)"), decimal_places=2, min_value=0)


TrancheFormSet = forms.formset_factory(TrancheForm, extra=3, max_num=10)


class EstimateForm(forms.Form):
    schedule = forms.CharField(label=_("Harmonogram"), widget=forms.Textarea, required=False)


class TransferForm(forms.Form):
    transferred_on = _date(_("Data przekazania"))


class ReturnForm(forms.Form):
    amount = forms.DecimalField(label=_("Zwrócona kwota (zł)"), decimal_places=2, min_value=0)
    returned_on = _date(_("Data zwrotu"))


class ChangeForm(forms.Form):
    justification = forms.CharField(label=_("Uzasadnienie wniosku"), widget=forms.Textarea)
    new_starts_on = _date(_("Nowy początek realizacji"), False)
    new_ends_on = _date(_("Nowy koniec realizacji"), False)
    new_schedule = forms.CharField(
        label=_("Nowy harmonogram"), widget=forms.Textarea, required=False
    )
    change_costs = forms.BooleanField(
        label=_("Zmieniam kosztorys (wypełnij go poniżej w całości)"), required=False
    )


class ReportForm(forms.Form):
    final = forms.BooleanField(
        label=_("Sprawozdanie końcowe"),
        required=False,
        initial=True,
        help_text=_("Odznacz dla sprawozdania częściowego."),
    )
    achieved = forms.CharField(label=_("Opis wykonania zadania"), widget=forms.Textarea)
    beneficiaries = forms.IntegerField(label=_("Liczba odbiorców zadania"), min_value=0)

    def __init__(self, *args, cost_lines, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not new:
            del self.fields["final"]
        self.cost_lines = list(cost_lines)
        for line in self.cost_lines:
            self.fields[f"grant_{line.pk}"] = forms.DecimalField(
                label=_("%(name)s: poniesione z dotacji (zł, w kosztorysie %(planned)s)")
                % {"name": line.name, "planned": line.from_grant},
                decimal_places=2,
                min_value=0,
            )
            self.fields[f"own_{line.pk}"] = forms.DecimalField(
                label=_("%(name)s: poniesione z wkładu własnego (zł)") % {"name": line.name},
                decimal_places=2,
                min_value=0,
                initial=0,
            )

    def lines(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "cost_line": x.pk,
                "spent_grant": data[f"grant_{x.pk}"],
                "spent_own": data[f"own_{x.pk}"],
            }
            for x in self.cost_lines
        ]
