"""Forms of the programme set-up pages: field names are the services', so a refusal lands
on the field it names."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.accounts.models import User

from .flows import MAX_TEXT
from .models import Programme, SectorTeam
from .models.programme import Form, ProgrammeKind


def text(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
        max_length=MAX_TEXT,
        help_text=help_text,
    )


def people(label, help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class SectionsForm(forms.Form):
    """The 11 sections of art. 5a ust. 4 of the 2003 Act, with the procedure around them."""

    title = forms.CharField(label=_("Tytuł programu"), max_length=300)
    legal_basis = forms.CharField(label=_("Podstawa prawna"), max_length=300)
    implements = forms.ModelChoiceField(
        label=_("Realizuje program wieloletni"),
        queryset=Programme.objects.filter(kind=ProgrammeKind.MULTI_YEAR),
        required=False,
        help_text=_("Tylko program roczny w okresie programu wieloletniego."),
    )
    main_goal = text(_("1. Cel główny"), rows=3)
    specific_goals = text(_("1. Cele szczegółowe"), _("Jeden cel w wierszu."))
    principles = text(_("2. Zasady współpracy"))
    scope = text(_("3. Zakres przedmiotowy"))
    forms_of_cooperation = forms.MultipleChoiceField(
        label=_("4. Formy współpracy"),
        choices=Form.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    task_areas = forms.MultipleChoiceField(
        label=_("5. Priorytetowe zadania publiczne"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    implementation_method = text(_("7. Sposób realizacji programu"))
    planned_funds = forms.CharField(
        label=_("8. Wysokość środków planowanych na realizację programu"),
        required=False,
        help_text=_("W złotych, np. 12 500 000,00."),
    )
    evaluation_method = text(_("9. Sposób oceny realizacji programu"))
    creation_info = text(_("10. Informacja o sposobie tworzenia programu i przebiegu konsultacji"))
    committees_rules = text(
        _("11. Tryb powoływania i zasady działania komisji konkursowych do opiniowania ofert")
    )
    consultation_resolution = forms.CharField(
        label=_("Uchwała rady o trybie konsultacji z organizacjami"),
        max_length=300,
        required=False,
        help_text=_("Numer i data uchwały (art. 5 ust. 5 ustawy)."),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_areas"].choices = [(str(a.number), str(a)) for a in areas]

    @staticmethod
    def initial_of(programme) -> dict:
        funds = programme.planned_funds
        return {
            **{
                name: getattr(programme, name)
                for name in (
                    "title",
                    "legal_basis",
                    "main_goal",
                    "principles",
                    "scope",
                    "forms_of_cooperation",
                    "implementation_method",
                    "evaluation_method",
                    "creation_info",
                    "committees_rules",
                    "consultation_resolution",
                )
            },
            "implements": programme.implements_id,
            "specific_goals": "\n".join(programme.specific_goals),
            "task_areas": [str(a.number) for a in programme.priority_task_areas.all()],
            "planned_funds": "" if funds is None else f"{funds:.2f}".replace(".", ","),
        }

    def sections(self) -> dict:
        data = dict(self.cleaned_data)
        data["specific_goals"] = [
            g.strip() for g in data["specific_goals"].splitlines() if g.strip()
        ]
        data["implements"] = data["implements"].pk if data["implements"] else None
        return data


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nazwa zespołu"), max_length=200)
    description = text(_("Opis"), rows=3)
    moderator = forms.ModelChoiceField(
        label=_("Moderator"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text=_("Prowadzi spotkania zespołu."),
    )
    members = people(_("Członkowie"))

    def team(self) -> dict:
        data = dict(self.cleaned_data)
        data["moderator"] = data["moderator"].pk if data["moderator"] else None
        data["members"] = [u.pk for u in data["members"]]
        return data


class ChapterForm(forms.Form):
    sector_team = forms.ModelChoiceField(
        label=_("Zespół sektorowy"), queryset=SectorTeam.objects.all()
    )
    title = forms.CharField(
        label=_("Tytuł rozdziału"),
        max_length=300,
        required=False,
        help_text=_("Puste: nazwa zespołu."),
    )


class CoordinatingForm(forms.Form):
    name = forms.CharField(label=_("Nazwa zespołu"), max_length=200)
    members = people(_("Członkowie"), _("Odpowiadają na uwagi i przygotowują tekst końcowy."))


class OpinionForm(forms.Form):
    """The RDPP's opinion on the draft (art. 5a ust. 2a of the 2003 Act): its file and date."""

    file = forms.FileField(label=_("Plik z opinią"), help_text=_("Np. uchwała rady w PDF."))
    given_on = forms.DateField(
        label=_("Data opinii"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
