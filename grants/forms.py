"""Forms of the grants pages: they collect input; the services check it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Programme, TaskArea
from workflows.accounts.models import Organisation

from .models import OperationalProgramme, TaskForm


class CompetitionForm(forms.Form):
    task_area = forms.ModelChoiceField(TaskArea.objects.all(), label=_("Obszar zadań publicznych"))
    programme = forms.ModelChoiceField(
        Programme.objects.all(), label=_("Program współpracy"), required=False
    )
    title = forms.CharField(label=_("Zadanie publiczne"), max_length=300)
    form = forms.ChoiceField(choices=TaskForm.choices, label=_("Forma realizacji"))
    funds = forms.DecimalField(label=_("Wysokość środków (zł)"), decimal_places=2, min_value=0)
    rules = forms.CharField(label=_("Zasady przyznawania dotacji"), widget=forms.Textarea)
    carried_out_from = forms.DateField(
        label=_("Realizacja od"), widget=forms.DateInput(attrs={"type": "date"})
    )
    carried_out_to = forms.DateField(
        label=_("Realizacja do"), widget=forms.DateInput(attrs={"type": "date"})
    )
    offers_deadline = forms.DateTimeField(
        label=_("Termin składania ofert"),
        help_text=_("Co najmniej 21 dni od ogłoszenia (art. 13 ust. 1 ustawy)."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    min_grant = forms.DecimalField(label=_("Minimalna dotacja (zł)"), decimal_places=2)
    max_grant = forms.DecimalField(label=_("Maksymalna dotacja (zł)"), decimal_places=2)
    own_contribution_percent = forms.DecimalField(
        label=_("Wymagany wkład własny (% kosztów)"), decimal_places=2, initial=0
    )
    own_financial_percent = forms.DecimalField(
        label=_("W tym wkład finansowy (% kosztów, co najmniej)"),
        decimal_places=2,
        initial=0,
        required=False,
    )
    own_personal_percent = forms.DecimalField(
        label=_("W tym wkład osobowy (% kosztów, co najmniej)"),
        decimal_places=2,
        initial=0,
        required=False,
    )
    several_offers_allowed = forms.BooleanField(
        label=_("Organizacja może złożyć kilka ofert"), required=False
    )
    correction_days = forms.IntegerField(
        label=_("Termin na poprawę błędów formalnych (dni)"),
        min_value=1,
        max_value=60,
        initial=7,
        required=False,
    )
    operational_programme = forms.ModelChoiceField(
        OperationalProgramme.objects.all(), label=_("Program operacyjny"), required=False
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Kryterium"), max_length=300)
    weight = forms.IntegerField(label=_("Waga (%)"), min_value=1, max_value=100)
    max_points = forms.IntegerField(label=_("Punkty (najwyżej)"), min_value=1, max_value=100)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=4, max_num=20)


class OfferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        None,
        label=_("Organizacja (lider oferty)"),
        help_text=_("W ofercie wspólnej ofertę składa i poprawia lider."),
    )
    partners = forms.ModelMultipleChoiceField(
        Organisation.objects.all(),
        label=_("Partnerzy oferty wspólnej (art. 14 ust. 2 ustawy)"),
        required=False,
    )
    title = forms.CharField(label=_("Tytuł zadania"), max_length=300)
    starts_on = forms.DateField(
        label=_("Realizacja od"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    ends_on = forms.DateField(
        label=_("Realizacja do"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    description = forms.CharField(label=_("Opis zadania"), widget=forms.Textarea, required=False)
    schedule = forms.CharField(label=_("Harmonogram"), widget=forms.Textarea, required=False)
    resources = forms.CharField(
        label=_("Zasoby organizacji"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, organisations, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        # The period the announcement allows, for the browser's date pickers too.
        for name in ("starts_on", "ends_on"):
            self.fields[name].widget.attrs.update(
                min=competition.carried_out_from.isoformat(),
                max=competition.carried_out_to.isoformat(),
            )


class CopyOfferForm(forms.Form):
    source = forms.ModelChoiceField(None, label=_("Wcześniejsza oferta mojej organizacji"))

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = offers
        self.fields["source"].label_from_instance = lambda o: f"{o.title} ({o.competition})"


class CostLineForm(forms.Form):
    name = forms.CharField(label=_("Rodzaj kosztu"), max_length=300)
    quantity = forms.DecimalField(label=_("Liczba jednostek"), decimal_places=2, min_value=0)
    unit_cost = forms.DecimalField(label=_("Koszt jednostkowy (zł)"), decimal_places=2, min_value=0)
    from_grant = forms.DecimalField(label=_("Z dotacji (zł)"), decimal_places=2, min_value=0)
    from_own = forms.DecimalField(
        label=_("Z wkładu własnego finansowego (zł)"), decimal_places=2, min_value=0
    )
    from_personal = forms.DecimalField(
        label=_("Z wkładu osobowego (zł)"),
        help_text=_("Praca wolontariuszy i członków organizacji, wyceniona w złotych."),
        decimal_places=2,
        min_value=0,
        required=False,
    )


CostLineFormSet = forms.formset_factory(CostLineForm, extra=3, max_num=100)


def filled_rows(formset) -> list[dict]:
    """The rows a person filled in (empty extra rows left out)."""

    return [f.cleaned_data for f in formset.forms if f.cleaned_data]


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[str(criterion.pk)] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_points})",
                min_value=0,
                max_value=criterion.max_points,
            )


class ReportYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Rok realizacji programu"),
        min_value=2000,
        max_value=2100,
        help_text=_("Sprawozdanie za rok poprzedni przedkłada się Radzie do 31 maja."),
    )
    operational_programme = forms.ModelChoiceField(
        OperationalProgramme.objects.all(),
        label=_("Program operacyjny"),
        required=False,
        help_text=_("Zostaw puste dla sprawozdania z całego programu współpracy."),
    )


class OperationalProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Nazwa programu operacyjnego"), max_length=300)
    programme = forms.ModelChoiceField(
        Programme.objects.all(), label=_("Program współpracy"), required=False
    )
    coordinator = forms.CharField(label=_("Login koordynatora"), max_length=150)
    team = forms.CharField(
        label=_("Zespół programu"),
        help_text=_("Loginy osób, po jednym w wierszu."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    task_areas = forms.ModelMultipleChoiceField(
        TaskArea.objects.all(),
        label=_("Obszary zadań publicznych"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SectionCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Komentarz urzędu"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class SmallGrantForm(forms.Form):
    organisation = forms.ModelChoiceField(None, label=_("Organizacja"))
    task_area = forms.ModelChoiceField(TaskArea.objects.all(), label=_("Obszar zadań publicznych"))
    title = forms.CharField(label=_("Tytuł zadania"), max_length=300)
    description = forms.CharField(label=_("Opis zadania"), widget=forms.Textarea)
    amount = forms.DecimalField(
        label=_("Wnioskowana dotacja (zł)"),
        decimal_places=2,
        help_text=_("Do 10 000 zł na zadanie trwające do 90 dni (art. 19a ust. 1 ustawy)."),
    )
    carried_out_from = forms.DateField(
        label=_("Realizacja od"), widget=forms.DateInput(attrs={"type": "date"})
    )
    carried_out_to = forms.DateField(
        label=_("Realizacja do"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RemarkForm(forms.Form):
    text = forms.CharField(label=_("Uwaga"), widget=forms.Textarea(attrs={"rows": 4}))


class StaffRemarkForm(RemarkForm):
    sender = forms.CharField(
        label=_("Zgłaszający"),
        max_length=300,
        required=False,
        help_text=_("Wpisz, gdy uwaga wpłynęła do urzędu pocztą lub e-mailem."),
    )


class InitiativeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        None,
        label=_("Za pośrednictwem organizacji"),
        required=False,
        help_text=_("Zostaw puste, gdy mieszkańcy składają wniosek bezpośrednio."),
    )
    group_name = forms.CharField(label=_("Wnioskodawcy (grupa mieszkańców)"), max_length=300)
    task_area = forms.ModelChoiceField(TaskArea.objects.all(), label=_("Obszar zadań publicznych"))
    title = forms.CharField(label=_("Tytuł zadania"), max_length=300)
    description = forms.CharField(label=_("Opis zadania"), widget=forms.Textarea)
    place = forms.CharField(label=_("Miejsce realizacji"), max_length=300)
    carried_out_from = forms.DateField(
        label=_("Realizacja od"), widget=forms.DateInput(attrs={"type": "date"})
    )
    carried_out_to = forms.DateField(
        label=_("Realizacja do"), widget=forms.DateInput(attrs={"type": "date"})
    )
    work_hours = forms.IntegerField(label=_("Praca społeczna (godziny)"), min_value=0, initial=0)
    work_value = forms.DecimalField(
        label=_("Wartość pracy społecznej (zł)"), decimal_places=2, min_value=0, initial=0
    )
    in_kind_value = forms.DecimalField(
        label=_("Wkład rzeczowy (zł)"), decimal_places=2, min_value=0, initial=0
    )
    money_value = forms.DecimalField(
        label=_("Wkład pieniężny (zł)"), decimal_places=2, min_value=0, initial=0
    )
    city_contribution = forms.DecimalField(
        label=_("Wnioskowany wkład miasta (zł)"), decimal_places=2, min_value=0
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class MemberForm(forms.Form):
    username = forms.CharField(
        label=_("Login osoby powoływanej do komisji"),
        max_length=150,
        help_text=_(
            "Przedstawiciele organizacji, które nie składają ofert w konkursie, i pracownicy "
            "urzędu (art. 15 ust. 2a ustawy)."
        ),
    )
