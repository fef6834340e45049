"""HTML forms of the consultation pages. They shape input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .flows import MAX_TEXT
from .models.chapters import BlockKind
from .models.comments import CommentKind, Decision
from .models.programme import MilestoneCode, ProgrammeKind


class CommentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rodzaj uwagi"), choices=CommentKind.choices)
    proposed_wording = forms.CharField(
        label=_("Proponowane brzmienie zapisu"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Wymagane przy zmianie i dodaniu zapisu."),
    )
    justification = forms.CharField(
        label=_("Uzasadnienie"), widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_TEXT
    )
    organisation = forms.ModelChoiceField(
        label=_("Zgłaszam w imieniu organizacji"),
        queryset=None,
        required=False,
        empty_label=_("— we własnym imieniu (mieszkaniec) —"),
    )
    chapter = forms.IntegerField(widget=forms.HiddenInput, required=False)
    anchor = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            user.organisations.all() if user and user.is_authenticated else []
        )


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Rozstrzygnięcie"), choices=Decision.choices)
    reason = forms.CharField(
        label=_("Uzasadnienie odpowiedzi"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
    )


class QueueFilter(forms.Form):
    unanswered = forms.BooleanField(label=_("tylko bez odpowiedzi"), required=False)
    chapter = forms.ModelChoiceField(
        label=_("Rozdział"), queryset=None, required=False, empty_label=_("wszystkie")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organizacja"), queryset=None, required=False, empty_label=_("wszystkie")
    )

    def __init__(self, *args, programme, **kwargs):
        from workflows.accounts.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = programme.chapters.all()
        self.fields["organisation"].queryset = Organisation.objects.filter(
            programme_comments__programme=programme
        ).distinct()


class ScheduleForm(forms.Form):
    justification = forms.CharField(
        label=_("Pisemne uzasadnienie (wymagane, gdy harmonogram nie zdąży przed 30 listopada)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
    )

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        for step in steps:
            self.fields[step.code] = forms.DateField(
                label=step.label,
                required=False,
                initial=step.planned,
                # <input type=date> shows only ISO values (a localised 20.11.2026 stays blank).
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )


class ProgrammeForm(forms.Form):
    """A new programme and its planned dates (the backward schedule of the 30 November rule).
    Field names are the service's, so its refusals land on the field they name."""

    CONTENTS = ("title", "kind", "year_from", "year_to", "legal_basis", "main_goal", "task_areas")
    title = forms.CharField(label=_("Tytuł programu"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Rodzaj programu"),
        choices=ProgrammeKind.choices,
        initial=ProgrammeKind.ANNUAL,
        widget=forms.RadioSelect,
    )
    year_from = forms.IntegerField(label=_("Od roku"), min_value=2000, max_value=2100)
    year_to = forms.IntegerField(
        label=_("Do roku"),
        required=False,
        min_value=2000,
        max_value=2111,
        help_text=_("Tylko dla programu wieloletniego (od 2 do 11 lat)."),
    )
    legal_basis = forms.CharField(
        label=_("Podstawa prawna"),
        max_length=300,
        required=False,
        help_text=_("Puste: art. 5a ustawy o działalności pożytku publicznego i o wolontariacie."),
    )
    main_goal = forms.CharField(
        label=_("Cel główny"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
    )
    task_areas = forms.MultipleChoiceField(
        label=_("Priorytetowe obszary zadań publicznych"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    justification = forms.CharField(
        label=_("Pisemne uzasadnienie harmonogramu, który nie zdąży przed 30 listopada"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Zostanie zapisane w historii programu."),
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_areas"].choices = [(a.number, str(a)) for a in areas]
        for code in MilestoneCode:
            self.fields[code.value] = forms.DateField(
                label=code.label,
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def schedule_fields(self):
        return [self[code.value] for code in MilestoneCode]

    def programme_fields(self):
        return [self[name] for name in self.CONTENTS]

    def planned(self) -> dict:
        return {c: self.cleaned_data[c] for c in MilestoneCode.values if self.cleaned_data.get(c)}


class DraftForm(forms.Form):
    note = forms.CharField(label=_("Opis zmian"), max_length=500, required=False)
    # The draft the page showed; empty when saving starts a new version.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class BlockForm(forms.Form):
    """One block of a chapter: a paragraph, a SWOT item, a goal or an action."""

    anchor = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    kind = forms.ChoiceField(label=_("Rodzaj"), choices=BlockKind.choices, initial=BlockKind.TEXT)
    text = forms.CharField(
        label=_("Treść"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Blok bez treści zostanie pominięty."),
    )
    responsible_unit = forms.CharField(
        label=_("Jednostka odpowiedzialna (działanie)"), max_length=300, required=False
    )
    indicator = forms.CharField(label=_("Wskaźnik (działanie)"), max_length=500, required=False)
    budget_estimate = forms.DecimalField(
        label=_("Szacowany koszt w zł (działanie)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    task_areas = forms.TypedMultipleChoiceField(
        label=_("Obszary zadań publicznych"), coerce=int, required=False
    )
    strategy_goals = forms.MultipleChoiceField(label=_("Cele strategii miasta"), required=False)

    def __init__(self, *args, areas, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_areas"].choices = [(a.number, str(a)) for a in areas]
        self.fields["strategy_goals"].choices = [(g.code, str(g)) for g in goals]


# Rows for new blocks under the existing ones; blank rows are ignored.
BlockFormSet = forms.formset_factory(BlockForm, extra=3, max_num=200, validate_max=True)


def block_initial(block) -> dict:
    return {
        "anchor": block.anchor,
        "kind": block.kind,
        "text": block.text,
        "responsible_unit": block.responsible_unit,
        "indicator": block.indicator,
        "budget_estimate": block.budget_estimate,
        "task_areas": [a.number for a in block.task_areas.all()],
        "strategy_goals": [g.code for g in block.strategy_goals.all()],
    }
