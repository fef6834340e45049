"""HTML forms of the edition set-up pages. Amounts are text (a decimal comma is welcome);
the services parse and refuse, and their refusals land on the field they name."""

from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import City
from workflows.accounts.models import User

from .models import PhaseKind, PoolKind, PoolMode, TieBreak, VoteRule
from .models.editions import TALLY_RULES
from .models.proposals import Category
from .results.templatetags.results_format import RULES
from .services.rulebook import SET_BY_RULEBOOK

MONEY_HELP = _("W złotych, np. 1 200 000,00.")
ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def money_text(value) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


class EditionForm(forms.Form):
    city = forms.ModelChoiceField(label=_("Miasto"), queryset=City.objects.all(), empty_label=None)
    title = forms.CharField(label=_("Nazwa edycji"), max_length=200)
    year = forms.IntegerField(label=_("Rok"), min_value=2000, max_value=2100)
    legal_basis = forms.CharField(
        label=_("Podstawa prawna"),
        max_length=300,
        required=False,
        help_text=_("Uchwała rady miasta w sprawie zasad budżetu obywatelskiego (numer, data)."),
    )
    total_amount = forms.CharField(label=_("Kwota budżetu obywatelskiego"), help_text=MONEY_HELP)
    city_spending = forms.CharField(
        label=_("Wydatki miasta z ostatniego sprawozdania z wykonania budżetu"),
        required=False,
        help_text=_("Art. 5a ust. 5 u.s.g.: budżet obywatelski to co najmniej 0,5% tej kwoty."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Kategorie projektów"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    vote_rule = forms.ChoiceField(
        label=_("Sposób głosowania"), choices=VoteRule.choices, widget=forms.RadioSelect
    )
    max_choices = forms.IntegerField(
        label=_("Najwięcej projektów w puli (głosowanie aprobujące)"), min_value=1, max_value=100
    )
    ordinal_points = forms.CharField(
        label=_("Punkty za kolejne miejsca"),
        required=False,
        help_text=_("Tylko przy punktach za kolejność, np. 3, 2, 1."),
    )
    max_points = forms.IntegerField(
        label=_("Punkty do rozdzielenia w puli"), min_value=1, max_value=100
    )
    pool_mode = forms.ChoiceField(
        label=_("Pule na karcie"), choices=PoolMode.choices, widget=forms.RadioSelect
    )
    minimum_age = forms.IntegerField(
        label=_("Minimalny wiek głosującego"),
        min_value=0,
        max_value=100,
        help_text=_("0: bez ograniczenia wieku (art. 5a ust. 7 pkt 4 u.s.g.)."),
    )
    guardian_under = forms.IntegerField(
        label=_("Zgoda opiekuna dla głosujących poniżej (lat)"), min_value=0, max_value=100
    )
    identification = forms.MultipleChoiceField(
        label=_("Sposoby identyfikacji głosujących"),
        choices=[("pesel", _("numer PESEL")), ("code", _("jednorazowy kod"))],
        widget=forms.CheckboxSelectMultiple,
    )
    tie_break = forms.ChoiceField(label=_("Rozstrzyganie remisów"), choices=TieBreak.choices)
    correction_days = forms.IntegerField(
        label=_("Dni na uzupełnienie braków"), min_value=0, max_value=100
    )
    district_council_opinions = forms.BooleanField(
        label=_("Rady dzielnic opiniują projekty ze swoich dzielnic w czasie weryfikacji"),
        required=False,
    )

    def __init__(self, *args, rulebook: bool = False, **kwargs):
        """`rulebook`: the edition has one, and it alone sets the ballot rules (the page
        links to it instead of offering fields that would no longer reach the ballot)."""

        super().__init__(*args, **kwargs)
        if rulebook:
            for name in SET_BY_RULEBOOK:
                del self.fields[name]

    @staticmethod
    def initial_of(edition) -> dict:
        return {
            "city": edition.city_id,
            **{
                name: getattr(edition, name)
                for name in (
                    "title",
                    "year",
                    "legal_basis",
                    "categories",
                    "vote_rule",
                    "max_choices",
                    "max_points",
                    "pool_mode",
                    "minimum_age",
                    "guardian_under",
                    "identification",
                    "tie_break",
                    "correction_days",
                    "district_council_opinions",
                )
            },
            "total_amount": money_text(edition.total_amount),
            "city_spending": money_text(edition.city_spending),
            "ordinal_points": ", ".join(str(p) for p in edition.ordinal_points),
        }

    def settings(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("city")
        if data.get("vote_rule") != VoteRule.ORDINAL and not data.get("ordinal_points"):
            data.pop("ordinal_points", None)
        return data


class CopyForm(forms.Form):
    year = forms.IntegerField(label=_("Rok nowej edycji"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("Nazwa nowej edycji"),
        max_length=200,
        required=False,
        help_text=_("Puste: nazwa poprzedniej edycji z nowym rokiem."),
    )


class PoolForm(forms.Form):
    # Empty: the citywide pool.
    district = forms.ChoiceField(label=_("Obszar"), required=False)
    kind = forms.ChoiceField(
        label=_("Rodzaj puli"),
        choices=[
            ("", _("według obszaru: ogólnomiejska albo dzielnicowa")),
            (PoolKind.THEMATIC, _("tematyczna (cała gmina, rozpoznawana po nazwie)")),
        ],
        required=False,
    )
    name = forms.CharField(label=_("Nazwa puli"), max_length=200)
    amount = forms.CharField(label=_("Kwota puli"), help_text=MONEY_HELP)
    max_project_cost = forms.CharField(label=_("Najwyższy koszt projektu"), help_text=MONEY_HELP)
    population = forms.IntegerField(
        label=_("Liczba mieszkańców obszaru"),
        min_value=0,
        required=False,
        help_text=_("Puste przy dzielnicy: liczba wczytana z pliku dzielnic."),
    )
    support_minimum = forms.IntegerField(
        label=_("Wymagana liczba podpisów poparcia"),
        min_value=0,
        initial=0,
        help_text=_("Najwyżej 0,1% mieszkańców obszaru (art. 5a ust. 7 pkt 1 u.s.g.)."),
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("cała gmina (pula ogólnomiejska)"))] + [
            (str(d.pk), str(d)) for d in districts
        ]


class CountingForm(forms.Form):
    tally_rule = forms.ChoiceField(
        label=_("Reguła liczenia głosów"),
        choices=[(rule, RULES[rule]) for rule in TALLY_RULES],
        widget=forms.RadioSelect,
    )
    score_threshold = forms.IntegerField(
        label=_("Próg: najmniej głosów projektu"),
        min_value=0,
        required=False,
        help_text=_("Tylko dla reguły zachłannej z progiem."),
    )


class ScheduleForm(forms.Form):
    reason = forms.CharField(
        label=_("Uzasadnienie zmiany"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Wymagane, gdy edycja już trwa; zostanie zapisane w historii."),
    )

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in PhaseKind:
            phase = phases.get(kind.value)
            for end, label in (("opens", _("od")), ("closes", _("do"))):
                self.fields[f"{kind.value}_{end}"] = forms.DateField(
                    label=label,
                    required=False,
                    widget=ISO_DATE,
                    initial=phase[end] if phase else None,
                )

    def pairs(self):
        return [(k.label, self[f"{k.value}_opens"], self[f"{k.value}_closes"]) for k in PhaseKind]


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Nazwa jednostki"), max_length=200)
    short_name = forms.CharField(label=_("Skrót"), max_length=20, required=False)
    verifiers = forms.ModelMultipleChoiceField(
        label=_("Weryfikatorzy"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Otrzymają rolę weryfikatora i projekty przydzielone tej jednostce."),
    )
