"""Page forms: filters, the proposal wizard's steps, the assessment, voter identification."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category, CityUnit, LandOwnership, Pool, ProposalState
from .setup_forms import ISO_DATE, MONEY_HELP


class ProposalFilter(forms.Form):
    q = forms.CharField(label=_("Szukaj"), required=False, max_length=100)
    district = forms.ChoiceField(label=_("Pula"), required=False)
    category = forms.ChoiceField(
        label=_("Kategoria"), required=False, choices=[("", _("wszystkie")), *Category.choices]
    )
    state = forms.ChoiceField(
        label=_("Etap"), required=False, choices=[("", _("wszystkie")), *ProposalState.choices[1:]]
    )
    cost_min = forms.DecimalField(label=_("Koszt od (zł)"), required=False, min_value=0)
    cost_max = forms.DecimalField(label=_("Koszt do (zł)"), required=False, min_value=0)

    def __init__(self, *args, pools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("wszystkie")), ("city", _("ogólnomiejska"))] + [
            (str(p.district_id), p.name) for p in pools if p.district_id
        ]


class PoolChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {_('do')} {obj.max_project_cost:,.0f} zł".replace(",", " ")


class StepBasics(forms.Form):
    title = forms.CharField(label=_("Tytuł projektu"), max_length=200)
    pool = PoolChoice(label=_("Pula"), queryset=Pool.objects.none())
    category = forms.ChoiceField(label=_("Kategoria"), choices=Category.choices)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = edition.pools.select_related("district")


class StepDescription(forms.Form):
    description = forms.CharField(label=_("Opis projektu"), widget=forms.Textarea, max_length=8000)
    location = forms.CharField(
        label=_("Lokalizacja"),
        max_length=300,
        help_text=_("Adres lub opis miejsca, np. „skwer przy ul. Dobrego Pasterza 100”."),
    )
    # Filled by clicking the map (static/js/budget-map.js); without it the point stays
    # empty: it is optional. The service checks it (budget.maps.parse_point).
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)


class StepCost(forms.Form):
    estimated_cost = forms.DecimalField(
        label=_("Szacowany koszt (zł)"), min_value=1, max_digits=12, decimal_places=2
    )


WIZARD = [
    ("podstawy", _("Podstawy"), StepBasics),
    ("opis", _("Opis i miejsce"), StepDescription),
    ("koszt", _("Koszt"), StepCost),
]


class AssessmentForm(forms.Form):
    verified_cost = forms.DecimalField(
        label=_("Koszt po weryfikacji (zł)"), min_value=0, max_digits=12, decimal_places=2
    )
    cost_change_reason = forms.CharField(
        label=_("Uzasadnienie zmiany kosztu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feasible = forms.BooleanField(label=_("Projekt jest wykonalny"), required=False)
    legal = forms.BooleanField(label=_("Projekt jest zgodny z prawem"), required=False)
    land_ownership = forms.ChoiceField(label=_("Własność terenu"), choices=LandOwnership.choices)
    maintenance_cost = forms.DecimalField(
        label=_("Roczny koszt utrzymania (zł)"),
        min_value=0,
        initial=0,
        max_digits=12,
        decimal_places=2,
    )
    notes = forms.CharField(
        label=_("Uwagi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class UnitForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Jednostka weryfikująca"), queryset=CityUnit.objects.all()
    )


class ImplementerForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Jednostka realizująca"),
        queryset=CityUnit.objects.all(),
        help_text=_("Prowadzi realizację projektu wybranego w głosowaniu."),
    )


class ProgressForm(forms.Form):
    """Text, as typed: the service parses (a decimal comma, a YYYY-MM-DD date) and refuses."""

    actual_cost = forms.CharField(
        label=_("Koszt poniesiony (zł)"), required=False, max_length=40, help_text=MONEY_HELP
    )
    planned_completion = forms.CharField(
        label=_("Planowane zakończenie"), required=False, max_length=10, widget=ISO_DATE
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Opis postępu prac"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PhotoForm(forms.Form):
    # A file, not forms.ImageField: the service opens it and refuses what is not an image.
    image = forms.FileField(label=_("Zdjęcie"))
    alt_text = forms.CharField(
        label=_("Opis zdjęcia"),
        max_length=300,
        help_text=_("Co widać na zdjęciu: przeczytają to osoby niewidome."),
    )


class PeselForm(forms.Form):
    # A password input never writes the value back into the page, even after an error.
    # Spaces and dashes are allowed as typed: identity.py checks and normalises the number,
    # so the page and the API accept the same spellings and hash the same digits.
    pesel = forms.CharField(
        label=_("PESEL"),
        max_length=24,
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "off", "inputmode": "numeric"}
        ),
    )
    first_name = forms.CharField(label=_("Imię"), max_length=100)
    last_name = forms.CharField(label=_("Nazwisko"), max_length=100)
    residence_declared = forms.BooleanField(
        label=_("Oświadczam, że mieszkam w tym mieście."), required=True
    )
    guardian_declared = forms.BooleanField(
        label=_("Głosuję za zgodą rodzica lub opiekuna prawnego (dotyczy osób niepełnoletnich)."),
        required=False,
    )
    # Checked by identity.identify_guardian only under the edition's guardian age.
    guardian_first_name = forms.CharField(
        label=_("Imię rodzica lub opiekuna prawnego"), max_length=100, required=False
    )
    guardian_last_name = forms.CharField(
        label=_("Nazwisko rodzica lub opiekuna prawnego"), max_length=100, required=False
    )
    guardian_pesel = forms.CharField(
        label=_("PESEL rodzica lub opiekuna prawnego"),
        max_length=24,
        required=False,
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "off", "inputmode": "numeric"}
        ),
    )
